package ruru.ddns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
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
import ruru.testing.Netns6;
import ruru.testing.NetnsPair;

/**
 * DDNS for DHCPv6 as a site runs it: ISC dhclient -6 (sending option 39) in one network namespace;
 * ruru dhcp6, ruru ddns and BIND 9 (TSIG-protected {@code example.org} and the ip6.arpa zone of
 * 2001:db8:1::/64) in the other. The client's name gets its AAAA, PTR and DHCID records (dig),
 * the DHCID being RFC 4701 type 2 over the client's DUID; the lease stores hostname, fqdn-fwd and
 * fqdn-rev; a client without a name gets a generated one under {@code ddns-replace-client-name
 * when-not-present}; RELEASE removes the records; lease6-resend-ddns and lease6-del with
 * update-ddns act on DNS. Interop: ruru dhcp6 sending to Kea 2.2's kea-dhcp-ddns, and Kea 2.2's
 * kea-dhcp6 sending to ruru's D2.
 */
class DhclientDdns6Test {

    static final String SECRET = "LSWXnfkKZjdPJI5QxlpnfQ==";
    static final String REVERSE_ZONE = "1.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa";
    private static NetnsPair net;
    private static DaemonDirs dirs;
    private static Path dir;
    private static BindServer bind;
    private static DaemonProcess d2;
    private static DaemonProcess dhcp6;
    private static Path socket6;

    @BeforeAll
    static void start() throws Exception {
        NetnsPair.requireRoot();
        NetnsPair.requireTool("dhclient", "isc-dhcp-client");
        NetnsPair.requireTool("named", "bind9");
        net = Netns6.create("q", false, "02:00:00:00:00:61");
        dirs = DaemonDirs.create();
        dir = dirs.root();
        bind = BindServer.start(net.server(), dir.resolve("bind"), "ddns-key", "hmac-sha256", SECRET,
                List.of("example.org", REVERSE_ZONE));
        Path d2cfg = dirs.writeConfig("d2.json", """
                { "DhcpDdns": {
                    "control-socket": { "socket-type": "unix", "socket-name": "d2.sock" },
                    %s } }
                """.formatted(domains()));
        d2 = DaemonProcess.startIn(net.server(), dirs, Map.of(), "ddns", "-c", d2cfg.toString());
        d2.awaitSocket(dirs.socket("d2.sock"));
        Path cfg = dirs.writeConfig("dhcp6.json", dhcp6Config(53001));
        socket6 = dirs.socket("ctl6.sock");
        dhcp6 = DaemonProcess.startIn(net.server(), dirs, Map.of(), "dhcp6", "-c", cfg.toString());
        dhcp6.awaitSocket(socket6);
    }

    /** The D2 keys and domains (ruru's D2 and Kea's take the same). */
    private static String domains() {
        return """
                "tsig-keys": [ { "name": "ddns-key", "algorithm": "HMAC-SHA256", "secret": "%s" } ],
                "forward-ddns": { "ddns-domains": [ { "name": "example.org.", "key-name": "ddns-key",
                    "dns-servers": [ { "ip-address": "127.0.0.1", "port": %d } ] } ] },
                "reverse-ddns": { "ddns-domains": [ { "name": "%s.", "key-name": "ddns-key",
                    "dns-servers": [ { "ip-address": "127.0.0.1", "port": %d } ] } ] }
                """.formatted(SECRET, bind.port(), REVERSE_ZONE, bind.port());
    }

    private static String dhcp6Config(int d2Port) {
        return """
                { "Dhcp6": {
                    "interfaces-config": { "interfaces": [ "%1$s" ] },
                    "control-socket": { "socket-type": "unix", "socket-name": "ctl6.sock" },
                    "lease-database": { "type": "memfile", "name": "leases6.csv" },
                    "hooks-libraries": [ { "library": "/usr/lib/x86_64-linux-gnu/kea/hooks/libdhcp_lease_cmds.so" } ],
                    "preferred-lifetime": 3000, "valid-lifetime": 4000,
                    "dhcp-ddns": { "enable-updates": true, "server-port": %2$d },
                    "ddns-qualifying-suffix": "example.org",
                    "ddns-replace-client-name": "when-not-present",
                    "subnet6": [ { "id": 1, "subnet": "2001:db8:1::/64", "interface": "%1$s",
                        "pools": [ { "pool": "2001:db8:1::100 - 2001:db8:1::1ff" } ] } ]
                } }
                """.formatted(net.serverIface(), d2Port);
    }

    @AfterAll
    static void stop() {
        if (dhcp6 != null && d2 != null) {
            System.out.println("dhcp6 output:\n" + dhcp6.stdout() + dhcp6.stderr() + "\nd2 output:\n" + d2.stdout()
                    + d2.stderr());
        }
        for (AutoCloseable c : new AutoCloseable[] {dhcp6, d2, bind, net, dirs}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    // best effort
                }
            }
        }
    }

    /** dhclient -6 with {@code conf}; the script records what it was told and sets the address. */
    private Map<String, String> dhclient(String tag, String conf, String... extra) throws Exception {
        Path record = dir.resolve(tag + ".env");
        Path script = dir.resolve(tag + ".sh");
        Files.writeString(script, """
                #!/bin/sh
                env | grep -E '^(reason|interface|new_|old_)' | sort > %s.$reason
                case "$reason" in
                  BOUND6|RENEW6|REBIND6) [ -n "$new_ip6_address" ] && ip -6 addr replace "$new_ip6_address/128" dev "$interface" ;;
                  RELEASE6|EXPIRE6|STOP6) [ -n "$old_ip6_address" ] && ip -6 addr del "$old_ip6_address/128" dev "$interface" ;;
                esac
                exit 0
                """.formatted(record));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        Path cf = dir.resolve(tag + ".conf");
        Files.writeString(cf, conf);
        List<String> cmd = new ArrayList<>(List.of("timeout", "60", "dhclient", "-6", "-1", "-v", "-cf", cf.toString(),
                "-sf", script.toString(), "-lf", dir.resolve(tag + ".leases").toString(), "-pf",
                dir.resolve(tag + ".pid").toString()));
        cmd.addAll(List.of(extra));
        cmd.add(net.clientIface());
        net.exec(net.client(), cmd.toArray(String[]::new));
        Map<String, String> env = new HashMap<>();
        Path bound = Path.of(record + ".BOUND6");
        if (Files.exists(bound)) {
            for (String line : Files.readAllLines(bound)) {
                int eq = line.indexOf('=');
                env.put(line.substring(0, eq), line.substring(eq + 1).replace("'", ""));
            }
        }
        return env;
    }

    private void setMac(String mac) throws Exception {
        net.exec(net.client(), "ip", "link", "set", net.clientIface(), "down");
        net.exec(net.client(), "ip", "link", "set", net.clientIface(), "address", mac);
        net.exec(net.client(), "ip", "link", "set", net.clientIface(), "up");
        // dhclient -6 needs the new link-local address
        await().atMost(Duration.ofSeconds(10)).until(() -> net.exec(net.client(), "ip", "-6", "addr", "show", "dev",
                net.clientIface(), "scope", "link").contains("inet6 fe80:"));
    }

    /** The ip6.arpa name of an address (nibbles, least significant first). */
    static String reverseName(String address) throws Exception {
        byte[] b = InetAddress.ofLiteral(address).getAddress();
        StringBuilder s = new StringBuilder();
        for (int i = b.length - 1; i >= 0; i--) {
            s.append(Character.forDigit(b[i] & 0xF, 16)).append('.').append(Character.forDigit((b[i] >> 4) & 0xF, 16))
                    .append('.');
        }
        return s.append("ip6.arpa").toString();
    }

    private List<String> ptr(String address) throws Exception {
        return bind.dig(reverseName(address), "PTR");
    }

    private static MapElement command(String text) throws Exception {
        return DaemonProcess.call(socket6, text);
    }

    /** The lease file's live row of an address (Kea's rules: the last row wins, valid lifetime 0 deletes). */
    private static String[] row(String address) throws Exception {
        String[] found = null;
        List<String> lines = Files.readAllLines(dirs.data("leases6.csv"));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            if (f[0].equals(address)) {
                found = f[2].equals("0") ? null : f;
            }
        }
        return found;
    }

    @Test
    void anOption39NameReachesBindAndLeavesWithTheRelease() throws Exception {
        setMac("02:00:00:00:00:61");
        String conf = "send fqdn.fqdn \"v6host.example.org.\";\nsend fqdn.server-update on;\n";
        Map<String, String> a = dhclient("a", conf);
        String address = a.get("new_ip6_address");
        assertThat(address).as("dhclient -6 bound: " + a).startsWith("2001:db8:1::1");
        await().atMost(Duration.ofSeconds(15)).until(() -> bind.dig("v6host.example.org", "AAAA")
                .equals(List.of(address)));
        await().atMost(Duration.ofSeconds(10)).until(() -> ptr(address).equals(List.of("v6host.example.org.")));
        List<String> dhcid = bind.dig("v6host.example.org", "DHCID");
        assertThat(dhcid).hasSize(1);
        // RFC 4701: identifier type 2 (DUID), digest type 1 (SHA-256): base64 of 00 02 01 ...
        assertThat(java.util.Base64.getDecoder().decode(dhcid.getFirst())).startsWith(0, 2, 1);
        String[] lease = row(address);
        assertThat(lease).as("lease row").isNotNull();
        assertThat(lease[9]).as("fqdn_fwd").isEqualTo("1");
        assertThat(lease[10]).as("fqdn_rev").isEqualTo("1");
        assertThat(lease[11]).as("hostname").isEqualTo("v6host.example.org.");
        MapElement got = command("{ \"command\": \"lease6-get\", \"arguments\": { \"ip-address\": \"" + address
                + "\" } }");
        assertThat(ruru.json.Json.toCompact(got)).contains("\"fqdn-fwd\": true").contains("\"fqdn-rev\": true")
                .contains("\"hostname\": \"v6host.example.org.\"");

        dhclient("a", conf, "-r");
        await().atMost(Duration.ofSeconds(15)).until(() -> bind.dig("v6host.example.org", "AAAA").isEmpty()
                && ptr(address).isEmpty());
        assertThat(bind.dig("v6host.example.org", "DHCID")).isEmpty();
    }

    @Test
    void aClientWithoutANameGetsAGeneratedOneThenResendAndDelete() throws Exception {
        setMac("02:00:00:00:00:62");
        Map<String, String> b = dhclient("b", "");
        String address = b.get("new_ip6_address");
        assertThat(address).as("dhclient -6 bound: " + b).startsWith("2001:db8:1::1");
        String generated = "myhost-" + address.replace(':', '-') + ".example.org";
        await().atMost(Duration.ofSeconds(15)).until(() -> bind.dig(generated, "AAAA").equals(List.of(address)));
        await().atMost(Duration.ofSeconds(10)).until(() -> ptr(address).equals(List.of(generated + ".")));
        assertThat(row(address)[11]).isEqualTo(generated + ".");

        // lease6-del with update-ddns removes the records; lease6-resend-ddns of a re-added lease puts them back.
        MapElement del = command("{ \"command\": \"lease6-del\", \"arguments\": { \"ip-address\": \"" + address
                + "\", \"update-ddns\": true } }");
        assertThat(del.get("result").asLong()).contains(0L);
        await().atMost(Duration.ofSeconds(10)).until(() -> bind.dig(generated, "AAAA").isEmpty() && ptr(address).isEmpty());
        MapElement add = command("{ \"command\": \"lease6-add\", \"arguments\": { \"ip-address\": \"" + address
                + "\", \"duid\": \"00:03:00:01:02:00:00:00:00:62\", \"iaid\": 1, \"subnet-id\": 1,"
                + " \"hostname\": \"" + generated + ".\", \"fqdn-fwd\": true, \"fqdn-rev\": true } }");
        assertThat(add.get("result").asLong()).contains(0L);
        MapElement resend = command("{ \"command\": \"lease6-resend-ddns\", \"arguments\": { \"ip-address\": \""
                + address + "\" } }");
        assertThat(resend.get("text").asString()).contains("NCR generated for: " + address + ", hostname: "
                + generated + ".");
        await().atMost(Duration.ofSeconds(10)).until(() -> bind.dig(generated, "AAAA").equals(List.of(address)));
        MapElement none = command("{ \"command\": \"lease6-resend-ddns\", \"arguments\": { \"ip-address\": "
                + "\"2001:db8:1::ffff\" } }");
        assertThat(none.get("result").asLong()).contains(3L);
        assertThat(none.get("text").asString()).contains("No lease found for: 2001:db8:1::ffff");
    }

    @Test
    void ruruDhcp6SendsToKeasD2() throws Exception {
        NetnsPair.requireTool("kea-dhcp-ddns", "kea-dhcp-ddns-server");
        Path keaCfg = dirs.writeConfig("kea-d2.json", """
                { "DhcpDdns": { "ip-address": "127.0.0.1", "port": 53002, "dns-server-timeout": 2000,
                  "loggers": [ { "name": "kea-dhcp-ddns", "severity": "DEBUG", "debuglevel": 50,
                                 "output_options": [ { "output": "stdout" } ] } ],
                  %s } }
                """.formatted(domains()));
        ProcessBuilder pb = new ProcessBuilder("ip", "netns", "exec", net.server(), "kea-dhcp-ddns", "-c",
                keaCfg.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("kea-d2.log").toFile());
        pb.environment().putAll(dirs.env());
        pb.environment().put("KEA_PIDFILE_DIR", dirs.sockets().toString());
        pb.environment().put("KEA_LOCKFILE_DIR", dirs.sockets().toString());
        Process keaD2 = pb.start();
        try {
            await().atMost(Duration.ofSeconds(15)).until(() -> Files.readString(dir.resolve("kea-d2.log"))
                    .contains("DHCP_DDNS_STARTED"));
            MapElement set = command("{ \"command\": \"config-set\", \"arguments\": " + dhcp6Config(53002) + " }");
            assertThat(set.get("result").asLong()).as(set.toString()).contains(0L);
            setMac("02:00:00:00:00:63");
            String conf = "send fqdn.fqdn \"kea6host.example.org.\";\nsend fqdn.server-update on;\n";
            Map<String, String> c = dhclient("c", conf);
            String address = c.get("new_ip6_address");
            assertThat(address).as("dhclient -6 bound: " + c).startsWith("2001:db8:1::1");
            await().atMost(Duration.ofSeconds(15)).until(() -> bind.dig("kea6host.example.org", "AAAA")
                    .equals(List.of(address)));
            await().atMost(Duration.ofSeconds(10)).until(() -> ptr(address).equals(List.of("kea6host.example.org.")));
            assertThat(Files.readString(dir.resolve("kea-d2.log"))).contains("DHCP_DDNS_ADD_SUCCEEDED");
            dhclient("c", conf, "-r");
            await().atMost(Duration.ofSeconds(15)).until(() -> bind.dig("kea6host.example.org", "AAAA").isEmpty()
                    && ptr(address).isEmpty());
            assertThat(Files.readString(dir.resolve("kea-d2.log"))).contains("DHCP_DDNS_REMOVE_SUCCEEDED");
        } finally {
            command("{ \"command\": \"config-set\", \"arguments\": " + dhcp6Config(53001) + " }");
            keaD2.destroy();
            keaD2.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    @Test
    void keasDhcp6SendsToRuruD2() throws Exception {
        NetnsPair.requireTool("kea-dhcp6", "kea-dhcp6-server");
        // kea-dhcp6 2.2 takes the interface while ruru's dhcp6 is stopped, then ruru's comes back
        dhcp6.close();
        Path keaCfg = Files.writeString(dir.resolve("kea6.json"), """
                { "Dhcp6": { "interfaces-config": { "interfaces": [ "%1$s" ] },
                  "data-directory": "%2$s",
                  "lease-database": { "type": "memfile", "persist": false },
                  "preferred-lifetime": 3000, "valid-lifetime": 4000,
                  "dhcp-ddns": { "enable-updates": true, "server-port": 53001 },
                  "ddns-qualifying-suffix": "example.org",
                  "loggers": [ { "name": "kea-dhcp6", "severity": "INFO", "output_options": [ { "output": "stdout" } ] } ],
                  "subnet6": [ { "id": 1, "subnet": "2001:db8:1::/64", "interface": "%1$s",
                      "pools": [ { "pool": "2001:db8:1::200 - 2001:db8:1::2ff" } ] } ] } }
                """.formatted(net.serverIface(), dirs.data()));
        Process kea6 = new ProcessBuilder("ip", "netns", "exec", net.server(), "env", "KEA_PIDFILE_DIR=" + dir,
                "KEA_LOCKFILE_DIR=" + dir, "kea-dhcp6", "-c", keaCfg.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("kea6.log").toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> Files.readString(dir.resolve("kea6.log"))
                    .contains("DHCP6_STARTED"));
            setMac("02:00:00:00:00:64");
            String conf = "send fqdn.fqdn \"fromkea.example.org.\";\nsend fqdn.server-update on;\n";
            Map<String, String> k = dhclient("k", conf);
            String address = k.get("new_ip6_address");
            assertThat(address).as("dhclient -6 bound by Kea: " + k).startsWith("2001:db8:1::2");
            await().atMost(Duration.ofSeconds(15)).until(() -> bind.dig("fromkea.example.org", "AAAA")
                    .equals(List.of(address)));
            await().atMost(Duration.ofSeconds(10)).until(() -> ptr(address).equals(List.of("fromkea.example.org.")));
            assertThat(d2.stdout() + d2.stderr()).contains("DHCP_DDNS_ADD_SUCCEEDED");
            dhclient("k", conf, "-r");
            await().atMost(Duration.ofSeconds(15)).until(() -> bind.dig("fromkea.example.org", "AAAA").isEmpty()
                    && ptr(address).isEmpty());
        } finally {
            kea6.destroy();
            kea6.waitFor(20, java.util.concurrent.TimeUnit.SECONDS);
            dhcp6 = DaemonProcess.startIn(net.server(), dirs, Map.of(), "dhcp6", "-c",
                    dirs.writeConfig("dhcp6.json", dhcp6Config(53001)).toString());
            dhcp6.awaitSocket(socket6);
        }
    }
}
