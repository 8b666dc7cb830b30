package ruru.ddns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
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

import ruru.testing.BindServer;
import ruru.testing.DaemonDirs;
import ruru.testing.DaemonProcess;
import ruru.testing.NetnsPair;

/**
 * The NCR is the contract between the DHCP servers and D2, so each ruru half is tried with Kea's
 * other half: ruru dhcp4 sending to Kea 2.2's kea-dhcp-ddns, and Kea 2.2's kea-dhcp4 sending to
 * ruru ddns, each updating BIND for an ISC dhclient across a veth pair.
 */
class KeaInteropDdnsTest {

    private static final int RURU_D2_PORT = 53001;
    private static final int KEA_D2_PORT = 53002;
    private static NetnsPair net;
    private static DaemonDirs dirs;
    private static Path dir;
    private static BindServer bind;
    private static DaemonProcess ruruD2;
    private static Process keaD2;

    @BeforeAll
    static void start() throws Exception {
        NetnsPair.requireRoot();
        NetnsPair.requireTool("dhclient", "isc-dhcp-client");
        NetnsPair.requireTool("kea-dhcp-ddns", "kea-dhcp-ddns-server");
        NetnsPair.requireTool("kea-dhcp4", "kea-dhcp4-server");
        net = NetnsPair.create("k", false, "02:00:00:00:00:21");
        dirs = DaemonDirs.create();
        dir = dirs.root();
        bind = BindServer.start(net.server(), dir.resolve("bind"), "ddns-key", "hmac-sha256",
                DhclientDdnsTest.SECRET, List.of("example.org", "2.0.192.in-addr.arpa"));
        String domains = """
                "tsig-keys": [ { "name": "ddns-key", "algorithm": "HMAC-SHA256", "secret": "%s" } ],
                "forward-ddns": { "ddns-domains": [ { "name": "example.org.", "key-name": "ddns-key",
                    "dns-servers": [ { "ip-address": "127.0.0.1", "port": %d } ] } ] },
                "reverse-ddns": { "ddns-domains": [ { "name": "2.0.192.in-addr.arpa.", "key-name": "ddns-key",
                    "dns-servers": [ { "ip-address": "127.0.0.1", "port": %d } ] } ] }
                """.formatted(DhclientDdnsTest.SECRET, bind.port(), bind.port());
        Path ruruCfg = dirs.writeConfig("ruru-d2.json", """
                { "DhcpDdns": { "port": %d, "control-socket": { "socket-type": "unix", "socket-name": "d2.sock" },
                  %s } }
                """.formatted(RURU_D2_PORT, domains));
        ruruD2 = DaemonProcess.startIn(net.server(), dirs, Map.of(), "ddns", "-c", ruruCfg.toString());
        ruruD2.awaitSocket(dirs.socket("d2.sock"));
        Path keaCfg = dirs.writeConfig("kea-d2.json", """
                { "DhcpDdns": { "ip-address": "127.0.0.1", "port": %d,
                  "loggers": [ { "name": "kea-dhcp-ddns", "severity": "DEBUG", "debuglevel": 50,
                                 "output_options": [ { "output": "stdout" } ] } ],
                  %s } }
                """.formatted(KEA_D2_PORT, domains));
        keaD2 = kea("kea-d2", "kea-dhcp-ddns", keaCfg);
    }

    /** A Kea daemon in the server namespace, its PID and lock files in the socket directory, as ruru's. */
    private static Process kea(String tag, String binary, Path cfg) throws IOException {
        ProcessBuilder pb = new ProcessBuilder("ip", "netns", "exec", net.server(), binary, "-c", cfg.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve(tag + ".log").toFile());
        pb.environment().putAll(dirs.env());
        pb.environment().put("KEA_PIDFILE_DIR", dirs.sockets().toString());
        pb.environment().put("KEA_LOCKFILE_DIR", dirs.sockets().toString());
        return pb.start();
    }

    @AfterAll
    static void stop() {
        if (keaD2 != null) {
            keaD2.destroy();
        }
        for (AutoCloseable c : new AutoCloseable[] {ruruD2, bind, net, dirs}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    // best effort
                }
            }
        }
    }

    private Map<String, String> dhclient(String tag, String hostname, String... extra) throws Exception {
        Path record = dir.resolve(tag + ".env");
        Path script = dir.resolve(tag + ".sh");
        Files.writeString(script, """
                #!/bin/sh
                env | grep -E '^(reason|new_)' | sort > %s.$reason
                case "$reason" in
                  BOUND|RENEW|REBOOT) ip addr flush dev "$interface"; ip addr add "$new_ip_address/24" dev "$interface" ;;
                esac
                exit 0
                """.formatted(record));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        Path cf = dir.resolve(tag + ".conf");
        Files.writeString(cf, "send host-name \"" + hostname + "\";\n");
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

    private static String dhcp4Body(int d2Port) {
        return """
                "interfaces-config": { "interfaces": [ "%s" ] },
                "valid-lifetime": 600,
                "dhcp-ddns": { "enable-updates": true, "server-ip": "127.0.0.1", "server-port": %d },
                "ddns-qualifying-suffix": "example.org",
                "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24", "pools": [ { "pool": "192.0.2.100 - 192.0.2.199" } ] } ]
                """.formatted(net.serverIface(), d2Port);
    }

    @Test
    void ruruDhcp4SendsToKeasD2() throws Exception {
        Path cfg = dirs.writeConfig("ruru4.json", "{ \"Dhcp4\": { "
                + "\"control-socket\": { \"socket-type\": \"unix\", \"socket-name\": \"ctl4.sock\" },"
                + "\"lease-database\": { \"type\": \"memfile\", \"name\": \"ruru-leases4.csv\" }, "
                + dhcp4Body(KEA_D2_PORT) + " } }");
        try (DaemonProcess dhcp4 = DaemonProcess.startIn(net.server(), dirs, Map.of(), "dhcp4", "-c", cfg.toString())) {
            dhcp4.awaitSocket(dirs.socket("ctl4.sock"));
            Map<String, String> env = dhclient("r", "kappa");
            String address = env.get("new_ip_address");
            assertThat(address).startsWith("192.0.2.");
            await().atMost(Duration.ofSeconds(15)).until(() -> bind.dig("kappa.example.org", "A").equals(List.of(address)));
            await().atMost(Duration.ofSeconds(10)).until(() -> bind.digReverse(address).equals(List.of("kappa.example.org.")));
            assertThat(Files.readString(dir.resolve("kea-d2.log"))).contains("DHCP_DDNS_ADD_SUCCEEDED");
            dhclient("r", "kappa", "-r");
            await().atMost(Duration.ofSeconds(15)).until(() -> bind.dig("kappa.example.org", "A").isEmpty()
                    && bind.digReverse(address).isEmpty());
            assertThat(Files.readString(dir.resolve("kea-d2.log"))).contains("DHCP_DDNS_REMOVE_SUCCEEDED");
        }
    }

    @Test
    void keasDhcp4SendsToRuruD2() throws Exception {
        Path cfg = dirs.writeConfig("kea4.json", "{ \"Dhcp4\": { "
                + "\"lease-database\": { \"type\": \"memfile\", \"persist\": false }, "
                + "\"loggers\": [ { \"name\": \"kea-dhcp4\", \"severity\": \"INFO\", "
                + "\"output_options\": [ { \"output\": \"stdout\" } ] } ], "
                + dhcp4Body(RURU_D2_PORT) + " } }");
        Process kea4 = kea("kea4", "kea-dhcp4", cfg);
        try {
            await().atMost(Duration.ofSeconds(15)).until(() -> Files.readString(dir.resolve("kea4.log"))
                    .contains("DHCP4_STARTED"));
            Map<String, String> env = dhclient("k", "lambda");
            String address = env.get("new_ip_address");
            assertThat(address).startsWith("192.0.2.");
            await().atMost(Duration.ofSeconds(15)).until(() -> bind.dig("lambda.example.org", "A").equals(List.of(address)));
            await().atMost(Duration.ofSeconds(10)).until(() -> bind.digReverse(address).equals(List.of("lambda.example.org.")));
            assertThat(ruruD2.stdout() + ruruD2.stderr()).contains("DHCP_DDNS_ADD_SUCCEEDED");
            dhclient("k", "lambda", "-r");
            await().atMost(Duration.ofSeconds(15)).until(() -> bind.dig("lambda.example.org", "A").isEmpty()
                    && bind.digReverse(address).isEmpty());
        } finally {
            kea4.destroy();
            kea4.waitFor();
        }
    }
}
