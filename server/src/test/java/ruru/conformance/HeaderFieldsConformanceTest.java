package ruru.conformance;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import ruru.wire.v4.OptionCodes;

/**
 * Item 1 and 3 of issue 9: where each reply goes (raw frames to chaddr, relays, broadcasts) and
 * every BOOTP header field and option of every reply type, against kea-dhcp4 2.2 on the same queries.
 */
class HeaderFieldsConformanceTest extends OracleTest {

    static final String BASE = """
            "valid-lifetime": 4000, "renew-timer": 1000, "rebind-timer": 2000,
            "subnet4": [
              { "id": 1, "subnet": "192.0.2.0/24", "pools": [ { "pool": "192.0.2.10 - 192.0.2.20" } ],
                "option-data": [ { "name": "routers", "data": "192.0.2.1" } ] },
              { "id": 2, "subnet": "198.51.100.0/24", "pools": [ { "pool": "198.51.100.10 - 198.51.100.20" } ],
                "option-data": [ { "name": "routers", "data": "198.51.100.1" } ] } ]
            """;

    @Override
    String tag() {
        return "hf";
    }

    @Override
    String initialConfig() {
        return BASE;
    }

    static List<Scenario> scenarios() {
        return List.of(
                Scenario.of("direct DORA then renew, rebind, init-reboot", BASE, r -> {
                    Client c = r.client(1);
                    Reply offer = r.send(c.discover());
                    r.send(c.select(offer));
                    r.send(c.renew());
                    r.send(c.rebind());
                    r.send(c.initReboot(c.address.toString()));
                }),
                Scenario.of("relayed DORA then renew through the relay", BASE, r -> {
                    Client c = r.client(2);
                    Reply offer = r.send(c.discover().relayed("198.51.100.1"));
                    r.send(c.select(offer).relayed("198.51.100.1"));
                    r.send(c.renew());
                }),
                Scenario.of("NAK to a renewing client with a foreign ciaddr", BASE, r -> {
                    Client c = r.client(3);
                    r.send(c.request().ciaddr("192.0.2.77").unicast());
                    r.send(c.initReboot("192.0.2.200"));
                    r.send(c.initReboot("203.0.113.5"));
                }),
                Scenario.of("INFORM unicast, broadcast, relayed", BASE, r -> {
                    Client c = r.client(4);
                    r.send(c.inform("192.0.2.99").unicast());
                    r.send(c.inform("192.0.2.99"));
                    r.send(c.inform("198.51.100.99").relayed("198.51.100.1"));
                    r.send(c.inform("0.0.0.0").relayed("198.51.100.1"));
                    r.send(c.inform("0.0.0.0"));
                }),
                Scenario.of("DISCOVER with ciaddr and broadcast flag", BASE, r -> {
                    Client c = r.client(5);
                    r.send(c.discover().ciaddr("192.0.2.15"));
                    r.send(c.discover().broadcastFlag());
                    r.send(c.discover().option(OptionCodes.CLIENT_ID, "01020000000005"));
                }),
                Scenario.of("frames from a MAC other than chaddr", BASE, r -> {
                    Client c = r.client(6);
                    Reply offer = r.send(c.discover().fromMac("02:aa:00:00:00:06"));
                    r.send(c.select(offer).fromMac("02:aa:00:00:00:06"));
                    r.send(c.renew().fromMac("02:aa:00:00:00:06"));
                    r.send(c.rebind().fromMac("02:aa:00:00:00:06").broadcastFlag());
                }),
                Scenario.of("UDP sockets: broadcast, unicast and relayed queries", """
                        "interfaces-config": { "interfaces": [ "@IF@" ], "dhcp-socket-type": "udp" },
                        """ + BASE, r -> {
                    Client c = r.client(8);
                    r.send(c.discover());
                    Reply offer = r.send(c.discover().relayed("198.51.100.1"));
                    r.send(c.select(offer).relayed("198.51.100.1"));
                    r.send(c.renew());
                    r.send(c.inform("192.0.2.99").unicast());
                }),
                Scenario.of("relay agent information comes back last", BASE, r -> {
                    Client c = r.client(7).prl(1, 3, 6, 15, 51, 54, 82, 121);
                    Reply offer = r.send(c.discover().relayed("198.51.100.1").option(82, "0104000000070206020000000007"));
                    r.send(c.select(offer).relayed("198.51.100.1").option(82, "0104000000070206020000000007"));
                    r.send(c.rebind().relayed("198.51.100.1").option(82, "0104000000070206020000000007"));
                    r.send(c.discover().relayed("198.51.100.1").broadcastFlag().hops(3));
                }),
                // issue 11 (both families): kea-dhcp4 2.2 leaves out a last option that runs past the
                // packet or has no length byte (LibDHCP::unpackOptions4 stops there) and answers
                Scenario.of("a truncated last option is left out", BASE, r -> {
                    Client c = r.client(8);
                    Reply offer = r.send(c.discover().tail("0c0a 6162"));
                    r.send(c.select(offer).tail("0c"));
                    r.send(c.renew().tail("3d08 01020304"));
                }));
    }

    @TestFactory
    Stream<DynamicTest> againstKea() {
        return oracle.tests(scenarios());
    }
}
