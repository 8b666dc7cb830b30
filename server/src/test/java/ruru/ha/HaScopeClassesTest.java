package ruru.ha;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;
import org.slf4j.helpers.NOPLogger;

import ruru.daemon.state.NetworkState;
import ruru.ha.config.HaConfig;
import ruru.ha.config.HaConfigParser;
import ruru.ha.v4.Dhcp4HaFamily;
import ruru.ha.v4.Ha4Binding;
import ruru.json.Json;
import ruru.json.MapElement;
import ruru.json.ParseOptions;
import ruru.wire.v4.Dhcp4Packet;

/**
 * The HA_server classes a query gets (what pools are guarded by): in load balancing the class of the
 * server the hash picks, for Kea's four observed clients; in hot-standby always the primary's.
 */
class HaScopeClassesTest {

    private static List<String> classes(String mode, Dhcp4Packet query) throws Exception {
        String second = mode.equals("hot-standby") ? "standby" : "secondary";
        MapElement params = (MapElement) Json.parse("{\"high-availability\":[{\"this-server-name\":\"server2\","
                + "\"mode\":\"" + mode + "\",\"peers\":[{\"name\":\"server1\",\"url\":\"http://192.0.2.1:8001/\","
                + "\"role\":\"primary\"},{\"name\":\"server2\",\"url\":\"http://192.0.2.2:8002/\",\"role\":\"" + second
                + "\"}]}]}", ParseOptions.string());
        HaConfig c = HaConfigParser.parse(params, new HaConfigParser.Environment(java.nio.file.Path::of, false, 1,
                NOPLogger.NOP_LOGGER)).relationships().get(0);
        NetworkState network = new NetworkState(Executors.newSingleThreadScheduledExecutor());
        Dhcp4HaFamily family = new Dhcp4HaFamily(lease -> HaFamily.SyncOutcome.STALE);
        try (HaServices services = new HaServices(List.of(new HaService(0, c, family, network, Clock.systemUTC(),
                NOPLogger.NOP_LOGGER, Map.of(), 1)))) {
            Ha4Binding binding = new Ha4Binding(family, network, l -> MapElement.empty(), Map.of(),
                    "kea-dhcp4");
            return binding.scopeClasses(services, query, OptionalLong.empty());
        }
    }

    @Test
    void loadBalancingClassesFollowTheHash() throws Exception {
        assertThat(classes("load-balancing", LoadBalancingTest.query("0e0000000000", "010e0000000000")))
                .containsExactly("HA_server2");
        assertThat(classes("load-balancing", LoadBalancingTest.query("0e0000000107", null)))
                .containsExactly("HA_server1");
        assertThat(classes("load-balancing", LoadBalancingTest.query("0e000000041c", "010e000000041c")))
                .containsExactly("HA_server2");
        assertThat(classes("load-balancing", LoadBalancingTest.query("0e0000000523", null)))
                .containsExactly("HA_server1");
    }

    @Test
    void hotStandbyQueriesBelongToThePrimary() throws Exception {
        assertThat(classes("hot-standby", LoadBalancingTest.query("0e0000000000", "010e0000000000")))
                .containsExactly("HA_server1");
    }
}
