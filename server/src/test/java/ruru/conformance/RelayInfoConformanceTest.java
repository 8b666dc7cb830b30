package ruru.conformance;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Item 5 of issue 9 (and the subnet selection order behind it): Relay Agent Information
 * link-selection (sub-option 5, RFC 3527) and server-identifier-override (sub-option 11, RFC
 * 5107), the Subnet Selection option 118 (RFC 3011), relay addresses of subnets and shared
 * networks, against kea-dhcp4 2.2 on the same queries. ({@code compatibility.ignore-rai-link-selection}
 * is Kea 3 only; it is covered by SubnetSelectorTest.)
 */
class RelayInfoConformanceTest extends OracleTest {

    static final String CFG = """
            "valid-lifetime": 4000,
            "subnet4": [
              { "id": 1, "subnet": "192.0.2.0/24", "pools": [ { "pool": "192.0.2.10 - 192.0.2.20" } ] },
              { "id": 2, "subnet": "198.51.100.0/24", "pools": [ { "pool": "198.51.100.10 - 198.51.100.20" } ] },
              { "id": 3, "subnet": "203.0.113.0/24", "pools": [ { "pool": "203.0.113.10 - 203.0.113.20" } ],
                "relay": { "ip-addresses": [ "198.51.100.77" ] } } ]
            """;

    @Override
    String tag() {
        return "ri";
    }

    @Override
    String initialConfig() {
        return CFG;
    }

    /** RAI with the given sub-options (hex of each whole sub-option). */
    static String rai(String... subOptions) {
        return String.join("", subOptions);
    }

    static final String CIRCUIT = "0104000000ff";
    static final String LINK_203 = "0504cb007100";
    static final String LINK_UNKNOWN = "0504c0a80000";
    static final String OVERRIDE_198 = "0b04c6336401";

    static List<Scenario> scenarios() {
        return List.of(
                Scenario.of("link-selection picks the subnet over giaddr", CFG, r -> {
                    Client c = r.client(81);
                    Reply o = r.send(c.discover().relayed("198.51.100.1").option(82, rai(CIRCUIT, LINK_203)));
                    if (o != null) {
                        r.send(c.select(o).relayed("198.51.100.1").option(82, rai(CIRCUIT, LINK_203)));
                    }
                    r.send(c.discover().relayed("198.51.100.1").option(82, rai(CIRCUIT, LINK_UNKNOWN)));
                }),
                Scenario.of("subnet selection option 118, alone and beside RAI", CFG, r -> {
                    Client c = r.client(82);
                    r.send(c.discover().relayed("198.51.100.1").address(118, "203.0.113.0"));
                    r.send(c.discover().relayed("198.51.100.1").address(118, "203.0.113.0").option(82, CIRCUIT));
                    r.send(c.discover().address(118, "198.51.100.0"));
                }),
                Scenario.of("server-identifier-override is the server identifier and is accepted back", CFG, r -> {
                    Client c = r.client(83);
                    Reply o = r.send(c.discover().relayed("198.51.100.1").option(82, rai(CIRCUIT, OVERRIDE_198)));
                    if (o != null) {
                        r.send(c.select(o).relayed("198.51.100.1").option(82, rai(CIRCUIT, OVERRIDE_198)));
                        r.send(c.renew().relayed("198.51.100.1").address(54, "198.51.100.1")
                                .option(82, rai(CIRCUIT, OVERRIDE_198)));
                    }
                    r.send(c.request().relayed("198.51.100.1").address(50, "198.51.100.15").address(54, "198.51.100.1"));
                }),
                // Kea's unpackOptions4 stops quietly at a sub-option running past option 82 (or
                // without its length byte) and keeps the ones before it
                Scenario.of("a truncated last RAI sub-option", CFG, r -> {
                    Client c = r.client(85);
                    Reply o = r.send(c.discover().relayed("198.51.100.1").option(82, rai(LINK_203, CIRCUIT, "0206aabb")));
                    if (o != null) {
                        r.send(c.select(o).relayed("198.51.100.1").option(82, rai(LINK_203, CIRCUIT, "02")));
                    }
                    r.send(r.client(86).discover().relayed("198.51.100.1").option(82, rai(CIRCUIT, "05")));
                    r.send(r.client(87).discover().relayed("198.51.100.1").option(82, rai("0509cb007100", CIRCUIT)));
                    // sub-options out of order, codes 0 and 255 (ordinary codes inside option 82)
                    r.send(r.client(88).discover().relayed("198.51.100.1").option(82, rai("0201aa", CIRCUIT, "0000", "ff00", "0101bb")));
                    // link-selection in two pieces: Kea joins them and selects subnet 3
                    r.send(r.client(89).discover().relayed("198.51.100.1").option(82, rai("0502cb00", CIRCUIT, "05027100")));
                }),
                Scenario.of("relay addresses select their subnet", CFG, r -> {
                    Client c = r.client(84);
                    r.send(c.discover().relayed("198.51.100.77"));
                    r.send(c.discover().relayed("198.51.100.78"));
                }));
    }

    @TestFactory
    Stream<DynamicTest> againstKea() {
        return oracle.tests(scenarios());
    }
}
