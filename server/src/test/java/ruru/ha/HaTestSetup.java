package ruru.ha;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ruru.json.ListElement;
import ruru.json.MapElement;
import ruru.testing.DaemonDirs;
import ruru.testing.DaemonProcess;
import ruru.testing.HaNetwork;

/**
 * Configurations of an HA pair on an {@link HaNetwork} (server1 on 192.0.2.1, server2 on 192.0.2.2,
 * one subnet, raw sockets), for ruru and for Kea 2.2 with its Control Agent, and the waits the
 * end-to-end tests share. Timers are short so the scenarios take seconds.
 */
final class HaTestSetup {

    static final int HEARTBEAT_DELAY = 1000;
    static final int MAX_RESPONSE_DELAY = 2000;
    static final String KEA_HOOKS = "/usr/lib/x86_64-linux-gnu/kea/hooks/";

    private HaTestSetup() {
    }

    /** The peers entry: server1 primary; server2 standby (hot-standby) or secondary (load-balancing). */
    static String peers(String mode) {
        return """
                [ { "name": "server1", "url": "http://192.0.2.1:8001/", "role": "primary" },
                  { "name": "server2", "url": "http://192.0.2.2:8002/", "role": "%s" } ]"""
                .formatted(switch (mode) {
                    case "hot-standby" -> "standby";
                    case "passive-backup" -> "backup";
                    default -> "secondary";
                });
    }

    static String ha(int server, String mode, String extra) {
        return ha("server" + server, mode, extra, peers(mode));
    }

    /** One relationship of server {@code name} with these peers (a JSON list), the tests' short timers. */
    static String ha(String name, String mode, String extra, String peers) {
        return """
                { "this-server-name": "%s", "mode": "%s", "heartbeat-delay": %d, "max-response-delay": %d,
                  "max-ack-delay": 1000, "max-unacked-clients": 0, "sync-page-limit": 3%s,
                  "peers": %s }""".formatted(name, mode, HEARTBEAT_DELAY, MAX_RESPONSE_DELAY,
                extra.isEmpty() ? "" : ", " + extra, peers);
    }

    /** One pool for the whole subnet. */
    static final String ONE_POOL = "[ { \"pool\": \"192.0.2.10 - 192.0.2.200\" } ]";
    /** Kea's load-balancing setup: each server's scope allocates from its own pool (Kea 2.2's spelling). */
    static final String SCOPE_POOLS = "[ { \"pool\": \"192.0.2.10 - 192.0.2.99\", \"client-class\": \"HA_server1\" }, "
            + "{ \"pool\": \"192.0.2.100 - 192.0.2.199\", \"client-class\": \"HA_server2\" } ]";

    static Path ruru(DaemonDirs dir, HaNetwork net, int server, String mode, String extra) throws IOException {
        return ruru(dir, net, server, mode, extra, ONE_POOL);
    }

    /** A ruru server: leases in s{n}.csv, control socket s{n}.sock, log s{n}.log. */
    static Path ruru(DaemonDirs dir, HaNetwork net, int server, String mode, String extra, String pools)
            throws IOException {
        String config = """
                { "Dhcp4": {
                  "interfaces-config": { "interfaces": [ "%s" ] },
                  "control-socket": { "socket-type": "unix", "socket-name": "s%d.sock" },
                  "lease-database": { "type": "memfile", "name": "s%d.csv", "lfc-interval": 0 },
                  "valid-lifetime": 3600,
                  "hooks-libraries": [ { "library": "libdhcp_lease_cmds.so" },
                    { "library": "libdhcp_ha.so", "parameters": { "high-availability": [ %s ] } } ],
                  "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24", "pools": %s } ],
                  "loggers": [ { "name": "kea-dhcp4", "severity": "INFO",
                                 "output_options": [ { "output": "s%d.log" } ] } ]
                } }""".formatted(net.iface(server), server, server, ha(server, mode, extra), pools, server);
        return dir.writeConfig("s" + server + ".json", config);
    }

    /**
     * kea-dhcp4 2.2 with Debian's libdhcp_ha.so, and its Control Agent on the peer URL; its socket,
     * lease file and log in the same directories as ruru's (k{n}.sock, s{n}.csv, s{n}.log).
     */
    static Path[] kea(DaemonDirs dir, HaNetwork net, int server, String mode, String extra) throws IOException {
        return kea(dir, net, server, mode, extra, ONE_POOL);
    }

    static Path[] kea(DaemonDirs dir, HaNetwork net, int server, String mode, String extra, String pools)
            throws IOException {
        String config = """
                { "Dhcp4": {
                  "interfaces-config": { "interfaces": [ "%s" ] },
                  "control-socket": { "socket-type": "unix", "socket-name": "%s/k%d.sock" },
                  "lease-database": { "type": "memfile", "name": "%s/s%d.csv", "lfc-interval": 0 },
                  "valid-lifetime": 3600,
                  "hooks-libraries": [ { "library": "%slibdhcp_lease_cmds.so" },
                    { "library": "%slibdhcp_ha.so", "parameters": { "high-availability": [ %s ] } } ],
                  "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24", "pools": %s } ],
                  "loggers": [ { "name": "kea-dhcp4", "severity": "INFO",
                                 "output_options": [ { "output": "%s/s%d.log" } ] } ]
                } }""".formatted(net.iface(server), dir.sockets(), server, dir.data(), server, KEA_HOOKS, KEA_HOOKS,
                ha(server, mode, extra), pools, dir.logs(), server);
        String agent = """
                { "Control-agent": { "http-host": "%s", "http-port": %d,
                    "control-sockets": { "dhcp4": { "socket-type": "unix", "socket-name": "%s/k%d.sock" } },
                    "loggers": [ { "name": "kea-ctrl-agent", "severity": "INFO",
                                   "output_options": [ { "output": "%s/ca%d.log" } ] } ] } }"""
                .formatted(net.address(server), 8000 + server, dir.sockets(), server, dir.logs(), server);
        return new Path[] {dir.writeConfig("k" + server + ".json", config),
            dir.writeConfig("ca" + server + ".json", agent)};
    }

    static DaemonProcess startRuru(DaemonDirs dir, HaNetwork net, int server, Path config) throws Exception {
        DaemonProcess p = DaemonProcess.startIn(net.ns(server), dir, Map.of(), "dhcp4", "-c", config.toString());
        p.awaitSocket(dir.socket("s" + server + ".sock"));
        return p;
    }

    /** The HA state of a server, read with status-get over its control socket (ruru's or Kea's). */
    static String state(Path socket) {
        return state(socket, 0);
    }

    /** The state of this server in its {@code relationship}-th HA relationship (hub and spoke). */
    static String state(Path socket, int relationship) {
        try {
            MapElement args = (MapElement) DaemonProcess.call(socket, "{ \"command\": \"status-get\" }")
                    .get("arguments");
            ListElement ha = (ListElement) args.get("high-availability");
            MapElement local = (MapElement) ((MapElement) ((MapElement) ha.get(relationship)).get("ha-servers"))
                    .get("local");
            return local.get("state").asString().orElse("?");
        } catch (IOException | RuntimeException e) {
            return "unreachable";
        }
    }

    /** Waits until the server is in {@code state}; fails with the states seen. */
    static Duration awaitState(Path socket, String wanted, Duration timeout) throws InterruptedException {
        return awaitState(socket, 0, wanted, timeout);
    }

    static Duration awaitState(Path socket, int relationship, String wanted, Duration timeout)
            throws InterruptedException {
        Instant start = Instant.now();
        List<String> seen = new ArrayList<>();
        while (Duration.between(start, Instant.now()).compareTo(timeout) < 0) {
            String s = state(socket, relationship);
            if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(s)) {
                seen.add(s);
            }
            if (s.equals(wanted)) {
                return Duration.between(start, Instant.now());
            }
            Thread.sleep(100);
        }
        throw new AssertionError(socket.getFileName() + " did not reach " + wanted + " within " + timeout
                + "; states seen: " + seen);
    }

    /** One relay result line: which servers offered, the address acknowledged, by whom, the partner's file. */
    record Result(String mac, List<String> offers, String address, String by, String file) {
        static Result parse(String line) {
            String[] w = line.split(" ");
            if (w.length < 10 || !w[0].equals("CLIENT")) {
                throw new AssertionError("unexpected relay output: " + line);
            }
            List<String> offers = w[3].equals("-") ? List.of() : List.of(w[3].split(","));
            return new Result(w[1], offers, w[5], w[7], w[9]);
        }
    }

    static List<Result> results(List<String> lines) {
        return lines.stream().map(Result::parse).toList();
    }
}
