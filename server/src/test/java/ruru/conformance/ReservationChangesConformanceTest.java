package ruru.conformance;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Item 4 of issue 9, continued: reservations changed by a reconfiguration while clients hold
 * leases (moved to another address, removed, moved to another subnet, given to another client,
 * made global) and subnets whose pools overlap, each played against kea-dhcp4 2.2 on the same
 * queries with the lease file kept across the change, as an operator's config-set keeps it.
 */
class ReservationChangesConformanceTest extends OracleTest {

    /** Subnet 1 (direct, pool .10-.20) with {@code extra} inside it, and subnet 2 behind relay 198.51.100.1. */
    static String subnets(String extra, String extra2) {
        return """
                "valid-lifetime": 4000, "renew-timer": 1000, "rebind-timer": 2000,
                "subnet4": [
                  { "id": 1, "subnet": "192.0.2.0/24", "pools": [ { "pool": "192.0.2.10 - 192.0.2.20" } ] %s },
                  { "id": 2, "subnet": "198.51.100.0/24", "pools": [ { "pool": "198.51.100.10 - 198.51.100.20" } ],
                    "relay": { "ip-addresses": [ "198.51.100.1" ] } %s } ]
                """.formatted(extra, extra2);
    }

    static String reservation(String mac, String address) {
        return ", \"reservations\": [ { \"hw-address\": \"" + mac + "\", \"ip-address\": \"" + address + "\" } ]";
    }

    static final String PLAIN = subnets("", "");

    /** A client gets everything it can: DISCOVER, then REQUEST for the offer. */
    static Reply dora(Run r, Client c) throws Exception {
        Reply o = r.send(c.discover());
        return o == null ? null : r.send(c.select(o));
    }

    /** Every way the client can come back after the change: renew, rebind, INIT-REBOOT, a new DORA. */
    static void comeBack(Run r, Client c, String held) throws Exception {
        r.send(c.renew());
        r.send(c.rebind());
        r.send(c.initReboot(held));
        dora(r, c);
    }

    static List<Scenario> scenarios() {
        return List.of(
                Scenario.of("a reservation moved to another address under its client", subnets(
                        reservation("02:00:00:00:01:61", "192.0.2.150"), ""), r -> {
                    Client c = r.client(161);
                    dora(r, c);
                    r.reconfigureKeepingLeases(subnets(reservation("02:00:00:00:01:61", "192.0.2.151"), ""));
                    comeBack(r, c, "192.0.2.150");
                    r.lease("192.0.2.150");
                    r.lease("192.0.2.151");
                }),
                Scenario.of("a reservation removed under its client (out-of-pool address)", subnets(
                        reservation("02:00:00:00:01:62", "192.0.2.160"), ""), r -> {
                    Client c = r.client(162);
                    dora(r, c);
                    r.reconfigureKeepingLeases(PLAIN);
                    comeBack(r, c, "192.0.2.160");
                    r.lease("192.0.2.160");
                }),
                Scenario.of("a reservation moved to another subnet", subnets(
                        reservation("02:00:00:00:01:63", "192.0.2.12"), ""), r -> {
                    Client c = r.client(163);
                    dora(r, c);
                    r.reconfigureKeepingLeases(subnets("", reservation("02:00:00:00:01:63", "198.51.100.50")));
                    r.send(c.renew());
                    Reply o = r.send(c.discover().relayed("198.51.100.1"));
                    if (o != null) {
                        r.send(c.select(o).relayed("198.51.100.1"));
                    }
                    r.send(c.renew());
                    r.lease("192.0.2.12");
                    r.lease("198.51.100.50");
                }),
                Scenario.of("an address reserved for one client while another holds it", PLAIN, r -> {
                    Client holder = r.client(164);
                    dora(r, holder);
                    r.reconfigureKeepingLeases(subnets(reservation("02:00:00:00:01:65", holder.address.toString()), ""));
                    Client owner = r.client(165);
                    dora(r, owner);
                    r.send(holder.renew());
                    r.send(holder.rebind());
                    dora(r, holder);
                    r.send(holder.release());
                    dora(r, owner);
                    r.lease("192.0.2.10");
                    r.command("{ \"command\": \"statistic-get\", \"arguments\": { \"name\": \"v4-reservation-conflicts\" } }");
                }),
                Scenario.of("a global reservation added under a client", PLAIN, r -> {
                    Client c = r.client(166);
                    dora(r, c);
                    r.reconfigureKeepingLeases("\"reservations-global\": true, \"reservations-in-subnet\": false, "
                            + "\"reservations\": [ { \"hw-address\": \"02:00:00:00:01:66\", \"ip-address\": \"192.0.2.170\" } ], "
                            + PLAIN);
                    comeBack(r, c, "192.0.2.10");
                    r.lease("192.0.2.10");
                    r.lease("192.0.2.170");
                }),
                Scenario.of("a reservation's identifier changed from MAC to client-id", subnets(
                        reservation("02:00:00:00:01:67", "192.0.2.180"), ""), r -> {
                    Client c = r.client(167).clientId("01020000000167");
                    dora(r, c);
                    r.reconfigureKeepingLeases(subnets(", \"reservations\": [ { \"client-id\": \"01:02:00:00:00:01:67\","
                            + " \"ip-address\": \"192.0.2.181\" } ]", ""));
                    comeBack(r, c, "192.0.2.180");
                    r.lease("192.0.2.180");
                    r.lease("192.0.2.181");
                }),
                Scenario.of("subnets whose pools overlap: a /24 and a /25 inside it", """
                        "valid-lifetime": 4000,
                        "subnet4": [
                          { "id": 1, "subnet": "192.0.2.0/24", "pools": [ { "pool": "192.0.2.10 - 192.0.2.12" } ] },
                          { "id": 2, "subnet": "192.0.2.0/25", "pools": [ { "pool": "192.0.2.11 - 192.0.2.13" } ] } ]
                        """, r -> {
                    for (int n = 168; n <= 172; n++) {
                        dora(r, r.client(n));
                    }
                    Reply o = r.send(r.client(173).discover().relayed("192.0.2.129"));
                    if (o != null) {
                        r.send(r.client(173).select(o).relayed("192.0.2.129"));
                    }
                    r.lease("192.0.2.11");
                }),
                Scenario.of("pools overlapping inside one subnet, and pools outside their subnet", PLAIN, r -> {
                    r.reconfigure("""
                            "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24",
                              "pools": [ { "pool": "192.0.2.10 - 192.0.2.20" }, { "pool": "192.0.2.20 - 192.0.2.30" } ] } ]
                            """);
                    r.reconfigure("""
                            "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24", "pools": [ { "pool": "192.0.3.10 - 192.0.3.20" } ] } ]
                            """);
                    r.reconfigure("""
                            "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24", "pools": [ { "pool": "192.0.2.0/25" },
                              { "pool": "192.0.2.100 - 192.0.2.200" } ] } ]
                            """);
                    // No exchange after the refusals: kea-dhcp4 2.2 logs DHCP4_CONFIG_UNRECOVERABLE_ERROR
                    // and stops answering until the next good config-set, where ruru keeps serving the
                    // configuration in force (a refused configuration never leaves a dead service).
                }));
    }

    @Override
    String tag() {
        return "rc";
    }

    @Override
    String initialConfig() {
        return PLAIN;
    }

    @TestFactory
    Stream<DynamicTest> againstKea() {
        return oracle.tests(scenarios());
    }
}
