package ruru.ha;

import static org.assertj.core.api.Assertions.assertThat;
import static ruru.ha.HaTestSetup.awaitState;
import static ruru.ha.HaTestSetup.results;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import ruru.dhcp4.hooks.OfferTestLibrary;
import ruru.ha.HaServers.Server;
import ruru.ha.HaTestSetup.Result;
import ruru.json.Element;
import ruru.json.ListElement;
import ruru.json.MapElement;
import ruru.testing.DaemonDirs;
import ruru.testing.DaemonProcess;
import ruru.testing.HaNetwork;
import ruru.testing.NetnsPair;
import ruru.testing.TestJars;

/**
 * Offered leases and HA, as Kea 3's HA library does it: ruru primary with {@code offer-lifetime}
 * and a lease4_offer library, Debian's kea-dhcp4 2.2 the standby. An offer held in the primary's
 * store is not sent to the partner (Kea 3's HA has no lease4_offer callout; only leases4_committed
 * sends updates); an address the library finds in use is declined by the primary and that declined
 * lease reaches the partner (HAImpl::lease4ServerDecline, a lease4-update without parking anything).
 */
class HaOfferEndToEndTest {

    private static final String BOTH = HaNetwork.SERVER1 + "," + HaNetwork.SERVER2;
    /** HaClient's client 3. */
    private static final String IN_USE = "02:43:00:00:00:03";

    @Test
    void offersStayOnThePrimaryAndAServerDeclinedAddressReachesTheKeaPartner() throws Exception {
        NetnsPair.requireTool("kea-dhcp4", "kea-dhcp4-server");
        NetnsPair.requireTool("kea-ctrl-agent", "kea-ctrl-agent");
        DaemonDirs dir = DaemonDirs.create();
        TestJars.service(dir.hooks().resolve("offer-test.jar"), OfferTestLibrary.class);
        try (HaNetwork net = HaNetwork.create("q");
             Server ruru = HaServers.ruru(dir, net, 1, "dhcp4", primaryConfig(dir, net));
             Server kea = HaServers.kea(dir, net, 2, "kea-dhcp4", HaTestSetup.kea(dir, net, 2, "hot-standby", ""))) {
            ruru.start();
            kea.start();
            awaitState(ruru.socket(), "hot-standby", Duration.ofSeconds(40));
            awaitState(kea.socket(), "hot-standby", Duration.ofSeconds(40));
            try (HaNetwork.Relay relay = net.relay()) {
                // an offer: held on the primary for offer-lifetime, unknown to the partner
                assertThat(offers(relay.run("discover 1 1 " + BOTH))).isEqualTo(HaNetwork.SERVER1);
                String held = offerOf(ruru.socket(), "02:43:00:00:00:01");
                assertThat(DaemonProcess.lease4(ruru.socket(), held).get("valid-lft").asLong()).hasValue(30L);
                assertThat(leaseGet(kea.socket(), held)).as("offered leases are not sent").contains("\"result\": 3");

                // the REQUEST that follows commits it: then it is sent, before the ACK
                List<Result> acked = results(relay.run("dora 2 1 " + BOTH + " check=" + dir.data("s2.csv")));
                assertThat(acked).singleElement().satisfies(r -> assertThat(r.file()).isEqualTo("yes"));

                // an address the library finds in use: no OFFER, declined, and the partner hears of it
                assertThat(offers(relay.run("discover 3 1 " + BOTH))).as("no OFFER").isEqualTo("-");
                String inUse = offerOf(ruru.socket(), IN_USE);
                assertThat(leaseGet(kea.socket(), inUse)).contains("\"result\": 3");
                DaemonProcess.call(ruru.socket(), "{ \"command\": \"offer-test-resume\" }");
                assertThat(DaemonProcess.lease4(ruru.socket(), inUse).get("state").asLong()).hasValue(1L);
                String onPartner = awaitLease(kea.socket(), inUse, "\"state\": 1");
                assertThat(onPartner).contains("\"valid-lft\": 86400");
                assertThat(Files.readString(dir.data("s2.csv"))).contains(inUse + ",,,86400,");
            }
        }
    }

    /** The servers that offered, from HaClient's {@code CLIENT mac OFFERS ip,...|-} line. */
    private static String offers(List<String> lines) {
        assertThat(lines).hasSize(1);
        String[] w = lines.get(0).split(" ");
        assertThat(w[2]).isEqualTo("OFFERS");
        return w[3];
    }

    /** The yiaddr of the last lease4_offer call the library saw for {@code mac}. */
    private static String offerOf(Path socket, String mac) throws Exception {
        MapElement seen = (MapElement) DaemonProcess.call(socket, "{ \"command\": \"offer-test-seen\" }").get("arguments");
        String address = null;
        for (Element e : ((ListElement) seen.get("calls")).items()) {
            MapElement m = (MapElement) e;
            if (m.get("mac").asString().orElseThrow().equals(mac)) {
                address = m.get("yiaddr").asString().orElseThrow();
            }
        }
        assertThat(address).as("a lease4_offer call for " + mac).isNotNull();
        return address;
    }

    private static String leaseGet(Path socket, String address) throws Exception {
        return DaemonProcess.send(socket, "{ \"command\": \"lease4-get\", \"arguments\": { \"ip-address\": \""
                + address + "\" } }");
    }

    private static String awaitLease(Path socket, String address, String expected) throws Exception {
        String answer = "";
        for (int i = 0; i < 50 && !answer.contains(expected); i++) {
            answer = leaseGet(socket, address);
            Thread.sleep(100);
        }
        assertThat(answer).as(address + " on the partner").contains(expected);
        return answer;
    }

    /** HaTestSetup's ruru server1 with offer-lifetime 30 and the lease4_offer library (client 3 "in use"). */
    private static Path primaryConfig(DaemonDirs dir, HaNetwork net) throws Exception {
        Path base = HaTestSetup.ruru(dir, net, 1, "hot-standby", "");
        String config = Files.readString(base)
                .replace("\"valid-lifetime\": 3600,", "\"valid-lifetime\": 3600, \"offer-lifetime\": 30,")
                .replace("\"hooks-libraries\": [ { \"library\": \"libdhcp_lease_cmds.so\" },",
                        "\"hooks-libraries\": [ { \"library\": \"libdhcp_lease_cmds.so\" }, { \"library\": "
                                + "\"offer-test.jar\", \"parameters\": { \"in-use\": [ \"" + IN_USE + "\" ] } },");
        assertThat(config).contains("offer-test.jar").contains("\"offer-lifetime\": 30");
        return dir.writeConfig("s1-offer.json", config);
    }
}
