package ruru.dhcp4.service;

import static org.assertj.core.api.Assertions.assertThat;
import static ruru.dhcp4.service.ServiceFixture.ip;
import static ruru.dhcp4.service.ServiceFixture.query;

import java.util.HexFormat;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import ruru.wire.HardwareAddress;
import ruru.wire.v4.Dhcp4Options;
import ruru.wire.v4.Dhcp4Packet;
import ruru.wire.v4.MessageType;

/**
 * Kea's {@code early-global-reservations-lookup}: a global reservation's classes and KNOWN are
 * there before subnet selection, so a subnet guarded by a reservation class (or by KNOWN) serves
 * its client; without the flag the guard sees neither and the client gets nothing.
 */
class EarlyGlobalLookupTest {

    private static String config(boolean early) {
        return """
                {
                  "early-global-reservations-lookup": %s,
                  "client-classes": [ { "name": "gold" }, { "name": "banned" },
                                      { "name": "DROP", "test": "member('KNOWN') and member('banned')" } ],
                  "reservations": [ { "hw-address": "02:00:00:00:00:07", "client-classes": [ "gold" ] },
                                    { "hw-address": "02:00:00:00:00:08", "client-classes": [ "banned" ] } ],
                  "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24", "client-class": "gold",
                                 "pools": [ { "pool": "192.0.2.10 - 192.0.2.20" } ] } ]
                }
                """.formatted(early);
    }

    private static Optional<Dhcp4Packet> discover(ServiceFixture f, String mac) {
        return f.send(query(MessageType.DISCOVER, new HardwareAddress(1, HexFormat.of().parseHex(mac)),
                Dhcp4Options.builder()).build());
    }

    @Test
    void aGlobalReservationsClassOpensAGuardedSubnetOnlyWithTheEarlyLookup() throws Exception {
        ServiceFixture early = new ServiceFixture(config(true));
        assertThat(discover(early, "020000000007")).hasValueSatisfying(
                o -> assertThat(o.yiaddr()).isEqualTo(ip("192.0.2.10")));
        assertThat(discover(early, "020000000009")).as("no reservation: the guard keeps it out").isEmpty();
        long drops = early.stat("pkt4-receive-drop");
        assertThat(discover(early, "020000000008")).as("DROP on KNOWN and a reservation class, early").isEmpty();
        assertThat(early.stat("pkt4-receive-drop")).isEqualTo(drops + 1);

        ServiceFixture late = new ServiceFixture(config(false));
        assertThat(discover(late, "020000000007")).isEmpty();
    }
}
