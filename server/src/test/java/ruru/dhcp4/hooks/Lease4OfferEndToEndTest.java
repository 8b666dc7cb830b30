package ruru.dhcp4.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ruru.json.Element;
import ruru.json.Json;
import ruru.json.ListElement;
import ruru.json.MapElement;
import ruru.testing.DaemonDirs;
import ruru.testing.DaemonProcess;
import ruru.testing.NetnsPair;
import ruru.testing.TestJars;

/**
 * lease4_offer on a real daemon: {@link OfferTestLibrary} as a jar in the hooks directory, a relay
 * client in a network namespace sending DISCOVERs over UDP, offer-lifetime 30. The library's
 * callout changes every OFFER it lets go (option 15), drops one client's, parks another's until a
 * control command resumes it (the OFFER reaches the client only then), answers "in use" for a
 * third (no OFFER; the address is declined by the server and lease4_server_decline runs), and
 * reports the arguments it saw: Kea's query4, response4, leases4, offer_lifetime, old_lease, host.
 */
class Lease4OfferEndToEndTest {

    private static final String DOMAIN = "offer-hook.example";

    private static NetnsPair net;
    private static DaemonDirs dirs;
    private static DaemonProcess daemon;
    private static Path socket;

    @BeforeAll
    static void start() throws Exception {
        NetnsPair.requireRoot();
        net = NetnsPair.create("f", true, null);
        dirs = DaemonDirs.create();
        TestJars.service(dirs.hooks().resolve("offer-test.jar"), OfferTestLibrary.class);
        Path cfg = dirs.writeConfig("offer-hook.json", """
                {
                  "Dhcp4": {
                    "interfaces-config": { "interfaces": [ "%s" ] },
                    "control-socket": { "socket-type": "unix", "socket-name": "ctl.sock" },
                    "lease-database": { "type": "memfile", "name": "leases4.csv" },
                    "hooks-libraries": [ { "library": "libdhcp_lease_cmds.so" },
                      { "library": "offer-test.jar", "parameters": {
                          "drop": [ "02:44:00:00:00:01" ], "park": [ "02:44:00:00:00:02" ],
                          "in-use": [ "02:44:00:00:00:03" ], "domain-name": "%s" } } ],
                    "valid-lifetime": 600,
                    "offer-lifetime": 30,
                    "subnet4": [ {
                      "id": 1, "subnet": "192.0.2.0/24",
                      "pools": [ { "pool": "192.0.2.10 - 192.0.2.20" } ],
                      "reservations": [ { "hw-address": "02:44:00:00:00:05", "ip-address": "192.0.2.50",
                                          "hostname": "resv5" } ]
                    } ],
                    "loggers": [ { "name": "kea-dhcp4", "severity": "INFO",
                                   "output_options": [ { "output": "offer-hook.log" } ] } ]
                  }
                }
                """.formatted(net.serverIface(), DOMAIN));
        socket = dirs.socket("ctl.sock");
        daemon = DaemonProcess.startIn(net.server(), dirs, Map.of(), "dhcp4", "-c", cfg.toString());
        daemon.awaitSocket(socket);
    }

    @AfterAll
    static void stop() {
        ruru.testing.Closer.closeAll(daemon, net, dirs);
    }

    /** The relay client's DISCOVER for client {@code n} (MAC 02:44:00:00:00:n), started, not awaited. */
    private static Client discover(int n, long timeoutMs) throws Exception {
        Path out = dirs.root().resolve("client-" + System.nanoTime() + ".out");
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), "ruru.testing.DoraClient", "discover", NetnsPair.CLIENT_IP,
                NetnsPair.SERVER_IP, Integer.toString(n), Long.toString(timeoutMs)));
        return new Client(net.start(net.client(), out, cmd.toArray(String[]::new)), out);
    }

    private record Client(Process process, Path out) {
        /** {@code OFFER <address> <lease time> [<domain>]} or {@code NONE}. */
        String[] result() throws Exception {
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            return Files.readString(out).trim().split(" ");
        }
    }

    private static MapElement seen() throws Exception {
        MapElement r = DaemonProcess.call(socket, "{ \"command\": \"offer-test-seen\" }");
        return (MapElement) r.get("arguments");
    }

    private static MapElement lastCallFor(String mac) throws Exception {
        MapElement found = null;
        for (Element e : ((ListElement) seen().get("calls")).items()) {
            MapElement m = (MapElement) e;
            if (m.get("mac").asString().orElseThrow().equals(mac)) {
                found = m;
            }
        }
        assertThat(found).as("a lease4_offer call for " + mac).isNotNull();
        return found;
    }

    private static MapElement lease(String address) throws Exception {
        return DaemonProcess.lease4(socket, address);
    }

    private static long parked() throws Exception {
        return seen().get("parked").asLong().orElseThrow();
    }

    @Test
    void theCalloutSeesKeaArgumentsAndItsChangedOfferIsWhatTheClientGets() throws Exception {
        String[] offer = discover(4, 3000).result();
        assertThat(offer[0]).isEqualTo("OFFER");
        assertThat(offer).as("option 15 the callout put in").contains(DOMAIN);
        MapElement call = lastCallFor("02:44:00:00:00:04");
        assertThat(call.get("query-type").asString()).contains("DISCOVER");
        assertThat(call.get("response-type").asString()).contains("OFFER");
        assertThat(call.get("yiaddr").asString()).contains(offer[1]);
        assertThat(call.get("offer-lifetime").asLong()).contains(30L);
        assertThat(Json.toCompact(call.get("leases4"))).isEqualTo("[ { \"address\": \"" + offer[1]
                + "\", \"hw-address\": \"02:44:00:00:00:04\", \"state\": 0, \"valid-lft\": 30 } ]");
        assertThat(call.get("old-lease").asString()).contains("none");
        assertThat(call.get("host").asString()).contains("none");

        // again: the lease held for this client is the old lease now
        assertThat(discover(4, 3000).result()[1]).isEqualTo(offer[1]);
        MapElement again = lastCallFor("02:44:00:00:00:04");
        assertThat(((MapElement) again.get("old-lease")).get("address").asString()).contains(offer[1]);

        // a reserved client: the host argument is its reservation
        String[] reserved = discover(5, 3000).result();
        assertThat(reserved[1]).isEqualTo("192.0.2.50");
        assertThat(lastCallFor("02:44:00:00:00:05").get("host").asString())
                .contains("hw-address=02:44:00:00:00:05 resv5");
    }

    @Test
    void aDroppedOfferNeverReachesTheClient() throws Exception {
        String[] none = discover(1, 1500).result();
        assertThat(none).containsExactly("NONE");
        String held = lastCallFor("02:44:00:00:00:01").get("yiaddr").asString().orElseThrow();
        assertThat(lease(held).get("valid-lft").asLong()).as("the address stays held for offer-lifetime").hasValue(30L);
    }

    @Test
    void aParkedOfferLeavesOnlyWhenTheLibraryResumesIt() throws Exception {
        Client c = discover(2, 20_000);
        await().atMost(Duration.ofSeconds(15)).until(() -> parked() == 1);
        // held: the client is still waiting a while later
        Thread.sleep(1000);
        assertThat(c.process().isAlive()).as("no OFFER while parked").isTrue();
        assertThat(Files.readString(c.out())).isEmpty();
        MapElement resumed = DaemonProcess.call(socket, "{ \"command\": \"offer-test-resume\" }");
        assertThat(resumed.get("text").asString()).contains("1 resumed");
        String[] offer = c.result();
        assertThat(offer[0]).isEqualTo("OFFER");
        assertThat(offer[1]).isEqualTo(lastCallFor("02:44:00:00:00:02").get("yiaddr").asString().orElseThrow());
        assertThat(offer).contains(DOMAIN);
    }

    @Test
    void anAddressTheLibraryFindsInUseIsDeclinedByTheServerAndNotOffered() throws Exception {
        long declinedBefore = DaemonProcess.statistic(socket, "declined-addresses");
        Client c = discover(3, 8000);
        await().atMost(Duration.ofSeconds(15)).until(() -> parked() == 1);
        String address = lastCallFor("02:44:00:00:00:03").get("yiaddr").asString().orElseThrow();
        DaemonProcess.call(socket, "{ \"command\": \"offer-test-resume\" }");
        assertThat(c.result()).containsExactly("NONE");
        MapElement l = lease(address);
        assertThat(l.get("state").asLong()).hasValue(1L);
        assertThat(l.get("valid-lft").asLong()).as("decline-probation-period").hasValue(86400L);
        assertThat(l.find("hw-address").flatMap(Element::asString).orElse("")).as("the client is forgotten").isEmpty();
        assertThat(DaemonProcess.statistic(socket, "declined-addresses")).isEqualTo(declinedBefore + 1);
        ListElement declines = (ListElement) seen().get("server-declines");
        assertThat(Json.toCompact(declines)).contains("\"mac\": \"02:44:00:00:00:03\"")
                .contains("\"address\": \"" + address + "\"").contains("\"state\": 1");
        assertThat(Files.readString(dirs.logs().resolve("offer-hook.log")))
                .contains("DHCP4_SERVER_INITIATED_DECLINE Lease for addr " + address
                        + " has been found to be already in use. The lease will be unavailable for 86400 seconds.");
    }
}
