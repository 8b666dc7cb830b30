package ruru.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One LAN segment with DHCP servers and their clients, for HA pairs: namespaces for server 1
 * (192.0.2.1), server 2 (192.0.2.2) and more (hub and spoke), each joined by a veth pair to a
 * bridge in the clients' namespace (192.0.2.254, where a relay agent runs). The servers reach each other over the bridge,
 * as an HA pair on one LAN. Names carry the JVM's pid, so parallel test JVMs do not collide.
 */
public final class HaNetwork implements AutoCloseable {

    public static final String SERVER1 = "192.0.2.1";
    public static final String SERVER2 = "192.0.2.2";
    public static final String RELAY = "192.0.2.254";

    private final String tag;
    private final int servers;

    private HaNetwork(String tag, int servers) {
        this.tag = tag;
        this.servers = servers;
    }

    public static HaNetwork create(String letter) throws IOException, InterruptedException {
        return create(letter, 2);
    }

    /** A segment with {@code servers} servers, server i on 192.0.2.i. */
    public static HaNetwork create(String letter, int servers) throws IOException, InterruptedException {
        NetnsPair.requireRoot();
        HaNetwork n = new HaNetwork(letter + (ProcessHandle.current().pid() % 100000), servers);
        n.close();
        try {
            for (String ns : n.namespaces()) {
                NetnsPair.run("ip", "netns", "add", ns);
                n.exec(ns, "ip", "link", "set", "lo", "up");
            }
            n.exec(n.clients(), "ip", "link", "add", "br0", "type", "bridge");
            for (int i = 1; i <= servers; i++) {
                String server = "h" + i + "s" + n.tag;
                String bridgeSide = "h" + i + "b" + n.tag;
                NetnsPair.run("ip", "link", "add", server, "type", "veth", "peer", "name", bridgeSide);
                NetnsPair.run("ip", "link", "set", server, "netns", n.ns(i));
                NetnsPair.run("ip", "link", "set", bridgeSide, "netns", n.clients());
                n.exec(n.clients(), "ip", "link", "set", bridgeSide, "master", "br0");
                n.exec(n.clients(), "ip", "link", "set", bridgeSide, "up");
                n.exec(n.ns(i), "ip", "addr", "add", n.address(i) + "/24", "dev", server);
                n.exec(n.ns(i), "ip", "link", "set", server, "up");
            }
            n.exec(n.clients(), "ip", "addr", "add", RELAY + "/24", "dev", "br0");
            n.exec(n.clients(), "ip", "link", "set", "br0", "up");
            return n;
        } catch (IOException | RuntimeException | InterruptedException e) {
            n.close();
            throw e;
        }
    }

    /** The namespace of server {@code i} (1 or 2). */
    public String ns(int i) {
        return "hs" + i + tag;
    }

    /** The server's interface in its namespace. */
    public String iface(int i) {
        return "h" + i + "s" + tag;
    }

    public String address(int i) {
        return "192.0.2." + i;
    }

    private List<String> namespaces() {
        List<String> all = new ArrayList<>();
        for (int i = 1; i <= servers; i++) {
            all.add(ns(i));
        }
        all.add(clients());
        return all;
    }

    /**
     * A second network behind the relay (for relayed subnets): {@code relay} (e.g. 10.1.0.254/24)
     * on the clients' bridge, and an on-link route to it in every server's namespace.
     */
    public void addRelayNetwork(String relayCidr) throws IOException, InterruptedException {
        exec(clients(), "ip", "addr", "add", relayCidr, "dev", "br0");
        String[] parts = relayCidr.split("/");
        int length = Integer.parseInt(parts[1]);
        String[] octets = parts[0].split("\\.");
        int bits = (Integer.parseInt(octets[0]) << 24) | (Integer.parseInt(octets[1]) << 16)
                | (Integer.parseInt(octets[2]) << 8) | Integer.parseInt(octets[3]);
        int net = length == 0 ? 0 : bits & (-1 << (32 - length));
        String network = (net >>> 24) + "." + ((net >>> 16) & 255) + "." + ((net >>> 8) & 255) + "." + (net & 255);
        for (int i = 1; i <= servers; i++) {
            exec(ns(i), "ip", "route", "add", network + "/" + length, "dev", iface(i));
        }
    }

    /** Server {@code i}'s IPv6 address on the LAN (2001:db8:1::i), after {@link #enableIpv6()}. */
    public String address6(int i) {
        return "2001:db8:1::" + i;
    }

    /** The relay agent's IPv6 address on the clients' bridge (also the relayed link-address). */
    public static final String RELAY6 = "2001:db8:1::fe";

    /**
     * IPv6 on the segment, for DHCPv6 pairs: 2001:db8:1::i/64 on each server (no duplicate address
     * detection, so the address is usable at once) and {@link #RELAY6} on the clients' bridge.
     */
    public void enableIpv6() throws IOException, InterruptedException {
        for (int i = 1; i <= servers; i++) {
            exec(ns(i), "ip", "-6", "addr", "add", address6(i) + "/64", "dev", iface(i), "nodad");
        }
        exec(clients(), "ip", "-6", "addr", "add", RELAY6 + "/64", "dev", "br0", "nodad");
    }

    /** The DHCPv6 relay agent of {@link Ha6Client}, running in the clients' namespace. */
    public Relay relay6() throws IOException {
        return relay6(RELAY6);
    }

    /** A DHCPv6 relay agent using {@code address} (on the clients' bridge) as its link-address. */
    public Relay relay6(String address) throws IOException {
        return start(Ha6Client.class.getName(), address);
    }

    /**
     * A second IPv6 link behind the relay (for relayed subnets): {@code relay} (e.g.
     * 2001:db8:2::fe/64) on the clients' bridge, and an on-link route to it in every server's namespace.
     */
    public void addRelayNetwork6(String relayCidr, String network) throws IOException, InterruptedException {
        exec(clients(), "ip", "-6", "addr", "add", relayCidr, "dev", "br0", "nodad");
        for (int i = 1; i <= servers; i++) {
            exec(ns(i), "ip", "-6", "route", "add", network, "dev", iface(i));
        }
    }

    public String clients() {
        return "hc" + tag;
    }

    public String exec(String ns, String... command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        cmd.addAll(List.of(command));
        return NetnsPair.run(cmd.toArray(String[]::new));
    }

    /** Starts a Kea program (kea-dhcp4, kea-ctrl-agent) in server {@code i}'s namespace. */
    public Process startKea(int i, Path dir, String program, Path config) throws IOException {
        ProcessBuilder pb = new ProcessBuilder("ip", "netns", "exec", ns(i), program, "-c", config.toString())
                .directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve(program + "-" + i + ".out").toFile());
        pb.environment().putAll(Map.of("KEA_PIDFILE_DIR", dir.toString(), "KEA_LOCKFILE_DIR", dir.toString()));
        return pb.start();
    }

    /** The relay agent of {@link HaClient}, running in the clients' namespace. */
    public Relay relay() throws IOException {
        return relay(RELAY);
    }

    /** A relay agent using {@code address} (on the clients' bridge) as its giaddr. */
    public Relay relay(String address) throws IOException {
        return start(HaClient.class.getName(), address);
    }

    private Relay start(String mainClass, String address) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", clients(),
                ProcessHandle.current().info().command().orElse("java"), "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), mainClass, address));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Relay r = new Relay(p);
        String ready = r.in.readLine();
        if (!"READY".equals(ready)) {
            p.destroyForcibly();
            throw new IOException("relay agent did not start: " + ready);
        }
        return r;
    }

    /** A running {@link HaClient}: commands in, result lines out. */
    public static final class Relay implements AutoCloseable {
        private final Process process;
        private final BufferedReader in;
        private final Writer out;

        private Relay(Process process) {
            this.process = process;
            this.in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            this.out = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        }

        /** Runs one command and returns its result lines. */
        public List<String> run(String command) throws IOException {
            out.write(command + "\n");
            out.flush();
            List<String> lines = new ArrayList<>();
            String line;
            while ((line = in.readLine()) != null && !line.equals("DONE")) {
                lines.add(line);
            }
            if (line == null) {
                throw new IOException("relay agent ended; got " + lines);
            }
            return lines;
        }

        @Override
        public void close() {
            process.destroyForcibly();
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        for (String ns : namespaces()) {
            Namespaces.delete(ns);
        }
    }
}
