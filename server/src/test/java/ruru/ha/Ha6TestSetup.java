package ruru.ha;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import ruru.testing.DaemonDirs;
import ruru.testing.DaemonProcess;
import ruru.testing.HaNetwork;

/**
 * DHCPv6 HA pairs on an {@link HaNetwork} with IPv6 (server i on 2001:db8:1::i, peers over
 * 192.0.2.i as in the DHCPv4 tests), for ruru and for kea-dhcp6 2.2 with its Control Agent. Clients
 * come through the relay at 2001:db8:1::fe, in the one subnet 2001:db8:1::/64.
 */
final class Ha6TestSetup {

    /** ruru's HTTP control socket (GET /metrics), on 127.0.0.1 inside each server's namespace. */
    static final int METRICS_PORT = 8080;

    static final String POOLS = "[ { \"pool\": \"2001:db8:1::1:0/112\" } ]";
    /** /64 prefixes delegated out of 2001:db8:8::/56. */
    static final String PD_POOLS = "[ { \"prefix\": \"2001:db8:8::\", \"prefix-len\": 56, \"delegated-len\": 64 } ]";

    private Ha6TestSetup() {
    }

    static HaNetwork network(String letter) throws IOException, InterruptedException {
        HaNetwork net = HaNetwork.create(letter);
        try {
            net.enableIpv6();
        } catch (IOException | InterruptedException | RuntimeException e) {
            net.close();
            throw e;
        }
        return net;
    }

    /** The one subnet of the pair tests, 2001:db8:1::/64 with addresses and /64 prefixes. */
    static final String SUBNET = "{ \"id\": 1, \"subnet\": \"2001:db8:1::/64\", \"pools\": " + POOLS
            + ", \"pd-pools\": " + PD_POOLS + " }";

    /** A ruru dhcp6 server: leases in s{n}.csv, control socket s{n}.sock, log s{n}.log. */
    static Path ruru(DaemonDirs dir, HaNetwork net, int server, String mode, String extra) throws IOException {
        return ruruWith(dir, net, server, HaTestSetup.ha(server, mode, extra), SUBNET);
    }

    /** A ruru dhcp6 server with these HA relationships and subnets (JSON list contents). */
    static Path ruruWith(DaemonDirs dir, HaNetwork net, int server, String relationships, String subnets)
            throws IOException {
        String config = """
                { "Dhcp6": {
                  "interfaces-config": { "interfaces": [ "%s/%s" ] },
                  "control-sockets": [ { "socket-type": "unix", "socket-name": "s%d.sock" },
                    { "socket-type": "http", "socket-address": "127.0.0.1", "socket-port": %d } ],
                  "lease-database": { "type": "memfile", "name": "s%d.csv", "lfc-interval": 0 },
                  "preferred-lifetime": 3000, "valid-lifetime": 3600,
                  "hooks-libraries": [ { "library": "libdhcp_lease_cmds.so" },
                    { "library": "libdhcp_ha.so", "parameters": { "high-availability": [ %s ] } } ],
                  "subnet6": [ %s ],
                  "loggers": [ { "name": "kea-dhcp6", "severity": "INFO",
                                 "output_options": [ { "output": "s%d.log" } ] } ]
                } }""".formatted(net.iface(server), net.address6(server), server, METRICS_PORT, server,
                relationships, subnets, server);
        return dir.writeConfig("s" + server + ".json", config);
    }

    /**
     * kea-dhcp6 2.2 with Debian's libdhcp_ha.so, and its Control Agent on the peer URL; its socket,
     * lease file and log beside ruru's (k{n}.sock, s{n}.csv, s{n}.log).
     */
    static Path[] kea(DaemonDirs dir, HaNetwork net, int server, String mode, String extra) throws IOException {
        return keaWith(dir, net, server, HaTestSetup.ha(server, mode, extra), SUBNET, "");
    }

    /**
     * kea-dhcp6 2.2 with these HA relationships and subnets; {@code agentExtra} adds members to the
     * Control Agent's map (its TLS files and authentication), with a leading comma.
     */
    static Path[] keaWith(DaemonDirs dir, HaNetwork net, int server, String relationships, String subnets,
                          String agentExtra) throws IOException {
        String config = """
                { "Dhcp6": {
                  "interfaces-config": { "interfaces": [ "%s/%s" ] },
                  "control-socket": { "socket-type": "unix", "socket-name": "%s/k%d.sock" },
                  "lease-database": { "type": "memfile", "name": "%s/s%d.csv", "lfc-interval": 0 },
                  "preferred-lifetime": 3000, "valid-lifetime": 3600,
                  "hooks-libraries": [ { "library": "%slibdhcp_lease_cmds.so" },
                    { "library": "%slibdhcp_ha.so", "parameters": { "high-availability": [ %s ] } } ],
                  "subnet6": [ %s ],
                  "loggers": [ { "name": "kea-dhcp6", "severity": "INFO",
                                 "output_options": [ { "output": "%s/s%d.log" } ] } ]
                } }""".formatted(net.iface(server), net.address6(server), dir.sockets(), server, dir.data(), server,
                HaTestSetup.KEA_HOOKS, HaTestSetup.KEA_HOOKS, relationships, subnets, dir.logs(), server);
        String agent = """
                { "Control-agent": { "http-host": "%s", "http-port": %d%s,
                    "control-sockets": { "dhcp6": { "socket-type": "unix", "socket-name": "%s/k%d.sock" } },
                    "loggers": [ { "name": "kea-ctrl-agent", "severity": "INFO",
                                   "output_options": [ { "output": "%s/ca%d.log" } ] } ] } }"""
                .formatted(net.address(server), 8000 + server, agentExtra, dir.sockets(), server, dir.logs(), server);
        return new Path[] {dir.writeConfig("k" + server + ".json", config),
            dir.writeConfig("ca" + server + ".json", agent)};
    }

    static DaemonProcess startRuru(DaemonDirs dir, HaNetwork net, int server, Path config) throws Exception {
        DaemonProcess p = DaemonProcess.startIn(net.ns(server), dir, Map.of(), "dhcp6", "-c", config.toString());
        p.awaitSocket(dir.socket("s" + server + ".sock"));
        return p;
    }

    /** One relay result line of {@code sarr}: who advertised, the address granted, by whom, the partner's file. */
    record Result(String duid, List<String> adverts, String address, String by, String file, String prefix,
                  String prefixFile) {
        static Result parse(String line) {
            String[] w = line.split(" ");
            if (w.length < 10 || !w[0].equals("CLIENT")) {
                throw new AssertionError("unexpected relay output: " + line);
            }
            List<String> adverts = w[3].equals("-") ? List.of() : List.of(w[3].split(","));
            boolean pd = w.length > 13 && w[10].equals("PD");
            return new Result(w[1], adverts, w[5], w[7], w[9], pd ? w[11] : "-", pd ? w[13] : "-");
        }
    }

    static List<Result> results(List<String> lines) {
        return lines.stream().map(Result::parse).toList();
    }
}
