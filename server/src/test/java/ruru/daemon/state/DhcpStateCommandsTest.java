package ruru.daemon.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import ruru.control.Answer;
import ruru.control.Command;
import ruru.control.CommandRegistry;
import ruru.control.ResultCode;
import ruru.json.Element;
import ruru.json.Json;
import ruru.json.MapElement;
import ruru.json.NullElement;
import ruru.json.Position;

class DhcpStateCommandsTest {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final NetworkState state = new NetworkState(scheduler);
    private final CommandRegistry registry = new CommandRegistry();

    DhcpStateCommandsTest() {
        DhcpStateCommands.register(registry, state, "DHCPv4");
    }

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    private Answer run(String name, Element args) {
        return registry.execute(Command.of(name, args));
    }

    private static MapElement args(Object... kv) {
        MapElement.Builder b = MapElement.builder();
        for (int i = 0; i < kv.length; i += 2) {
            Object v = kv[i + 1];
            b.put((String) kv[i], v instanceof Element e ? e : v instanceof String s ? Element.of(s) : Element.of((Integer) v));
        }
        return b.build();
    }

    private static Answer success(String text) {
        return new Answer(new ResultCode(0), text, null);
    }

    private static Answer error(String text) {
        return new Answer(new ResultCode(1), text, null);
    }

    @Test
    void disableWithoutArgumentsIsTheUser() {
        assertThat(run("dhcp-disable", null)).isEqualTo(success("DHCPv4 service disabled"));
        assertThat(state.isServiceEnabled()).isFalse();
        assertThat(state.toElement().get("disabled-by-user")).isEqualTo(Element.of(true));
        assertThat(state.isDelayedEnable()).isFalse();
        assertThat(run("dhcp-enable", null)).isEqualTo(success("DHCP service successfully enabled"));
        assertThat(state.isServiceEnabled()).isTrue();
    }

    @Test
    void disableWithMaxPeriod() {
        assertThat(run("dhcp-disable", args("max-period", 20))).isEqualTo(success("DHCPv4 service disabled for 20 seconds"));
        assertThat(state.isServiceEnabled()).isFalse();
        assertThat(state.remainingDelay(Origin.USER)).hasValueSatisfying(
                d -> assertThat(d).isBetween(Duration.ofSeconds(19), Duration.ofSeconds(20)));
        assertThat(run("dhcp-enable", MapElement.empty())).isEqualTo(success("DHCP service successfully enabled"));
        assertThat(state.isDelayedEnable()).isFalse();
    }

    @Test
    void dhcpv6Wording() {
        CommandRegistry v6 = new CommandRegistry();
        DhcpStateCommands.register(v6, new NetworkState(scheduler), "DHCPv6");
        assertThat(v6.execute(Command.of("dhcp-disable", args("max-period", 5))))
                .isEqualTo(success("DHCPv6 service disabled for 5 seconds"));
    }

    @Test
    void originsFromStringsNumbersAndOriginId() {
        assertThat(run("dhcp-disable", args("origin", "ha-partner"))).isEqualTo(success("DHCPv4 service disabled"));
        assertThat(run("dhcp-disable", args("origin", 1005))).isEqualTo(success("DHCPv4 service disabled"));
        // origin-id wins over origin.
        assertThat(run("dhcp-disable", args("origin", "ha-partner", "origin-id", 2002)))
                .isEqualTo(success("DHCPv4 service disabled"));
        assertThat(state.toElement()).isEqualTo(MapElement.builder()
                .put("disabled-by-db-connection", Element.list())
                .put("disabled-by-local-command", Element.list(Element.of(1005L)))
                .put("disabled-by-remote-command", Element.list(Element.of(2000L), Element.of(2002L)))
                .put("disabled-by-user", false)
                .put("globally-disabled", true)
                .build());

        run("dhcp-enable", args("origin", "ha-partner"));
        run("dhcp-enable", args("origin-id", 1005, "origin", "user"));
        assertThat(state.isServiceEnabled()).isFalse();
        assertThat(run("dhcp-enable", args("origin-id", 2002))).isEqualTo(success("DHCP service successfully enabled"));
        assertThat(state.isServiceEnabled()).isTrue();

        assertThat(run("dhcp-disable", args("origin", "user"))).isEqualTo(success("DHCPv4 service disabled"));
        assertThat(state.toElement().get("disabled-by-user")).isEqualTo(Element.of(true));
    }

    @Test
    void disableErrors() {
        assertThat(run("dhcp-disable", args("max-period", 0))).isEqualTo(error("'max-period' must be positive integer"));
        assertThat(run("dhcp-disable", args("max-period", -3))).isEqualTo(error("'max-period' must be positive integer"));
        assertThat(run("dhcp-disable", args("max-period", "20"))).isEqualTo(error("'max-period' argument must be a number"));
        assertThat(run("dhcp-disable", args("origin", "foo"))).isEqualTo(error("invalid value used for 'origin' parameter: foo"));
        assertThat(run("dhcp-disable", args("origin", ""))).isEqualTo(error("invalid value used for 'origin' parameter: (empty string)"));
        assertThat(run("dhcp-disable", args("origin", Element.of(true))))
                .isEqualTo(error("'origin' argument must be a string or a number"));
        assertThat(run("dhcp-disable", args("origin-id", "2002"))).isEqualTo(error("'origin-id' argument must be a number"));
        assertThat(run("dhcp-disable", Element.list())).isEqualTo(error("arguments for the 'dhcp-disable' command must be a map"));
        assertThat(run("dhcp-disable", new NullElement(Position.NONE)))
                .isEqualTo(error("arguments for the 'dhcp-disable' command must be a map"));
        // Kea collects every problem in one stream, without separators.
        assertThat(run("dhcp-disable", args("max-period", 0, "origin", "foo")))
                .isEqualTo(error("'max-period' must be positive integerinvalid value used for 'origin' parameter: foo"));
        assertThat(state.isServiceEnabled()).isTrue();
    }

    @Test
    void disableForDbConnectionWithMaxPeriodIsRefused() {
        assertThat(run("dhcp-disable", args("max-period", 5, "origin-id", 3000)))
                .isEqualTo(error("Error during command processing: DB connection does not support delayed enable"));
        assertThat(state.isServiceEnabled()).isTrue();
        assertThat(run("dhcp-disable", args("origin-id", 3000))).isEqualTo(success("DHCPv4 service disabled"));
        assertThat(state.toElement().get("disabled-by-db-connection")).isEqualTo(Element.list(Element.of(3000L)));
    }

    @Test
    void enableErrors() {
        assertThat(run("dhcp-enable", args("origin", "foo"))).isEqualTo(error("invalid value used for 'origin' parameter: foo"));
        assertThat(run("dhcp-enable", args("origin", ""))).isEqualTo(error("invalid value used for 'origin' parameter: (empty string)"));
        assertThat(run("dhcp-enable", args("origin", Element.list())))
                .isEqualTo(error("'origin' argument must be a string or a number"));
        assertThat(run("dhcp-enable", args("origin-id", Element.of(2.5)))).isEqualTo(error("'origin-id' argument must be a number"));
        assertThat(run("dhcp-enable", Element.of("x"))).isEqualTo(error("arguments for the 'dhcp-enable' command must be a map"));
        // max-period means nothing to dhcp-enable.
        assertThat(run("dhcp-enable", args("max-period", "x"))).isEqualTo(success("DHCP service successfully enabled"));
    }

    @Test
    void compactTextMatchesKea() {
        assertThat(Json.toCompact(run("dhcp-disable", args("max-period", 20)).toElement()))
                .isEqualTo("{ \"result\": 0, \"text\": \"DHCPv4 service disabled for 20 seconds\" }");
        assertThat(Json.toCompact(run("dhcp-enable", null).toElement()))
                .isEqualTo("{ \"result\": 0, \"text\": \"DHCP service successfully enabled\" }");
    }

    @Test
    void registersBothCommands() {
        assertThat(registry.names()).containsAll(List.of("dhcp-disable", "dhcp-enable"));
    }
}
