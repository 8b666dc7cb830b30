package ruru.dhcp4.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ruru.json.Json;
import ruru.json.ListElement;
import ruru.json.MapElement;
import ruru.testing.DaemonDirs;
import ruru.testing.DaemonProcess;
import ruru.testing.NetnsPair;
import ruru.testing.TestJars;

/**
 * The example library examples/hook-drop-mac, as a user runs it: its jar in the hooks directory,
 * named in hooks-libraries; its command answers over the UNIX socket and its pkt4_receive callout
 * drops the listed client while others get leases (a scripted relay agent in a network namespace).
 */
class DropMacExampleTest {

    /** DoraClient's second client (its MACs are 02:42 followed by the client's number). */
    private static final String DROPPED_MAC = "02:42:00:00:00:01";

    private static NetnsPair net;

    @BeforeAll
    static void network() throws Exception {
        NetnsPair.requireRoot();
        net = NetnsPair.create("h", true, null);
    }

    @AfterAll
    static void cleanup() {
        if (net != null) {
            net.close();
        }
    }

    /** The example's build output as a jar (the reactor hands tests its classes directory). */
    static Path exampleJar(Path hooksDir) throws Exception {
        return TestJars.exampleJar("example.dropmac.DropMacLibrary", hooksDir, "drop-mac.jar");
    }

    private static String config(String macs) {
        return """
                {
                  "Dhcp4": {
                    "interfaces-config": { "interfaces": [ "%s" ], "dhcp-socket-type": "udp" },
                    "control-socket": { "socket-type": "unix", "socket-name": "ctl.sock" },
                    "lease-database": { "type": "memfile", "name": "leases4.csv" },
                    "hooks-libraries": [ { "library": "drop-mac.jar", "parameters": { "macs": [ %s ] } } ],
                    "subnet4": [ {
                      "id": 1, "subnet": "198.18.0.0/15",
                      "relay": { "ip-addresses": [ "192.0.2.2" ] },
                      "pools": [ { "pool": "198.18.0.1 - 198.19.255.254" } ]
                    } ]
                  }
                }
                """.formatted(net.serverIface(), macs);
    }

    private static List<String> dora(Path dir, int count) throws Exception {
        Path out = dir.resolve("dora-" + System.nanoTime() + ".out");
        List<String> cmd = List.of(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), "ruru.testing.DoraClient", "dora", NetnsPair.CLIENT_IP,
                NetnsPair.SERVER_IP, Integer.toString(count));
        Process p = net.start(net.client(), out, cmd.toArray(String[]::new));
        assertThat(p.waitFor()).isZero();
        return Files.readAllLines(out);
    }

    @Test
    void theExampleLibraryAnswersItsCommandAndDropsTheListedClient() throws Exception {
        DaemonDirs dirs = DaemonDirs.create();
        Path dir = dirs.root();
        Path hooks = dirs.hooks();
        exampleJar(hooks);
        Path cfg = dirs.writeConfig("kea.json", config("\"" + DROPPED_MAC + "\""));
        Path socket = dirs.socket("ctl.sock");
        try (DaemonProcess d = DaemonProcess.startIn(net.server(), dirs, Map.of(),
                "dhcp4", "-c", cfg.toString())) {
            d.awaitSocket(socket);
            MapElement list = DaemonProcess.call(socket, "{ \"command\": \"list-commands\" }");
            assertThat(Json.toCompact(list.get("arguments"))).contains("\"drop-mac-list\"");

            List<String> lines = dora(dir, 3);
            assertThat(lines).contains("NO-OFFER " + DROPPED_MAC);
            assertThat(lines).filteredOn(l -> l.startsWith("ACK ")).hasSize(2)
                    .noneMatch(l -> l.endsWith(DROPPED_MAC));

            MapElement answer = DaemonProcess.call(socket, "{ \"command\": \"drop-mac-list\" }");
            assertThat(answer.get("result").asLong()).contains(0L);
            MapElement args = (MapElement) answer.get("arguments");
            assertThat(Json.toCompact(args.get("macs"))).isEqualTo("[ \"" + DROPPED_MAC + "\" ]");
            assertThat(args.get("dropped").asLong().orElseThrow()).isPositive();

            MapElement reload = DaemonProcess.call(socket, "{ \"command\": \"libreload\" }");
            assertThat(reload.get("text").asString()).contains("Hooks libraries successfully reloaded.");
            MapElement afterReload = (MapElement) DaemonProcess.call(socket, "{ \"command\": \"drop-mac-list\" }")
                    .get("arguments");
            assertThat(afterReload.get("dropped").asLong()).as("a fresh load").contains(0L);

            // config-set reloads the library with its new parameters: nobody is dropped any more.
            String newConfig = config("");
            MapElement set = DaemonProcess.call(socket, "{ \"command\": \"config-set\", \"arguments\": "
                    + newConfig + " }");
            assertThat(set.get("result").asLong()).as(Json.toCompact(set)).contains(0L);
            MapElement now = (MapElement) DaemonProcess.call(socket, "{ \"command\": \"drop-mac-list\" }")
                    .get("arguments");
            assertThat(((ListElement) now.get("macs")).isEmpty()).isTrue();
        }
    }

    @Test
    void aConfigSetCannotLoadAJarFromOutsideTheHooksDirectory() throws Exception {
        DaemonDirs dirs = DaemonDirs.create();
        Path dir = dirs.root();
        Path hooks = dirs.hooks();
        exampleJar(hooks);
        Path elsewhere = Files.createDirectories(Files.createTempDirectory("ruru-elsewhere"));
        Path outside = Files.copy(hooks.resolve("drop-mac.jar"), elsewhere.resolve("x.jar"));
        Path cfg = dirs.writeConfig("kea.json", config("\"" + DROPPED_MAC + "\""));
        Path socket = dirs.socket("ctl.sock");
        try (DaemonProcess d = DaemonProcess.startIn(net.server(), dirs, Map.of(),
                "dhcp4", "-c", cfg.toString())) {
            d.awaitSocket(socket);
            String bad = config("").replace("drop-mac.jar", outside.toString());
            MapElement set = DaemonProcess.call(socket, "{ \"command\": \"config-set\", \"arguments\": " + bad + " }");
            assertThat(set.get("result").asLong()).contains(1L);
            assertThat(set.get("text").asString().orElseThrow()).contains("invalid path specified");
            MapElement test = DaemonProcess.call(socket, "{ \"command\": \"config-test\", \"arguments\": " + bad + " }");
            assertThat(test.get("result").asLong()).contains(1L);
            // the library in force is untouched
            MapElement list = (MapElement) DaemonProcess.call(socket, "{ \"command\": \"drop-mac-list\" }")
                    .get("arguments");
            assertThat(Json.toCompact(list.get("macs"))).contains(DROPPED_MAC);
        } finally {
            Files.deleteIfExists(outside);
            Files.deleteIfExists(elsewhere);
        }
    }
}
