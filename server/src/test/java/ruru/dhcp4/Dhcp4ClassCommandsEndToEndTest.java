package ruru.dhcp4;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ruru.json.Element;
import ruru.json.Json;
import ruru.json.ListElement;
import ruru.json.MapElement;
import ruru.json.ParseOptions;
import ruru.testing.DaemonProcess;
import ruru.testing.NetnsPair;
import ruru.testing.DaemonDirs;

/**
 * class_cmds configured as in Kea ({@code libdhcp_class_cmds.so}), driven with socat on the UNIX
 * socket and curl on the HTTP socket: a class added over either changes what the next ISC dhclient
 * gets, and config-write keeps it. Texts and result codes as Kea 3's class_cmds.
 */
class Dhcp4ClassCommandsEndToEndTest {

    private static NetnsPair net;
    private static DaemonDirs dirs;
    private static Path dir;
    private static DaemonProcess daemon;
    private static Path socket;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        NetnsPair.requireRoot();
        NetnsPair.requireTool("dhclient", "isc-dhcp-client");
        NetnsPair.requireTool("socat", "socat");
        NetnsPair.requireTool("curl", "curl");
        net = NetnsPair.create("k", false, "02:00:00:00:00:01");
        dirs = DaemonDirs.create();
        dir = dirs.root();
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path cfg = dirs.writeConfig("kea.json", """
                {
                  "Dhcp4": {
                    "interfaces-config": { "interfaces": [ "%s" ] },
                    "control-sockets": [
                      { "socket-type": "unix", "socket-name": "ctl.sock" },
                      { "socket-type": "http", "socket-address": "127.0.0.1", "socket-port": %d }
                    ],
                    "hooks-libraries": [ { "library": "libdhcp_class_cmds.so" } ],
                    "lease-database": { "type": "memfile", "name": "leases4.csv" },
                    "valid-lifetime": 600,
                    "client-classes": [ { "name": "lab", "test": "member('ALL')" } ],
                    "subnet4": [ {
                      "id": 1, "subnet": "192.0.2.0/24",
                      "pools": [ { "pool": "192.0.2.10 - 192.0.2.19", "client-classes": [ "vip" ] },
                                 { "pool": "192.0.2.100 - 192.0.2.199" } ],
                      "option-data": [ { "name": "domain-name", "data": "plain.example" } ]
                    } ]
                  }
                }
                """.formatted(net.serverIface(), port));
        socket = dirs.socket("ctl.sock");
        daemon = DaemonProcess.startIn(net.server(), dirs, Map.of(), "dhcp4", "-c", cfg.toString());
        daemon.awaitSocket(socket);
    }

    @AfterAll
    static void stop() {
        if (daemon != null) {
            daemon.close();
        }
        if (net != null) {
            net.close();
        }
        if (dirs != null) {
            dirs.close();
        }
    }

    /** One command through socat, as an operator types it. */
    private static MapElement socat(String command) throws Exception {
        return ruru.testing.Socat.command(socket, command);
    }

    /** One command through curl to the HTTP socket (inside the server's namespace). */
    private static MapElement curl(String command) throws Exception {
        String out = net.exec(net.server(), "curl", "-sS", "--max-time", "20", "-X", "POST", "-H",
                "Content-Type: application/json", "-d", command, "http://127.0.0.1:" + port + "/");
        return (MapElement) ((ListElement) Json.parse(out, ParseOptions.string())).items().getFirst();
    }

    private static long result(MapElement answer) {
        return answer.get("result").asLong().orElseThrow();
    }

    private static String text(MapElement answer) {
        return answer.find("text").flatMap(Element::asString).orElse(null);
    }

    private static Map<String, String> client(String mac, String tag) throws Exception {
        Dhcp4ClassesEndToEndTest.setMac(net, mac);
        return Dhcp4ClassesEndToEndTest.dhclient(net, dir, tag, "");
    }

    private static int lastOctet(Map<String, String> env) {
        String a = env.get("new_ip_address");
        return Integer.parseInt(a.substring(a.lastIndexOf('.') + 1));
    }

    @Test
    void classAddOverTheUnixSocketAndUpdateOverCurlChangeWhatTheNextClientGets() throws Exception {
        Map<String, String> before = client("02:00:00:00:00:aa", "before");
        assertThat(lastOctet(before)).isBetween(100, 199);
        assertThat(before.get("new_domain_name")).isEqualTo("plain.example");

        MapElement added = socat("""
                { "command": "class-add", "arguments": { "client-classes": [ {
                    "name": "vip", "test": "substring(pkt4.mac, 5, 1) == 0xbb", "boot-file-name": "vip.efi",
                    "option-data": [ { "name": "domain-name", "data": "vip.example" } ] } ] } }""");
        assertThat(result(added)).isZero();
        assertThat(text(added)).isEqualTo("Class 'vip' added");

        // A member of vip may use both pools: Kea's iterative walk goes on in the pool the subnet's
        // last lease came from (192.0.2.100-199), so the class shows in its boot file name.
        Map<String, String> vip = client("02:00:00:00:00:bb", "vip");
        assertThat(vip.get("new_filename")).isEqualTo("vip.efi");
        assertThat(lastOctet(vip)).isBetween(10, 199);
        assertThat(vip.get("new_domain_name")).isEqualTo("plain.example");

        MapElement updated = curl("""
                { "command": "class-update", "arguments": { "client-classes": [ {
                    "name": "vip", "test": "substring(pkt4.mac, 5, 1) == 0xcc", "boot-file-name": "vip.efi" } ] } }""");
        assertThat(result(updated)).isZero();
        assertThat(text(updated)).isEqualTo("Class 'vip' updated");
        Map<String, String> cc = client("02:00:00:00:00:cc", "cc");
        assertThat(cc.get("new_filename")).isEqualTo("vip.efi");
        assertThat(lastOctet(cc)).isBetween(10, 199);
        Map<String, String> bd = client("02:00:00:00:00:bd", "bd");
        assertThat(bd).doesNotContainKey("new_filename");
        assertThat(lastOctet(bd)).isBetween(100, 199);

        MapElement get = curl("{ \"command\": \"class-get\", \"arguments\": { \"name\": \"vip\" } }");
        assertThat(text(get)).isEqualTo("Class 'vip' definition returned");
        MapElement def = (MapElement) ((ListElement) ((MapElement) get.get("arguments")).get("client-classes"))
                .items().getFirst();
        assertThat(def.get("test").asString()).contains("substring(pkt4.mac, 5, 1) == 0xcc");
        assertThat(def.get("next-server").asString()).contains("0.0.0.0");

        MapElement list = socat("{ \"command\": \"class-list\" }");
        assertThat(text(list)).isEqualTo("2 classes found");
        assertThat(Json.toCompact(((MapElement) list.get("arguments")).get("client-classes")))
                .isEqualTo("[ { \"name\": \"lab\" }, { \"name\": \"vip\" } ]");

        MapElement written = socat("{ \"command\": \"config-write\", \"arguments\": { \"filename\": \"kea.json\" } }");
        assertThat(result(written)).as(Json.toCompact(written)).isZero();
        String file = Files.readString(dirs.configFile("kea.json"));
        assertThat(file).contains("\"vip\"").contains("0xcc");
        // The written file is a configuration that starts with the class (checked where its interface is).
        assertThat(DaemonProcess.runToEndIn(net.server(), dirs, "dhcp4", "-t", dirs.configFile("kea.json").toString()).exit())
                .isZero();

        MapElement deleted = socat("{ \"command\": \"class-del\", \"arguments\": { \"name\": \"vip\" } }");
        assertThat(text(deleted)).isEqualTo("Class 'vip' deleted");
        Map<String, String> after = client("02:00:00:00:00:cc", "after");
        assertThat(after).doesNotContainKey("new_filename");
        assertThat(lastOctet(after)).isBetween(100, 199);
    }

    @Test
    void errorsAndEmptyAnswersAsKeas() throws Exception {
        MapElement dup = socat("{ \"command\": \"class-add\", \"arguments\": { \"client-classes\": [ { \"name\": \"lab\" } ] } }");
        assertThat(result(dup)).isEqualTo(1);
        assertThat(text(dup)).isEqualTo("Can't add class: Client Class: lab has already been defined");

        MapElement missing = socat("{ \"command\": \"class-add\", \"arguments\": { \"classes\": [ ] } }");
        assertThat(text(missing)).isEqualTo("missing 'client-classes' argument for the 'class-add' command");
        MapElement two = socat("{ \"command\": \"class-add\", \"arguments\": { \"client-classes\": [ {}, {} ] } }");
        assertThat(text(two)).isEqualTo("invalid number of classes specified for the 'class-add' command. Expected one class");
        MapElement notList = socat("{ \"command\": \"class-add\", \"arguments\": { \"client-classes\": 1 } }");
        assertThat(text(notList)).isEqualTo("'client-classes' argument specified for the 'class-add' command is not a list");
        MapElement badTest = socat("{ \"command\": \"class-add\", \"arguments\": { \"client-classes\": [ "
                + "{ \"name\": \"x\", \"test\": \"member('nope')\" } ] } }");
        assertThat(text(badTest)).startsWith("expression: [member('nope')] error: <string>:1.8-13: Not defined client class 'nope' at (");

        for (String bad : List.of("{ \"name\": 5 }", "{ \"name\": \"y\", \"test\": 7 }",
                "{ \"name\": \"y\", \"bogus\": true }", "{ \"name\": \"y\", \"option-data\": [ 1 ] }",
                "{ \"name\": \"y\", \"next-server\": \"x\" }", "{ \"test\": \"member('ALL')\" }")) {
            MapElement answer = socat("{ \"command\": \"class-add\", \"arguments\": { \"client-classes\": [ "
                    + bad + " ] } }");
            assertThat(result(answer)).as(bad).isEqualTo(1);
            assertThat(text(answer)).as(bad).doesNotContain("Exception").doesNotContain("java.");
        }

        MapElement absent = socat("{ \"command\": \"class-get\", \"arguments\": { \"name\": \"nope\" } }");
        assertThat(result(absent)).isEqualTo(3);
        assertThat(text(absent)).isEqualTo("Class 'nope' not found");
        MapElement noUpdate = socat("{ \"command\": \"class-update\", \"arguments\": { \"client-classes\": [ { \"name\": \"nope\" } ] } }");
        assertThat(result(noUpdate)).isEqualTo(3);
        assertThat(text(noUpdate)).isEqualTo("Class 'nope' is not found");
        MapElement noDel = socat("{ \"command\": \"class-del\", \"arguments\": { \"name\": \"nope\" } }");
        assertThat(result(noDel)).isEqualTo(3);

        assertThat(result(socat("{ \"command\": \"class-add\", \"arguments\": { \"client-classes\": [ "
                + "{ \"name\": \"uses-lab\", \"test\": \"member('lab')\" } ] } }"))).isZero();
        MapElement inUse = socat("{ \"command\": \"class-del\", \"arguments\": { \"name\": \"lab\" } }");
        assertThat(result(inUse)).isEqualTo(1);
        assertThat(text(inUse)).isEqualTo("Class 'lab' is used by class 'uses-lab'");
        MapElement known = socat("{ \"command\": \"class-update\", \"arguments\": { \"client-classes\": [ "
                + "{ \"name\": \"uses-lab\", \"test\": \"member('KNOWN')\" } ] } }");
        assertThat(text(known)).startsWith("modification of the class 'uses-lab' would affect its dependency");
        assertThat(text(socat("{ \"command\": \"class-del\", \"arguments\": { \"name\": \"uses-lab\" } }")))
                .isEqualTo("Class 'uses-lab' deleted");

        MapElement commands = socat("{ \"command\": \"list-commands\" }");
        assertThat(Json.toCompact(commands.get("arguments"))).contains("\"class-add\"", "\"class-del\"", "\"class-get\"",
                "\"class-list\"", "\"class-update\"");
        assertThat(List.of(result(socat("{ \"command\": \"class-list\", \"arguments\": { } }")))).containsExactly(0L);
    }
}
