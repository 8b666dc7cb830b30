package ruru.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import ruru.daemon.config.ConfigException;
import ruru.daemon.config.PathPolicy;
import ruru.json.Json;
import ruru.json.MapElement;
import ruru.json.ParseOptions;

/** The Control-agent map: defaults, control sockets, authentication with ruru's extensions, refusals. */
class AgentConfigParserTest {

    private final PathPolicy paths = new PathPolicy(Path.of("/etc/kea"), Map.of(), false);

    private AgentConfig parse(String agent) throws Exception {
        return AgentConfigParser.parse((MapElement) Json.parse(agent, ParseOptions.string()), paths);
    }

    @Test
    void defaultsAreKeasAndShownByConfigGet() throws Exception {
        AgentConfig c = parse("{ }");
        assertThat(c.listener().address()).isEqualTo("127.0.0.1");
        assertThat(c.listener().port()).isEqualTo(8000);
        assertThat(c.listener().authentication()).isEmpty();
        assertThat(c.sockets()).isEmpty();
        assertThat(c.common().unixSocket()).isEmpty();
        assertThat(Json.toCompact(c.element()))
                .isEqualTo("{ \"control-sockets\": {  }, \"hooks-libraries\": [  ], \"http-host\": \"127.0.0.1\", \"http-port\": 8000 }");
    }

    @Test
    void controlSocketsResolveInTheControlSocketDirectory() throws Exception {
        AgentConfig c = parse("""
                { "control-sockets": {
                    "dhcp4": { "socket-type": "unix", "socket-name": "kea4-ctrl-socket", "comment": "v4" },
                    "d2": { "socket-name": "/run/kea/d2.sock", "user-context": { "in-use": false } } } }
                """);
        assertThat(c.socketOf("dhcp4")).contains(Path.of("/run/kea/kea4-ctrl-socket"));
        assertThat(c.socketOf("d2")).contains(Path.of("/run/kea/d2.sock"));
        assertThat(c.socketOf("dhcp6")).isEmpty();
    }

    @Test
    void authenticationTakesTheRuruCommandsAndServicesKeys() throws Exception {
        AgentConfig c = parse("""
                { "authentication": { "type": "basic", "clients": [
                    { "user": "viewer", "password": "Look-only-7", "commands": [ "status-get", "config-get" ],
                      "services": [ "dhcp4" ] } ] } }
                """);
        var auth = c.listener().authentication().orElseThrow();
        assertThat(auth.realm()).isEqualTo("kea-control-agent");
        assertThat(auth.clients().getFirst().commands()).contains(Set.of("status-get", "config-get"));
        assertThat(auth.clients().getFirst().services()).contains(Set.of("dhcp4"));
    }

    @Test
    void refusals() {
        assertThatThrownBy(() -> parse("{ \"BOGUS\": 1 }")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("got unexpected keyword \"BOGUS\" in Control-agent map.");
        assertThatThrownBy(() -> parse("{ \"control-sockets\": { \"dhcp5\": { \"socket-name\": \"x\" } } }"))
                .hasMessageContaining("unsupported server type 'dhcp5'");
        assertThatThrownBy(() -> parse("{ \"control-sockets\": { \"dhcp4\": { \"socket-type\": \"http\", "
                + "\"socket-name\": \"x\" } } }")).isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> parse("{ \"control-sockets\": { \"dhcp4\": { } } }"))
                .hasMessageContaining("Mandatory 'socket-name' parameter missing");
        assertThatThrownBy(() -> parse("{ \"control-sockets\": { \"dhcp4\": { \"socket-name\": \"/tmp/x\" } } }"))
                .hasMessageContaining("invalid path specified: '/tmp', supported path is '/run/kea'");
        assertThatThrownBy(() -> parse("{ \"control-sockets\": { \"dhcp4\": { \"socket-name\": \"/etc/kea/x\" } } }"))
                .hasMessageContaining("invalid path specified: '/etc/kea'");
        assertThatThrownBy(() -> parse("{ \"hooks-libraries\": [ { \"library\": \"/opt/lib/libca_rbac.so\" } ] }"))
                .hasMessageContaining("'hooks-libraries' is not supported yet by ruru");
        assertThatThrownBy(() -> parse("{ \"http-port\": 70000 }")).isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> parse("{ \"http-host\": \"localhost\" }")).isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> parse("{ \"authentication\": { \"type\": \"basic\", \"clients\": "
                + "[ { \"user\": \"admin\", \"password\": \"1234\" } ] } }"))
                .hasMessageContaining("default");
    }

    @Test
    void anEmptyHooksListIsFine() throws Exception {
        assertThat(parse("{ \"hooks-libraries\": [ ] }").listener().port()).isEqualTo(8000);
    }
}
