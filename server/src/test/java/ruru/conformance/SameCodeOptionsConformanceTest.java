package ruru.conformance;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Several {@code option-data} entries with the same code, replies byte for byte against
 * kea-dhcp4 2.2: two at the subnet (the winning scope) while the global scope has its own, two at
 * the global scope only (one of them always-send), one at the subnet beating two global ones, two
 * vivso-suboptions (125) for two enterprises.
 * kea-dhcp4 2.2 (live) accepts such a configuration and sends one instance, the LAST configured of
 * the winning scope (its hashed index by code puts a new instance first). ruru's dhcp4 does the
 * same, byte for byte (Kea 3's dhcp4 is read to take one instance per code as well; only dhcp6
 * sends every instance, see SameCodeOptions6AgainstKeaTest).
 */
class SameCodeOptionsConformanceTest extends OracleTest {

    static final String POOL = """
            "pools": [ { "pool": "192.0.2.10 - 192.0.2.20" } ]""";

    /** Two entries each of routers and domain-name-servers in the subnet, two global routers. */
    static final String TWO_IN_SUBNET = """
            "valid-lifetime": 4000,
            "option-data": [ { "name": "routers", "data": "192.0.2.9" }, { "name": "routers", "data": "192.0.2.8" },
                             { "name": "domain-name", "data": "global.example.org" } ],
            "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24", %s,
              "option-data": [ { "name": "domain-name-servers", "data": "192.0.2.1" },
                               { "name": "routers", "data": "192.0.2.254" },
                               { "name": "domain-name-servers", "data": "192.0.2.2, 192.0.2.3" },
                               { "code": 3, "data": "192.0.2.253" } ] } ]
            """.formatted(POOL);

    /** Two global entries, nothing in the subnet; the second one always-send. */
    static final String TWO_GLOBAL = """
            "valid-lifetime": 4000,
            "option-data": [ { "name": "domain-name-servers", "data": "192.0.2.1" },
                             { "name": "domain-name-servers", "data": "192.0.2.2", "always-send": true },
                             { "name": "ntp-servers", "data": "192.0.2.5" }, { "name": "ntp-servers", "data": "192.0.2.6" } ],
            "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24", %s } ]
            """.formatted(POOL);

    /** One in the subnet beats two global ones. */
    static final String ONE_BEATS_TWO = """
            "valid-lifetime": 4000,
            "option-data": [ { "name": "domain-name-servers", "data": "192.0.2.1" },
                             { "name": "domain-name-servers", "data": "192.0.2.2" } ],
            "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24", %s,
              "option-data": [ { "name": "domain-name-servers", "data": "192.0.2.7" } ] } ]
            """.formatted(POOL);

    /** Two vivso-suboptions (125) entries, one per enterprise, each with an always-send sub-option. */
    static final String TWO_VENDORS = """
            "valid-lifetime": 4000,
            "option-def": [ { "name": "acme-server", "code": 1, "space": "vendor-1234", "type": "ipv4-address" },
                            { "name": "beta-flag", "code": 7, "space": "vendor-5678", "type": "uint16" } ],
            "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24", %s,
              "option-data": [ { "name": "vivso-suboptions", "data": "1234" },
                               { "name": "acme-server", "space": "vendor-1234", "data": "192.0.2.7", "always-send": true },
                               { "name": "vivso-suboptions", "data": "5678" },
                               { "name": "beta-flag", "space": "vendor-5678", "data": "513", "always-send": true } ] } ]
            """.formatted(POOL);

    static List<Scenario> scenarios() {
        return List.of(
                Scenario.of("two routers and two name servers in the subnet", TWO_IN_SUBNET, r -> {
                    Client c = r.client(121).prl(1, 3, 6, 15);
                    r.send(c.select(r.send(c.discover())));
                    r.send(r.client(122).prl(1, 15).discover());
                }),
                Scenario.of("two global entries, one always-send", TWO_GLOBAL, r -> {
                    r.send(r.client(123).prl(1, 6, 42).discover());
                    r.send(r.client(124).prl(1, 3).discover());
                }),
                Scenario.of("one subnet entry beats two global ones", ONE_BEATS_TWO, r -> {
                    r.send(r.client(125).prl(1, 6).discover());
                }),
                Scenario.of("two vivso-suboptions entries, one per enterprise", TWO_VENDORS, r -> {
                    r.send(r.client(126).prl(1, 125).discover());
                    r.send(r.client(127).prl(1, 3).discover());
                }).differs("ruru's vendor pass (unchanged here) answers every configured enterprise, one block each in"
                        + " enterprise order, as Kea 3's multi-vendor pass is read to; kea-dhcp4 2.2 answers the last"
                        + " configured 125's enterprise alone", Edits.optionBytes(125, "0000162e0407020201",
                        "000004d2060104c0000207" + "0000162e0407020201")));
    }

    @Override
    String tag() {
        return "sc";
    }

    @Override
    String initialConfig() {
        return TWO_GLOBAL;
    }

    @TestFactory
    Stream<DynamicTest> againstKea() {
        return oracle.tests(scenarios());
    }
}
