package ruru.dhcp6;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ruru.json.Element;
import ruru.json.Json;
import ruru.json.MapElement;
import ruru.testing.DaemonDirs;
import ruru.testing.DaemonProcess;
import ruru.testing.Netns6;
import ruru.testing.NetnsPair;

/**
 * class_cmds in kea-dhcp6 ({@code libdhcp_class_cmds.so}), driven with socat on the UNIX socket,
 * with ISC dhclient -6 in a network namespace as the client: a class updated changes the pool, the
 * options and the lifetimes the next client gets; class-add, class-list, class-get and config-get
 * show the classes in force; a class another one depends on cannot be deleted; updated back, the
 * next client is in the other pool again. Kea 3's class_cmds texts.
 */
class Dhcp6ClassCommandsTest {

    private static NetnsPair net;
    private static DaemonDirs dirs;
    private static Path dir;
    private static DaemonProcess daemon;
    private static Path socket;

    @BeforeAll
    static void start() throws Exception {
        NetnsPair.requireRoot();
        NetnsPair.requireTool("dhclient", "isc-dhcp-client");
        NetnsPair.requireTool("socat", "socat");
        net = Netns6.create("q", false, "02:00:00:00:00:03");
        dirs = DaemonDirs.create();
        dir = dirs.root();
        Path cfg = dirs.writeConfig("d6.json", """
                { "Dhcp6": {
                    "interfaces-config": { "interfaces": [ "%1$s" ] },
                    "control-socket": { "socket-type": "unix", "socket-name": "ctl.sock" },
                    "hooks-libraries": [ { "library": "libdhcp_class_cmds.so" } ],
                    "lease-database": { "type": "memfile", "name": "leases6.csv" },
                    "preferred-lifetime": 300, "valid-lifetime": 600,
                    "option-data": [ { "name": "dns-servers", "data": "2001:db8:1::53" } ],
                    "client-classes": [ { "name": "lab", "test": "member('ALL')" },
                                        { "name": "vip", "test": "'a' == 'b'" },
                                        { "name": "plain", "test": "not member('vip')" } ],
                    "subnet6": [ { "id": 1, "subnet": "2001:db8:1::/64", "interface": "%1$s",
                      "pools": [ { "pool": "2001:db8:1::100 - 2001:db8:1::1ff", "client-class": "vip" },
                                 { "pool": "2001:db8:1::200 - 2001:db8:1::2ff", "client-class": "plain" } ] } ] } }
                """.formatted(net.serverIface()));
        socket = dirs.socket("ctl.sock");
        daemon = DaemonProcess.startIn(net.server(), dirs, Map.of(), "dhcp6", "-c", cfg.toString());
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
    }

    /** One command through socat, as an operator types it. */
    private static MapElement socat(String command) throws Exception {
        return ruru.testing.Socat.command(socket, command);
    }

    private static String text(MapElement answer) {
        return answer.find("text").flatMap(Element::asString).orElse(null);
    }

    private static long result(MapElement answer) {
        return answer.get("result").asLong().orElseThrow();
    }

    @Test
    void aClassAddedOverTheSocketChangesTheNextDhclientsPoolAndOptions() throws Exception {
        Map<String, String> before = Dhcp6DhclientTest.dhclient(net, dir, "before");
        assertThat(before.get("reason")).isEqualTo("BOUND6");
        assertThat(before.get("new_ip6_address")).startsWith("2001:db8:1::2");
        assertThat(before.get("new_dhcp6_name_servers")).isEqualTo("2001:db8:1::53");

        MapElement added = socat("""
                { "command": "class-add", "arguments": { "client-classes": [ {
                    "name": "spare", "option-data": [ { "name": "sntp-servers", "data": "2001:db8::123" } ] } ] } }""");
        assertThat(result(added)).isZero();
        assertThat(text(added)).isEqualTo("Class 'spare' added");
        assertThat(text(socat("{ \"command\": \"class-list\" }"))).isEqualTo("4 classes found");

        // dhclient -6 sends a DUID-LLT (type 1): the updated class takes every such client.
        MapElement updated = socat("""
                { "command": "class-update", "arguments": { "client-classes": [ {
                    "name": "vip", "test": "substring(option[1].hex, 0, 2) == 0x0001",
                    "preferred-lifetime": 250, "valid-lifetime": 500,
                    "option-data": [ { "name": "dns-servers", "data": "2001:db8::99" } ] } ] } }""");
        assertThat(result(updated)).isZero();
        assertThat(text(updated)).isEqualTo("Class 'vip' updated");
        MapElement got = socat("{ \"command\": \"class-get\", \"arguments\": { \"name\": \"vip\" } }");
        assertThat(text(got)).isEqualTo("Class 'vip' definition returned");
        assertThat(Json.toCompact(got.get("arguments"))).contains("substring(option[1].hex, 0, 2) == 0x0001");
        assertThat(Json.toCompact(socat("{ \"command\": \"config-get\" }").get("arguments")))
                .contains("substring(option[1].hex, 0, 2) == 0x0001").contains("\"spare\"");

        Map<String, String> vip = Dhcp6DhclientTest.dhclient(net, dir, "vip");
        assertThat(vip.get("new_ip6_address")).startsWith("2001:db8:1::1");
        assertThat(vip.get("new_dhcp6_name_servers")).as("the class's option over the global one")
                .isEqualTo("2001:db8::99");
        assertThat(vip.get("new_preferred_life")).isEqualTo("250");
        assertThat(vip.get("new_max_life")).isEqualTo("500");

        MapElement refused = socat("{ \"command\": \"class-del\", \"arguments\": { \"name\": \"vip\" } }");
        assertThat(result(refused)).isEqualTo(1);
        assertThat(text(refused)).isEqualTo("Class 'vip' is used by class 'plain'");
        assertThat(text(socat("{ \"command\": \"class-del\", \"arguments\": { \"name\": \"spare\" } }")))
                .isEqualTo("Class 'spare' deleted");
        assertThat(result(socat("{ \"command\": \"class-get\", \"arguments\": { \"name\": \"spare\" } }")))
                .isEqualTo(3);
        socat("""
                { "command": "class-update", "arguments": { "client-classes": [ {
                    "name": "vip", "test": "'a' == 'b'" } ] } }""");
        Map<String, String> after = Dhcp6DhclientTest.dhclient(net, dir, "after");
        assertThat(after.get("new_ip6_address")).startsWith("2001:db8:1::2");
        assertThat(after.get("new_dhcp6_name_servers")).isEqualTo("2001:db8:1::53");
    }
}
