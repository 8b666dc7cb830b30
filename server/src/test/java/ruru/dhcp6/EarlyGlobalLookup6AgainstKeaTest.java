package ruru.dhcp6;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ruru.testing.DaemonProcess;
import ruru.testing.Netns6;
import ruru.testing.NetnsPair;
import ruru.testing.Probe6Servers;

/**
 * {@code early-global-reservations-lookup} for DHCPv6 with kea-dhcp6 2.2 as the oracle: a global
 * reservation's classes and KNOWN are there before subnet selection, so a subnet guarded by a
 * reservation class serves its client, a client without reservation gets no subnet, and DROP
 * depending on KNOWN and a reservation class drops early; without the flag the guarded subnet
 * serves nobody. The same relayed clients get the same answers from both servers.
 */
class EarlyGlobalLookup6AgainstKeaTest {

    private static NetnsPair net;

    @BeforeAll
    static void network() throws Exception {
        NetnsPair.requireRoot();
        NetnsPair.requireTool("kea-dhcp6", "kea-dhcp6-server");
        net = Netns6.create("eg", true, null);
    }

    @AfterAll
    static void cleanup() {
        if (net != null) {
            net.close();
        }
    }

    /** The probe's clients are numbered from 2 (DUID 00:03:00:01:02:77:00:00:00:n). */
    private static String body(boolean early) {
        return """
                "early-global-reservations-lookup": %s, "preferred-lifetime": 3000, "valid-lifetime": 4000,
                "client-classes": [ { "name": "gold" }, { "name": "banned" },
                                    { "name": "DROP", "test": "member('KNOWN') and member('banned')" } ],
                "reservations": [ { "duid": "00:03:00:01:02:77:00:00:00:02", "client-classes": [ "gold" ] },
                                  { "duid": "00:03:00:01:02:77:00:00:00:04", "client-classes": [ "banned" ] } ],
                "subnet6": [ { "id": 1, "subnet": "2001:db8:1::/64", "client-class": "gold",
                               "pools": [ { "pool": "2001:db8:1::100 - 2001:db8:1::1ff" } ] } ]
                """.formatted(early);
    }

    private static final List<String> CLIENTS = List.of("reserved;2001:db8:1::2", "stranger;2001:db8:1::2",
            "banned;2001:db8:1::2");

    private static String[] probeArgs() {
        List<String> args = new ArrayList<>(List.of(Netns6.CLIENT_IP6, Netns6.SERVER_IP6));
        args.addAll(CLIENTS);
        return args.toArray(String[]::new);
    }

    private static List<String> kea(boolean early) throws Exception {
        return Probe6Servers.kea(net, body(early), "ruru.testing.Dhcp6ClassProbe", probeArgs());
    }

    private static List<String> ruru(boolean early) throws Exception {
        return Probe6Servers.ruru(net, body(early), socket -> {
            if (early) {
                assertThat(DaemonProcess.statistic(socket, "pkt6-receive-drop"))
                        .as("the banned client's SOLICIT dropped, each of its 3 tries").isEqualTo(3);
            }
        }, "ruru.testing.Dhcp6ClassProbe", probeArgs());
    }

    @Test
    void aGlobalReservationsClassesCountBeforeSubnetSelectionAsInKeaDhcp6() throws Exception {
        List<String> keaEarly = kea(true);
        List<String> ruruEarly = ruru(true);
        assertThat(ruruEarly).isEqualTo(keaEarly);
        assertThat(ruruEarly).anyMatch(l -> l.startsWith("reserved REPLY NA(t1=") && l.contains("2001:db8:1::100/"))
                .anyMatch(l -> l.startsWith("stranger ADVERTISE NA(t1=0,t2=0,status=2:"))
                .contains("banned NONE");
        List<String> keaLate = kea(false);
        List<String> ruruLate = ruru(false);
        assertThat(ruruLate).isEqualTo(keaLate);
        assertThat(ruruLate).anyMatch(l -> l.startsWith("reserved ADVERTISE NA(t1=0,t2=0,status=2:"));
    }
}
