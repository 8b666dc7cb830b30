package ruru.ha;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.helpers.NOPLogger;

import ruru.daemon.config.ConfigException;
import ruru.ha.config.HaConfig;
import ruru.ha.config.HaConfigParser;
import ruru.ha.config.HaMode;
import ruru.ha.config.Role;
import ruru.ha.state.HaState;
import ruru.json.Json;
import ruru.json.MapElement;
import ruru.json.ParseOptions;

/**
 * The high-availability parameters: defaults of Kea 3.0 and the validation texts kea-dhcp4 2.2 logs
 * as HA_CONFIGURATION_FAILED for the same input (collected by loading each case into kea-dhcp4 2.2
 * with Debian's libdhcp_ha.so).
 */
class HaConfigParserTest {

    @TempDir
    Path dir;

    static final String P1 = "{\"name\":\"server1\",\"url\":\"http://127.0.0.11:8001/\",\"role\":\"primary\"}";
    static final String P2 = "{\"name\":\"server2\",\"url\":\"http://127.0.0.12:8002/\",\"role\":\"standby\"}";
    static final String HS = "\"this-server-name\":\"server1\",\"mode\":\"hot-standby\"";

    private HaConfigParser.Environment env() {
        return new HaConfigParser.Environment(n -> dir.resolve(n), true, 4, NOPLogger.NOP_LOGGER);
    }

    private HaConfig parse(String parameters) throws Exception {
        MapElement m = (MapElement) Json.parse(parameters, ParseOptions.string());
        return HaConfigParser.parse(m, env()).relationships().get(0);
    }

    private String error(String parameters) {
        try {
            parse(parameters);
        } catch (ConfigException e) {
            return e.detail();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("accepted: " + parameters);
    }

    @Test
    void defaultsAreKea30s() throws Exception {
        HaConfig c = parse("{\"high-availability\":[{" + HS + ",\"peers\":[" + P1 + "," + P2 + "]}]}");
        assertThat(c.mode()).isEqualTo(HaMode.HOT_STANDBY);
        assertThat(c.role()).isEqualTo(Role.PRIMARY);
        assertThat(c.heartbeatDelay()).isEqualTo(10000);
        assertThat(c.maxResponseDelay()).isEqualTo(60000);
        assertThat(c.maxAckDelay()).isEqualTo(10000);
        assertThat(c.maxUnackedClients()).isEqualTo(10);
        assertThat(c.maxRejectedLeaseUpdates()).isEqualTo(10);
        assertThat(c.delayedUpdatesLimit()).isZero();
        assertThat(c.syncTimeout()).isEqualTo(60000);
        assertThat(c.syncPageLimit()).isEqualTo(10000);
        assertThat(c.sendLeaseUpdates()).isTrue();
        assertThat(c.syncLeases()).isTrue();
        assertThat(c.waitBackupAck()).isFalse();
        assertThat(c.requireClientCerts()).isTrue();
        assertThat(c.restrictCommands()).isTrue();
        assertThat(c.multiThreading().enabled()).isTrue();
        assertThat(c.multiThreading().dedicatedListener()).isTrue();
        assertThat(c.multiThreading().clientThreads()).isEqualTo(4);
        assertThat(c.partner().orElseThrow().name()).isEqualTo("server2");
        assertThat(c.thisServer().url().port()).isEqualTo(8001);
        assertThat(c.normalState()).isEqualTo(HaState.HOT_STANDBY);
    }

    @Test
    void loadBalancingDefaultsToOneHundredDelayedUpdates() throws Exception {
        String p2 = P2.replace("standby", "secondary");
        HaConfig c = parse("{\"high-availability\":[{\"this-server-name\":\"server2\",\"mode\":\"load-balancing\","
                + "\"peers\":[" + P1 + "," + p2 + "]}]}");
        assertThat(c.delayedUpdatesLimit()).isEqualTo(100);
        assertThat(c.allowsCommunicationRecovery()).isTrue();
        assertThat(c.normalState()).isEqualTo(HaState.LOAD_BALANCING);
    }

    @Test
    void haMultiThreadingFollowsTheDhcpService() throws Exception {
        MapElement m = (MapElement) Json.parse("{\"high-availability\":[{" + HS + ",\"peers\":[" + P1 + "," + P2
                + "]}]}", ParseOptions.string());
        HaConfig c = HaConfigParser.parse(m, new HaConfigParser.Environment(n -> dir.resolve(n), false, 1,
                NOPLogger.NOP_LOGGER)).relationships().get(0);
        assertThat(c.multiThreading().enabled()).isFalse();
    }

    @Test
    void passwordFileIsReadWhole() throws Exception {
        Files.writeString(dir.resolve("pw"), "s3cret");
        HaConfig c = parse("{\"high-availability\":[{" + HS + ",\"peers\":[" + P1 + ","
                + P2.replace("}", ",\"basic-auth-user\":\"ha\",\"basic-auth-password-file\":\"pw\"}") + "]}]}");
        assertThat(c.partner().orElseThrow().credentials().orElseThrow().password()).isEqualTo("s3cret");
        assertThat(c.partner().orElseThrow().credentials().toString()).doesNotContain("s3cret");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "{}|high-availability parameter not specified for High Availability hooks library",
        "{\"high-availability\":{}}|HA configuration must be a list",
        "{\"high-availability\":[]}|a list of HA configurations must not be empty",
        "{\"high-availability\":[5]}|HA configuration for a relationship must be a map",
        "{\"high-availability\":[{\"this-server-name\":\"server1\",\"mode\":\"bogus\",\"peers\":[]}]}"
                + "|unsupported value 'bogus' for mode parameter",
        "{\"high-availability\":[{\"mode\":\"hot-standby\"}]}|'peers' parameter missing in HA configuration",
        "{\"high-availability\":[{\"mode\":\"hot-standby\",\"peers\":{}}]}|'peers' parameter must be a list",
        "{\"high-availability\":[{\"mode\":\"hot-standby\",\"peers\":[],\"state-machine\":5}]}"
                + "|'state-machine' parameter must be a map",
        "{\"high-availability\":[{\"mode\":\"hot-standby\",\"peers\":[],\"state-machine\":{\"states\":5}}]}"
                + "|'states' parameter must be a list",
        "{\"high-availability\":[{\"this-server-name\":\"  \",\"mode\":\"hot-standby\",\"peers\":[]}]}"
                + "|'this-server-name' value must not be empty",
        "{\"high-availability\":[{" + HS + ",\"peers\":[5]}]}|peer configuration must be a map",
        "{\"high-availability\":[{" + HS + ",\"peers\":[],\"heartbeat-delay\":-1}]}|'heartbeat-delay' must not be negative",
        "{\"high-availability\":[{" + HS + ",\"peers\":[],\"heartbeat-delay\":70000}]}"
                + "|'heartbeat-delay' must not be greater than 65535",
        "{\"high-availability\":[{" + HS + ",\"peers\":[],\"sync-timeout\":5000000000}]}"
                + "|'sync-timeout' must not be greater than 4294967295",
        "{\"high-availability\":[{" + HS + ",\"peers\":[],\"multi-threading\":5}]}"
                + "|multi-threading configuration must be a map",
        "{\"high-availability\":[{" + HS + ",\"peers\":[],\"multi-threading\":{\"http-listener-threads\":-1}}]}"
                + "|'http-listener-threads' must not be negative",
        "{\"high-availability\":[{" + HS + ",\"peers\":[" + P1 + "," + P2 + "],\"state-machine\":{\"states\":[5]}}]}"
                + "|state configuration must be a map",
        "{\"high-availability\":[{" + HS + ",\"peers\":[" + P1 + "," + P2 + "],\"state-machine\":{\"states\":"
                + "[{\"state\":\"bogus\"}]}}]}|unknown state bogus",
        "{\"high-availability\":[{" + HS + ",\"peers\":[" + P1 + "," + P2 + "],\"state-machine\":{\"states\":"
                + "[{\"state\":\"waiting\",\"pause\":\"x\"}]}}]}|unsupported value x of 'pause' parameter",
        "{\"high-availability\":[{" + HS + ",\"peers\":[" + P1 + "," + P2 + "],\"state-machine\":{\"states\":"
                + "[{\"state\":\"waiting\"},{\"state\":\"waiting\"}]}}]}|duplicated configuration for the 'waiting' state",
        "{\"high-availability\":[{" + HS + ",\"peers\":[" + P1 + "," + P2 + "],\"delayed-updates-limit\":5}]}"
                + "|'delayed-updates-limit' must be set to 0 in the hot standby configuration",
        "{\"high-availability\":[{" + HS + ",\"peers\":[" + P1 + "," + P2 + "],\"wait-backup-ack\":true}]}"
                + "|'wait-backup-ack' must be set to false in the hot standby configuration",
        "{\"high-availability\":[{\"this-server-name\":\"server3\",\"mode\":\"hot-standby\",\"peers\":[" + P1 + ","
                + P2 + "]}]}|no peer configuration specified for the 'server3'",
        "{\"high-availability\":[{" + HS + ",\"peers\":[" + P1 + "]}]}"
                + "|standby server required in the hot standby configuration",
        "{\"high-availability\":[{" + HS + ",\"peers\":[" + P1 + "," + P1 + "]}]}"
                + "|peer with name 'server1' already specified",
        "{\"high-availability\":[{" + HS + ",\"peers\":[" + P1 + ",{\"name\":\"server2\",\"url\":\"bogus\","
                + "\"role\":\"standby\"}]}]}|invalid URL: url bogus lacks http or https scheme for server server2",
        "{\"high-availability\":[{" + HS + ",\"peers\":[" + P1 + ",{\"name\":\"server2\",\"url\":\"ftp://127.0.0.12/\","
                + "\"role\":\"standby\"}]}]}|invalid URL: invalid scheme ftp in ftp://127.0.0.12/ for server server2",
        "{\"high-availability\":[{" + HS + ",\"peers\":[" + P1 + ",{\"name\":\"server2\",\"url\":"
                + "\"http://host.example:8002/\",\"role\":\"standby\"}]}]}|bad url 'http://host.example:8002/': Failed to "
                + "convert string to address 'host.example': Invalid argument for server server2",
        "{\"high-availability\":[{" + HS + ",\"peers\":[" + P1 + ",{\"name\":\"server2\",\"url\":"
                + "\"https://127.0.0.12:8002/\",\"role\":\"standby\"}]}]}|bad url 'https://127.0.0.12:8002/': https scheme "
                + "is not supported for server server2 where TLS is disabled",
        "{\"high-availability\":[{" + HS + ",\"peers\":[" + P1 + ",{\"name\":\"server2\",\"url\":"
                + "\"http://127.0.0.12:8002/\",\"role\":\"bogus\"}]}]}|unsupported value 'bogus' for role parameter",
        "{\"high-availability\":[{" + HS + ",\"peers\":[" + P1 + ",{\"name\":\"server2\",\"url\":"
                + "\"http://127.0.0.12:8002/\",\"role\":\"standby\",\"basic-auth-user\":\"a:b\"}]}]}"
                + "|user 'a:b' must not contain a ':' in peer 'server2'",
        "{\"high-availability\":[{" + HS + ",\"peers\":[" + P1 + ",{\"name\":\"server2\",\"url\":"
                + "\"http://127.0.0.12:8002/\",\"role\":\"standby\",\"basic-auth-password\":\"x\","
                + "\"basic-auth-password-file\":\"y\"}]}]}|only one of basic-auth-password and basic-auth-password-file "
                + "parameter can be configured in peer 'server2'",
        "{\"high-availability\":[{" + HS + ",\"peers\":[" + P1 + ",{\"name\":\"server2\",\"url\":"
                + "\"http://127.0.0.12:8002/\",\"role\":\"standby\",\"basic-auth-password-file\":\"/nonexist\"}]}]}"
                + "|bad password file in peer 'server2': can't open file '/nonexist': No such file or directory",
        "{\"high-availability\":[{" + HS + ",\"peers\":[" + P1 + ",{\"name\":\"server2\",\"url\":"
                + "\"http://127.0.0.12:8002/\",\"role\":\"standby\",\"trust-anchor\":\"/x\"}]}]}|bad TLS config for "
                + "server server2: cert-file parameter is missing or empty: all or none of TLS parameters must be set",
        "{\"high-availability\":[{" + HS + ",\"trust-anchor\":\"/x\",\"cert-file\":\"/y\",\"key-file\":\"/z\","
                + "\"peers\":[" + P1 + "," + P2 + "]}]}|bad TLS config for server server1: load of CA file '/x' failed: "
                + "No such file or directory",
        "{\"high-availability\":[{\"this-server-name\":\"server1\",\"mode\":\"load-balancing\",\"peers\":[" + P1 + ","
                + P2 + "]}]}|standby servers not allowed in the load balancing configuration",
        "{\"high-availability\":[{\"this-server-name\":\"server1\",\"mode\":\"passive-backup\",\"peers\":[" + P1 + ","
                + P2 + "]}]}|standby servers not allowed in the passive backup configuration",
        "{\"high-availability\":[{" + HS + ",\"peers\":[" + P1 + "," + P2 + "]},{\"this-server-name\":\"server3\","
                + "\"mode\":\"hot-standby\",\"peers\":[{\"name\":\"server1\",\"url\":\"http://127.0.0.11:8001/\","
                + "\"role\":\"standby\"},{\"name\":\"server3\",\"url\":\"http://127.0.0.13:8003/\",\"role\":\"primary\"}]}]}"
                + "|server names must be unique for different relationships",
    })
    void validationTextsAreKeas(String parameters, String text) {
        assertThat(error(parameters)).isEqualTo(text);
    }

    @Test
    void missingAndMistypedParametersNameTheirPosition() {
        assertThatThrownBy(() -> parse("{\"high-availability\":[{\"mode\":\"hot-standby\",\"peers\":[]}]}"))
                .hasMessageStartingWith("missing parameter 'this-server-name' (");
        assertThatThrownBy(() -> parse("{\"high-availability\":[{" + HS + ",\"peers\":[],\"send-lease-updates\":5}]}"))
                .hasMessageStartingWith("invalid type specified for parameter 'send-lease-updates' (");
    }

    @Test
    void severalRelationshipsOnlyInHotStandby() {
        String lb = "{\"this-server-name\":\"server3\",\"mode\":\"load-balancing\",\"peers\":["
                + P1.replace("server1", "server3").replace("8001", "8003") + ","
                + P2.replace("server2", "server4").replace("standby", "secondary").replace("8002", "8004") + "]}";
        assertThat(error("{\"high-availability\":[{" + HS + ",\"peers\":[" + P1 + "," + P2 + "]}," + lb + "]}"))
                .isEqualTo("multiple HA relationships are only supported for 'hot-standby' mode");
    }
}
