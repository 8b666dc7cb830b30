package ruru.ddns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ruru.json.MapElement;
import ruru.testing.BindServer;
import ruru.testing.DaemonDirs;
import ruru.testing.DaemonProcess;
import ruru.testing.NetnsPair;

/**
 * The whole DDNS chain as a site runs it: ISC dhclient in one network namespace; ruru dhcp4, ruru
 * ddns and BIND 9 (TSIG-protected forward and reverse zones) in the other. A client with a host
 * name gets A, PTR and DHCID records (checked with dig); another client asking for the same name
 * does not take it; RELEASE removes the records; lease4-resend-ddns and lease4-del with update-ddns
 * act on DNS as Kea's do.
 */
class DhclientDdnsTest {

    static final String SECRET = "LSWXnfkKZjdPJI5QxlpnfQ==";
    private static NetnsPair net;
    private static DaemonDirs dirs;
    private static Path dir;
    private static BindServer bind;
    private static DaemonProcess d2;
    private static DaemonProcess dhcp4;
    private static Path socket4;

    @BeforeAll
    static void start() throws Exception {
        NetnsPair.requireRoot();
        NetnsPair.requireTool("dhclient", "isc-dhcp-client");
        net = NetnsPair.create("y", false, "02:00:00:00:00:0a");
        dirs = DaemonDirs.create();
        dir = dirs.root();
        bind = BindServer.start(net.server(), dir.resolve("bind"), "ddns-key", "hmac-sha256", SECRET,
                List.of("example.org", "2.0.192.in-addr.arpa"));
        Path d2cfg = dirs.writeConfig("d2.json", """
                { "DhcpDdns": {
                    "control-socket": { "socket-type": "unix", "socket-name": "d2.sock" },
                    "tsig-keys": [ { "name": "ddns-key", "algorithm": "HMAC-SHA256", "secret": "%s" } ],
                    "forward-ddns": { "ddns-domains": [ { "name": "example.org.", "key-name": "ddns-key",
                        "dns-servers": [ { "ip-address": "127.0.0.1", "port": %d } ] } ] },
                    "reverse-ddns": { "ddns-domains": [ { "name": "2.0.192.in-addr.arpa.", "key-name": "ddns-key",
                        "dns-servers": [ { "ip-address": "127.0.0.1", "port": %d } ] } ] }
                } }
                """.formatted(SECRET, bind.port(), bind.port()));
        d2 = DaemonProcess.startIn(net.server(), dirs, Map.of(), "ddns", "-c", d2cfg.toString());
        d2.awaitSocket(dirs.socket("d2.sock"));
        Path cfg = dirs.writeConfig("dhcp4.json", """
                { "Dhcp4": {
                    "interfaces-config": { "interfaces": [ "%s" ] },
                    "control-socket": { "socket-type": "unix", "socket-name": "ctl4.sock" },
                    "lease-database": { "type": "memfile", "name": "leases4.csv" },
                    "hooks-libraries": [ { "library": "/usr/lib/x86_64-linux-gnu/kea/hooks/libdhcp_lease_cmds.so" } ],
                    "valid-lifetime": 600,
                    "dhcp-ddns": { "enable-updates": true },
                    "ddns-qualifying-suffix": "example.org",
                    "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24",
                        "pools": [ { "pool": "192.0.2.100 - 192.0.2.199" } ] } ]
                } }
                """.formatted(net.serverIface()));
        socket4 = dirs.socket("ctl4.sock");
        dhcp4 = DaemonProcess.startIn(net.server(), dirs, Map.of(), "dhcp4", "-c", cfg.toString());
        dhcp4.awaitSocket(socket4);
    }

    @AfterAll
    static void stop() {
        if (dhcp4 != null && d2 != null) {
            System.out.println("dhcp4 output:\n" + dhcp4.stdout() + dhcp4.stderr() + "\nd2 output:\n" + d2.stdout()
                    + d2.stderr());
        }
        for (AutoCloseable c : new AutoCloseable[] {dhcp4, d2, bind, net, dirs}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    // best effort
                }
            }
        }
    }

    /** dhclient with {@code conf} as its configuration; returns what its script was told. */
    private Map<String, String> dhclient(String tag, String conf, String... extra) throws Exception {
        Path record = dir.resolve(tag + ".env");
        Path script = dir.resolve(tag + ".sh");
        Files.writeString(script, """
                #!/bin/sh
                env | grep -E '^(reason|new_)' | sort > %s.$reason
                exit 0
                """.formatted(record));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        Path cf = dir.resolve(tag + ".conf");
        Files.writeString(cf, conf);
        List<String> cmd = new java.util.ArrayList<>(List.of("timeout", "60", "dhclient", "-1", "-v", "-cf",
                cf.toString(), "-sf", script.toString(), "-lf", dir.resolve(tag + ".leases").toString(), "-pf",
                dir.resolve(tag + ".pid").toString()));
        cmd.addAll(List.of(extra));
        cmd.add(net.clientIface());
        net.exec(net.client(), cmd.toArray(String[]::new));
        Map<String, String> env = new HashMap<>();
        Path bound = Path.of(record + ".BOUND");
        if (Files.exists(bound)) {
            for (String line : Files.readAllLines(bound)) {
                int eq = line.indexOf('=');
                env.put(line.substring(0, eq), line.substring(eq + 1).replace("'", ""));
            }
        }
        return env;
    }

    /** The client side holds {@code address}, so dhclient can send its RELEASE by unicast from it. */
    private void holdAddress(String address) throws Exception {
        net.exec(net.client(), "ip", "addr", "flush", "dev", net.clientIface());
        net.exec(net.client(), "ip", "addr", "add", address + "/24", "dev", net.clientIface());
    }

    private void setMac(String mac) throws Exception {
        net.exec(net.client(), "ip", "link", "set", net.clientIface(), "down");
        net.exec(net.client(), "ip", "link", "set", net.clientIface(), "address", mac);
        net.exec(net.client(), "ip", "link", "set", net.clientIface(), "up");
    }

    private static MapElement command(String text) throws Exception {
        return DaemonProcess.call(socket4, text);
    }

    @Test
    void hostNamesReachBindAndLeaveItAgain() throws Exception {
        setMac("02:00:00:00:00:0a");
        Map<String, String> a = dhclient("a", "send host-name \"alpha\";\n");
        String addressA = a.get("new_ip_address");
        assertThat(addressA).startsWith("192.0.2.");
        assertThat(a.get("new_host_name")).isEqualTo("alpha.example.org");
        await().atMost(Duration.ofSeconds(15)).until(() -> bind.dig("alpha.example.org", "A").equals(List.of(addressA)));
        await().atMost(Duration.ofSeconds(10)).until(() -> bind.digReverse(addressA).equals(List.of("alpha.example.org.")));
        assertThat(bind.dig("alpha.example.org", "DHCID")).hasSize(1);
        assertThat(Files.readString(dirs.data("leases4.csv"))).contains(addressA + ",02:00:00:00:00:0a,")
                .contains(",1,1,alpha.example.org");

        // Another client asking for the same name gets an address but not the name.
        setMac("02:00:00:00:00:0b");
        Map<String, String> b = dhclient("b", "send host-name \"alpha\";\n");
        String addressB = b.get("new_ip_address");
        assertThat(addressB).isNotEqualTo(addressA);
        await().atMost(Duration.ofSeconds(10)).until(() -> (d2.stdout() + d2.stderr())
                .contains("DHCP_DDNS_FORWARD_REPLACE_REJECTED"));
        assertThat(bind.dig("alpha.example.org", "A")).containsExactly(addressA);
        assertThat(bind.digReverse(addressB)).isEmpty();

        // A's RELEASE removes its records.
        setMac("02:00:00:00:00:0a");
        holdAddress(addressA);
        dhclient("a", "send host-name \"alpha\";\n", "-r");
        await().atMost(Duration.ofSeconds(15)).until(() -> bind.dig("alpha.example.org", "A").isEmpty()
                && bind.digReverse(addressA).isEmpty());

        // lease4-resend-ddns gives B the name that is free now; lease4-del with update-ddns takes it away.
        MapElement resend = command("{ \"command\": \"lease4-resend-ddns\", \"arguments\": { \"ip-address\": \""
                + addressB + "\" } }");
        assertThat(resend.get("text").asString()).contains("NCR generated for: " + addressB
                + ", hostname: alpha.example.org");
        await().atMost(Duration.ofSeconds(10)).until(() -> bind.dig("alpha.example.org", "A").equals(List.of(addressB)));
        MapElement del = command("{ \"command\": \"lease4-del\", \"arguments\": { \"ip-address\": \"" + addressB
                + "\", \"update-ddns\": true } }");
        assertThat(del.get("result").asLong()).contains(0L);
        await().atMost(Duration.ofSeconds(10)).until(() -> bind.dig("alpha.example.org", "A").isEmpty()
                && bind.digReverse(addressB).isEmpty());
    }

    @Test
    void anFqdnOptionClientGetsItsName() throws Exception {
        setMac("02:00:00:00:00:0c");
        Map<String, String> c = dhclient("c", "send fqdn.fqdn \"gamma.example.org.\";\nsend fqdn.encoded on;\n"
                + "send fqdn.server-update on;\n");
        String address = c.get("new_ip_address");
        assertThat(address).startsWith("192.0.2.");
        await().atMost(Duration.ofSeconds(15)).until(() -> bind.dig("gamma.example.org", "A").equals(List.of(address)));
        await().atMost(Duration.ofSeconds(10)).until(() -> bind.digReverse(address).equals(List.of("gamma.example.org.")));
        holdAddress(address);
        dhclient("c", "send fqdn.fqdn \"gamma.example.org.\";\n", "-r");
        await().atMost(Duration.ofSeconds(15)).until(() -> bind.dig("gamma.example.org", "A").isEmpty());
    }
}
