package ruru.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Item 4 of issue 9: the allocation and answering decisions Kea makes (authoritative or not,
 * REQUEST states, RELEASE, released addresses, reservations changed under clients, empty pools),
 * each played against kea-dhcp4 2.2 on the same queries.
 */
class DecisionsConformanceTest extends OracleTest {

    static String subnet(String extra) {
        return """
                "valid-lifetime": 4000, "renew-timer": 1000, "rebind-timer": 2000,
                "subnet4": [
                  { "id": 1, "subnet": "192.0.2.0/24", "pools": [ { "pool": "192.0.2.10 - 192.0.2.20" } ] %s },
                  { "id": 2, "subnet": "198.51.100.0/24", "pools": [ { "pool": "198.51.100.10 - 198.51.100.20" } ] } ]
                """.formatted(extra);
    }

    static final String NOT_AUTH = subnet("");
    static final String AUTH = subnet(", \"authoritative\": true");

    @Override
    String tag() {
        return "dc";
    }

    @Override
    String initialConfig() {
        return NOT_AUTH;
    }

    /** The REQUEST states against each kind of address, authoritative or not. */
    static List<Scenario> authoritativeMatrix() {
        List<Scenario> out = new ArrayList<>();
        for (boolean auth : new boolean[] {false, true}) {
            String cfg = auth ? AUTH : NOT_AUTH;
            String a = auth ? "authoritative: " : "not authoritative: ";
            out.add(Scenario.of(a + "INIT-REBOOT of an unknown client for free, out-of-pool and foreign addresses", cfg, r -> {
                Client c = r.client(11);
                r.send(c.initReboot("192.0.2.12"));
                r.send(c.initReboot("192.0.2.200"));
                r.send(c.initReboot("203.0.113.5"));
                r.send(c.initReboot("198.51.100.12"));
            }));
            out.add(Scenario.of(a + "INIT-REBOOT of a known client for its own, another and a foreign address", cfg, r -> {
                Client c = r.client(12);
                r.send(c.select(r.send(c.discover())));
                r.send(c.initReboot(c.address.toString()));
                r.send(c.initReboot("192.0.2.19"));
                r.send(c.initReboot("203.0.113.5"));
            }));
            out.add(Scenario.of(a + "SELECTING for a free, a taken, an out-of-pool and a foreign address", cfg, r -> {
                Client other = r.client(13);
                r.send(other.select(r.send(other.discover())));
                Client c = r.client(14);
                Reply offer = r.send(c.discover());
                r.send(c.request().address(50, "192.0.2.18").address(54, "192.0.2.1"));
                r.send(c.request().address(50, other.address.toString()).address(54, "192.0.2.1"));
                r.send(c.request().address(50, "192.0.2.200").address(54, "192.0.2.1"));
                r.send(c.request().address(50, "203.0.113.7").address(54, "192.0.2.1"));
                r.send(c.select(offer));
            }));
            out.add(Scenario.of(a + "RENEWING and REBINDING for unknown, taken and foreign ciaddr", cfg, r -> {
                Client other = r.client(15);
                r.send(other.select(r.send(other.discover())));
                Client c = r.client(16);
                r.send(c.request().ciaddr("192.0.2.17").unicast());
                r.send(c.request().ciaddr(other.address.toString()).unicast());
                r.send(c.request().ciaddr("192.0.2.201"));
                r.send(c.request().ciaddr("203.0.113.8"));
            }));
        }
        return out;
    }

    static List<Scenario> requests() {
        return List.of(
                Scenario.of("REQUEST with neither option 50 nor ciaddr: known, unknown and reserved clients", subnet("""
                        , "reservations": [ { "hw-address": "02:00:00:00:00:23", "ip-address": "192.0.2.150" } ]"""), r -> {
                    Client known = r.client(21);
                    r.send(known.select(r.send(known.discover())));
                    r.send(known.request());
                    r.send(r.client(22).request());
                    r.send(r.client(23).request());
                    r.lease("192.0.2.150");
                }),
                Scenario.of("bogus ciaddr on DISCOVER and REQUEST", NOT_AUTH, r -> {
                    Client c = r.client(24);
                    Reply offer = r.send(c.discover().ciaddr("203.0.113.9"));
                    r.send(c.discover().ciaddr("192.0.2.250"));
                    if (offer != null) {
                        r.send(c.select(offer).ciaddr("203.0.113.9"));
                    }
                    r.send(c.request().ciaddr("203.0.113.9").address(50, "192.0.2.14"));
                }),
                Scenario.of("DISCOVER and REQUEST relayed from an unknown network", NOT_AUTH, r -> {
                    Client c = r.client(25);
                    r.send(c.discover().relayed("203.0.113.1"));
                    r.send(c.request().relayed("203.0.113.1").address(50, "203.0.113.20").address(54, "192.0.2.1"));
                    r.send(c.initReboot("203.0.113.20").relayed("203.0.113.1"));
                }).differs("Kea 3 ignores an INIT-REBOOT no subnet is selected for unless it is authoritative"
                        + " (assignLease: no subnet and INIT-REBOOT and not authoritative); 2.2 NAKs it",
                        Edits.silence("0x25003")));
    }

    static List<Scenario> caching() {
        String cached = subnet(", \"cache-threshold\": 0.5");
        return List.of(
                Scenario.of("cache-threshold 0 means no lease caching", NOT_AUTH, r -> {
                    Client c = r.client(61);
                    r.send(c.select(r.send(c.discover())));
                    r.sleep(1100);
                    r.send(c.renew());
                    r.send(c.rebind());
                }).ruruConfigured("Kea 3 accepts cache-threshold 0 (no caching), which 2.2 refuses: ruru with 0 must"
                        + " answer as 2.2 does without it", subnet(", \"cache-threshold\": 0.0")),
                Scenario.of("a renewal within the cache threshold gets the rest of the cached lease", cached, r -> {
                    Client c = r.client(62);
                    r.send(c.select(r.send(c.discover())));
                    r.sleep(1100);
                    r.send(c.renew());
                }));
    }

    static List<Scenario> releases() {
        String onePool = """
                "valid-lifetime": 4000,
                "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24", "pools": [ { "pool": "192.0.2.10 - 192.0.2.10" } ] } ]
                """;
        return List.of(
                Scenario.of("released address goes to the next client when the pool has no other", onePool, r -> {
                    Client a = r.client(31);
                    r.send(a.select(r.send(a.discover())));
                    r.send(a.release());
                    r.leaseActive("192.0.2.10");
                    Client b = r.client(32);
                    Reply offer = r.send(b.discover());
                    if (offer != null) {
                        r.send(b.select(offer));
                    }
                    r.send(a.discover());
                }),
                Scenario.of("released address comes back to its owner", onePool, r -> {
                    Client a = r.client(33);
                    r.send(a.select(r.send(a.discover())));
                    r.send(a.release());
                    r.send(a.discover());
                }),
                Scenario.of("RELEASE from other clients, by MAC and by client-id", subnet(""), r -> {
                    Client a = r.client(34).clientId("01aa");
                    r.send(a.select(r.send(a.discover())));
                    Client stranger = r.client(35);
                    stranger.address = a.address;
                    stranger.serverId = a.serverId;
                    r.send(stranger.release());
                    r.leaseActive(a.address.toString());
                    Client sameMacOtherId = r.client(34).clientId("01bb");
                    r.send(sameMacOtherId.release());
                    r.leaseActive(a.address.toString());
                    Client noId = new Client(34);
                    noId.address = a.address;
                    noId.serverId = a.serverId;
                    r.send(noId.release());
                    r.leaseActive(a.address.toString());
                    r.send(a.release());
                    r.leaseActive(a.address.toString());
                    r.send(a.release());
                }));
    }

    static List<Scenario> reservations() {
        String none = subnet("");
        String reserved = subnet("""
                , "reservations": [ { "hw-address": "02:00:00:00:00:42", "ip-address": "192.0.2.10" },
                                    { "hw-address": "02:00:00:00:00:41", "ip-address": "192.0.2.150" } ]""");
        String emptyPool = """
                "valid-lifetime": 4000,
                "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24", "pools": [ ],
                  "reservations": [ { "hw-address": "02:00:00:00:00:51", "ip-address": "192.0.2.51" },
                                    { "hw-address": "02:00:00:00:00:52", "ip-address": "192.0.2.52" },
                                    { "client-id": "01aabb", "ip-address": "192.0.2.53" } ] } ]
                """;
        return List.of(
                Scenario.of("reservations added while clients hold leases", none, r -> {
                    Client holder = r.client(41);
                    r.send(holder.select(r.send(holder.discover())));
                    Client other = r.client(42);
                    r.send(other.select(r.send(other.discover())));
                    r.reconfigureKeepingLeases(reserved);
                    r.send(holder.renew());
                    r.send(holder.rebind());
                    r.send(holder.initReboot(holder.address.toString()));
                    Reply o = r.send(holder.discover());
                    if (o != null) {
                        r.send(holder.select(o));
                    }
                    r.send(other.renew());
                    Reply o2 = r.send(other.discover());
                    if (o2 != null) {
                        r.send(other.select(o2));
                    }
                }),
                Scenario.of("multiple address reservations with an empty pool", emptyPool, r -> {
                    for (int n : new int[] {51, 52}) {
                        Client c = r.client(n);
                        Reply o = r.send(c.discover());
                        if (o != null) {
                            r.send(c.select(o));
                        }
                    }
                    Client byId = r.client(53).clientId("01aabb");
                    Reply o = r.send(byId.discover());
                    if (o != null) {
                        r.send(byId.select(o));
                    }
                    r.send(r.client(54).discover());
                    r.send(r.client(54).initReboot("192.0.2.51"));
                }));
    }

    /**
     * Issue 9 item 4 (a): the iterative allocator goes on from the subnet's last candidate, pool
     * after pool, and back to the first pool the client may use only past the last pool (Kea 2.2's
     * AllocEngine::IterativeAllocator and Kea 3's IterativeAllocator::pickAddressInternal agree).
     * Offers are not stored, so every DISCOVER moves the walk on.
     */
    static List<Scenario> iterative() {
        String guarded = """
                "valid-lifetime": 4000,
                "client-classes": [ { "name": "A", "test": "pkt4.mac == 0x020000000071" } ],
                "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24", "pools": [
                    { "pool": "192.0.2.10 - 192.0.2.11", "client-class": "A" },
                    { "pool": "192.0.2.20 - 192.0.2.22" } ] } ]
                """;
        String open = """
                "valid-lifetime": 4000,
                "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24", "pools": [
                    { "pool": "192.0.2.10 - 192.0.2.11" }, { "pool": "192.0.2.20 - 192.0.2.21" },
                    { "pool": "192.0.2.30 - 192.0.2.30" } ] } ]
                """;
        return List.of(
                Scenario.of("iterative allocator across class-guarded pools, shared by clients of other classes",
                        guarded, r -> {
                    Client a = r.client(71);
                    Client b = r.client(72);
                    for (Client c : new Client[] {a, a, a, b, a, a, b, b, a, b}) {
                        r.send(c.discover());
                    }
                }),
                Scenario.of("iterative allocator moves to the next pool at a pool's end, leases in the way", open, r -> {
                    for (int n = 73; n < 79; n++) {
                        Client c = r.client(n);
                        r.send(c.discover());
                    }
                    Client held = r.client(79);
                    r.send(held.select(r.send(held.discover())));
                    for (int n = 80; n < 84; n++) {
                        r.send(r.client(n).discover());
                    }
                }));
    }

    /**
     * Issue 9 item 4 (d): a reserved host name is qualified and lower-cased but not sanitized
     * ({@code hostname-char-set} scrubs only what clients send), in option 12 and option 81 replies
     * and in the lease; the client's own name beside it is sanitized.
     */
    static List<Scenario> reservedNames() {
        String cfg = """
                "valid-lifetime": 4000,
                "ddns-qualifying-suffix": "example.org",
                "hostname-char-set": "[^A-Za-z0-9.-]", "hostname-char-replacement": "x",
                "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24", "pools": [ { "pool": "192.0.2.10 - 192.0.2.20" } ],
                  "reservations": [ { "hw-address": "02:00:00:00:00:86", "hostname": "Res_86!Box" },
                                    { "hw-address": "02:00:00:00:00:87", "hostname": "Res_87" } ] } ]
                """;
        String fqdn = "050000" + "066d795f626f78076578616d706c65036f726700"; // S, "my_box.example.org."
        return List.of(Scenario.of("reserved host names are not sanitized, client names are", cfg, r -> {
            Client a = r.client(86);
            Reply o = r.send(a.discover().option(12, "6d795f626f78"));
            r.send(a.select(o).option(12, "6d795f626f78"));
            r.lease(a.address.toString());
            Client b = r.client(87);
            Reply o2 = r.send(b.discover().option(81, fqdn));
            r.send(b.select(o2).option(81, fqdn));
            r.lease(b.address.toString());
            Client c = r.client(88);
            r.send(c.select(r.send(c.discover().option(12, "6d795f626f78"))).option(12, "6d795f626f78"));
            r.lease(c.address.toString());
        }));
    }

    /**
     * Issue 9 item 4 (f): reserved names that already end with the qualifying suffix. kea-dhcp4
     * 2.2 live (and Kea 3's D2ClientMgr::qualifyName) leave a name that ends with the suffix on a
     * label boundary as it is, compared as written: a name in other case ({@code Res-91.Example.ORG})
     * or with the suffix inside a label ({@code res-93.barexample.org}) gets the suffix again, then
     * is lower-cased. The same in option 12 and 81 replies and in the lease, with the suffix written
     * plainly and with a trailing dot in other case. A reserved name with a trailing dot: Kea 3
     * leaves it alone (qualifyName qualifies no name ending with a dot), kea-dhcp4 2.2 qualifies it
     * too when it does not end with the suffix ({@code res-92.example.org.} with {@code Example.ORG.}
     * became {@code res-92.example.org.example.org}); ruru follows Kea 3.
     */
    static List<Scenario> suffixedNames() {
        String reservations = """
                "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24", "pools": [ { "pool": "192.0.2.10 - 192.0.2.20" } ],
                  "reservations": [ { "hw-address": "02:00:00:00:00:90", "hostname": "res-90.example.org" },
                                    { "hw-address": "02:00:00:00:00:91", "hostname": "Res-91.Example.ORG" },
                                    { "hw-address": "02:00:00:00:00:92", "hostname": "res-92.example.org." },
                                    { "hw-address": "02:00:00:00:00:93", "hostname": "res-93.barexample.org" },
                                    { "hw-address": "02:00:00:00:00:94", "hostname": "res-90.example.org" } ] } ]
                """;
        String fqdn = "050000" + "0474686973076578616d706c65036f726700"; // S, "this.example.org."
        List<Scenario> out = new ArrayList<>();
        for (String suffix : new String[] {"example.org", "Example.ORG."}) {
            String cfg = "\"valid-lifetime\": 4000, \"ddns-qualifying-suffix\": \"" + suffix + "\",\n" + reservations;
            Scenario sc = Scenario.of("reserved names ending with the qualifying suffix " + suffix, cfg, r -> {
                for (int n = 90; n <= 93; n++) {
                    Client c = r.client(n);
                    Reply o = r.send(c.discover().option(12, "6d79686f7374"));
                    r.send(c.select(o).option(12, "6d79686f7374"));
                    r.lease(c.address.toString());
                }
                Client d = r.client(94);
                Reply o = r.send(d.discover().option(81, fqdn));
                r.send(d.select(o).option(81, fqdn));
                r.lease(d.address.toString());
            });
            out.add(suffix.endsWith(".") ? sc.differs("Kea 3's qualifyName leaves a name with a trailing dot alone;"
                    + " 2.2 qualifies it when it does not end with the suffix",
                    Edits.rename("res-92.example.org.example.org", "res-92.example.org")) : sc);
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> reservedNamesWithTheSuffix() {
        return oracle.tests(suffixedNames());
    }

    /**
     * Issue 9 item 4 (b): a REQUEST's address is checked against the reservations of the selected
     * subnet only (Kea's requestLease4 calls addressReserved with the selected subnet), so in a
     * shared network an address reserved for another client in another subnet is granted, one
     * reserved in the selected subnet refused; a DISCOVER's hint is checked in the subnet holding it.
     */
    static List<Scenario> sharedNetworkReservations() {
        String cfg = """
                "valid-lifetime": 4000,
                "shared-networks": [ { "name": "lan", "subnet4": [
                  { "id": 1, "subnet": "192.0.2.0/24", "pools": [ { "pool": "192.0.2.10 - 192.0.2.11" } ],
                    "reservations": [ { "hw-address": "02:00:00:00:00:66", "ip-address": "192.0.2.11" } ] },
                  { "id": 2, "subnet": "10.0.0.0/24", "pools": [ { "pool": "10.0.0.10 - 10.0.0.20" } ],
                    "reservations": [ { "hw-address": "02:00:00:00:00:67", "ip-address": "10.0.0.15" } ] } ] } ]
                """;
        return List.of(Scenario.of("shared network: a requested address's reservation is looked up in the selected"
                + " subnet", cfg, r -> {
            Client c = r.client(68);
            r.send(c.discover().address(50, "10.0.0.15"));
            r.send(c.request().address(50, "192.0.2.11").address(54, "192.0.2.1"));
            r.send(c.initReboot("192.0.2.11"));
            r.send(c.request().address(50, "10.0.0.15").address(54, "192.0.2.1"));
            r.lease("10.0.0.15");
            Client owner = r.client(67);
            Reply o = r.send(owner.discover());
            if (o != null) {
                r.send(owner.select(o));
            }
            Client d = r.client(69);
            r.send(d.initReboot("10.0.0.16"));
            r.lease("10.0.0.16");
        }));
    }

    /**
     * Issue 9 item 4 (c): new clients once a shared network's first subnet is full. Kea starts a new
     * allocation in the network's subnet whose allocator was used last (getPreferredSubnet), so
     * after the first subnet filled up it goes straight to the second, even once an address of the
     * first is released.
     */
    static List<Scenario> fullFirstSubnet() {
        String cfg = """
                "valid-lifetime": 4000,
                "shared-networks": [ { "name": "lan", "subnet4": [
                  { "id": 1, "subnet": "192.0.2.0/24", "pools": [ { "pool": "192.0.2.10 - 192.0.2.11" } ] },
                  { "id": 2, "subnet": "10.0.0.0/24", "pools": [ { "pool": "10.0.0.10 - 10.0.0.20" } ] } ] } ]
                """;
        return List.of(Scenario.of("shared network: new clients once the first subnet is full", cfg, r -> {
            for (int n = 61; n <= 66; n++) {
                if (n == 64) {
                    // room again in the first subnet: new clients still start in the subnet used last
                    r.send(r.client(61).release());
                }
                Client c = r.client(n);
                Reply o = r.send(c.discover());
                if (o != null) {
                    r.send(c.select(o));
                }
            }
        }));
    }

    /**
     * Issue 9 item 4 (e): the order a shared network's other subnets are tried in once the
     * selected one is full, and the subnet a shared network's relay address selects. Four subnets
     * whose configuration, id, numeric and prefix-text orders all differ; the relay selects
     * 198.51.100.0/24 (id 1). From it: configuration 9.1, 20.1, 10.1; ids 10.1 (2), 20.1 (3), 9.1
     * (4); numeric 9.1, 10.1, 20.1; text 20.1, 9.1, 10.1. kea-dhcp4 2.2 live: the ids' order
     * (SharedNetwork4::getNextSubnet walks the id index), and a shared network's relay address
     * selects its lowest id. Each subnet has two addresses, so a full subnet's next client shows
     * the next one.
     */
    static List<Scenario> nextSubnetOrder() {
        String cfg = """
                "valid-lifetime": 4000,
                "shared-networks": [ { "name": "lan", "subnet4": [
                  { "id": 1, "subnet": "198.51.100.0/24", "pools": [ { "pool": "198.51.100.10 - 198.51.100.11" } ] },
                  { "id": 4, "subnet": "9.1.0.0/24", "pools": [ { "pool": "9.1.0.10 - 9.1.0.11" } ] },
                  { "id": 3, "subnet": "20.1.0.0/24", "pools": [ { "pool": "20.1.0.10 - 20.1.0.11" } ] },
                  { "id": 2, "subnet": "10.1.0.0/24", "pools": [ { "pool": "10.1.0.10 - 10.1.0.11" } ] } ] } ]
                """;
        // the network's relay address matches all four: Kea selects the one first in its id index
        // (20.1, id 2), not the configuration's first (30.1), the text's (10.1) or the numeric (9.1)
        String relayNetwork = """
                "valid-lifetime": 4000,
                "shared-networks": [ { "name": "lan", "relay": { "ip-addresses": [ "203.0.113.1" ] }, "subnet4": [
                  { "id": 5, "subnet": "30.1.0.0/24", "pools": [ { "pool": "30.1.0.10 - 30.1.0.10" } ] },
                  { "id": 4, "subnet": "9.1.0.0/24", "pools": [ { "pool": "9.1.0.10 - 9.1.0.10" } ] },
                  { "id": 3, "subnet": "10.1.0.0/24", "pools": [ { "pool": "10.1.0.10 - 10.1.0.10" } ] },
                  { "id": 2, "subnet": "20.1.0.0/24", "pools": [ { "pool": "20.1.0.10 - 20.1.0.10" } ] } ] } ]
                """;
        return List.of(Scenario.of("shared network: a full subnet passes to the others in Kea's order", cfg, r -> {
            for (int n = 0; n < 9; n++) {
                Client c = r.client(0x90 + n);
                Reply o = r.send(c.discover().relayed("198.51.100.1"));
                if (o != null) {
                    r.send(c.select(o).relayed("198.51.100.1"));
                }
            }
        }), Scenario.of("shared network selected by its relay address: the subnet Kea selects first", relayNetwork, r -> {
            for (int n = 0; n < 5; n++) {
                Client c = r.client(0xa0 + n);
                Reply o = r.send(c.discover().relayed("203.0.113.1"));
                if (o != null) {
                    r.send(c.select(o).relayed("203.0.113.1"));
                }
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> sharedNetworkNextSubnet() {
        return oracle.tests(nextSubnetOrder());
    }

    @TestFactory
    Stream<DynamicTest> sharedNetworkFull() {
        return oracle.tests(fullFirstSubnet());
    }

    @TestFactory
    Stream<DynamicTest> sharedNetworkReservationChecks() {
        return oracle.tests(sharedNetworkReservations());
    }

    @TestFactory
    Stream<DynamicTest> reservedHostNames() {
        return oracle.tests(reservedNames());
    }

    @TestFactory
    Stream<DynamicTest> iterativeAllocator() {
        return oracle.tests(iterative());
    }

    @TestFactory
    Stream<DynamicTest> authoritative() {
        return oracle.tests(authoritativeMatrix());
    }

    @TestFactory
    Stream<DynamicTest> requestStates() {
        return oracle.tests(requests());
    }

    @TestFactory
    Stream<DynamicTest> leaseCaching() {
        return oracle.tests(caching());
    }

    @TestFactory
    Stream<DynamicTest> release() {
        return oracle.tests(releases());
    }

    @TestFactory
    Stream<DynamicTest> reservationChanges() {
        return oracle.tests(reservations());
    }
}
