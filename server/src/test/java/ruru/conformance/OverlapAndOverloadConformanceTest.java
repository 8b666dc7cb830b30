package ruru.conformance;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Items 3 and 4 of issue 9, the rest: pools of different subnets overlapping through relays and
 * shared networks, and replies whose options do not fit the client's maximum message size (option
 * 57) or a plain 576-byte message, against kea-dhcp4 2.2.
 */
class OverlapAndOverloadConformanceTest extends OracleTest {

    static final String OVERLAP = """
            "valid-lifetime": 4000,
            "shared-networks": [ { "name": "lan", "relay": { "ip-addresses": [ "198.51.100.1" ] }, "subnet4": [
              { "id": 10, "subnet": "198.51.100.0/25", "pools": [ { "pool": "198.51.100.10 - 198.51.100.11" } ] },
              { "id": 11, "subnet": "198.51.100.128/25", "pools": [ { "pool": "198.51.100.130 - 198.51.100.131" } ] } ] } ],
            "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24", "pools": [ { "pool": "192.0.2.10 - 192.0.2.20" } ] } ]
            """;

    static final String BIG = """
            "valid-lifetime": 4000,
            "option-data": [
              { "name": "domain-search", "data": "%s" },
              { "name": "domain-name-servers", "data": "%s" } ],
            "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24", "pools": [ { "pool": "192.0.2.10 - 192.0.2.20" } ] } ]
            """.formatted(String.join(", ", Stream.iterate(1, i -> i + 1).limit(12)
                    .map(i -> "department-number-" + i + ".campus.example.org").toList()),
            String.join(", ", Stream.iterate(1, i -> i + 1).limit(40).map(i -> "192.0.2." + i).toList()));

    static List<Scenario> scenarios() {
        return List.of(
                Scenario.of("a shared network's subnets fill one after the other", OVERLAP, r -> {
                    for (int n = 111; n <= 115; n++) {
                        Client c = r.client(n);
                        Reply o = r.send(c.discover().relayed("198.51.100.1"));
                        if (o != null) {
                            r.send(c.select(o).relayed("198.51.100.1"));
                        }
                    }
                    r.send(r.client(111).renew().relayed("198.51.100.1"));
                }),
                Scenario.of("options larger than the message: with and without option 57", BIG, r -> {
                    Client c = r.client(116).prl(1, 3, 6, 119);
                    r.send(c.discover());
                    r.send(c.discover().option(57, "0240"));
                    r.send(c.discover().option(57, "05dc"));
                }));
    }

    @Override
    String tag() {
        return "ov";
    }

    @Override
    String initialConfig() {
        return OVERLAP;
    }

    @TestFactory
    Stream<DynamicTest> againstKea() {
        return oracle.tests(scenarios());
    }
}
