package ruru.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Two throwaway network namespaces joined by a veth pair: a server side (192.0.2.1/24, TEST-NET-1)
 * and a client side (192.0.2.2/24, or no address for DHCP clients). All test traffic stays on this
 * link. Needs root and iproute2; without them the test FAILS with a message saying so (these tests
 * run in CI, which is root), it never skips.
 */
public final class NetnsPair implements AutoCloseable {

    public static final String SERVER_IP = "192.0.2.1";
    public static final String CLIENT_IP = "192.0.2.2";

    private final String server;
    private final String client;
    private final String serverIface;
    private final String clientIface;

    private NetnsPair(String tag) {
        this.server = "rs" + tag;
        this.client = "rc" + tag;
        this.serverIface = "vs" + tag;
        this.clientIface = "vc" + tag;
    }

    /** Creates the pair; {@code clientAddress} false leaves the client side unnumbered (for dhclient). */
    public static NetnsPair create(String tag, boolean clientAddress, String clientMac) throws IOException,
            InterruptedException {
        requireRoot();
        NetnsPair p = new NetnsPair(tag + (ProcessHandle.current().pid() % 100000));
        p.close();
        try {
            run("ip", "netns", "add", p.server);
            run("ip", "netns", "add", p.client);
            run("ip", "link", "add", p.serverIface, "type", "veth", "peer", "name", p.clientIface);
            run("ip", "link", "set", p.serverIface, "netns", p.server);
            run("ip", "link", "set", p.clientIface, "netns", p.client);
            if (clientMac != null) {
                p.exec(p.client, "ip", "link", "set", p.clientIface, "address", clientMac);
            }
            p.exec(p.server, "ip", "addr", "add", SERVER_IP + "/24", "dev", p.serverIface);
            if (clientAddress) {
                p.exec(p.client, "ip", "addr", "add", CLIENT_IP + "/24", "dev", p.clientIface);
            }
            for (String ns : List.of(p.server, p.client)) {
                p.exec(ns, "ip", "link", "set", "lo", "up");
            }
            p.exec(p.server, "ip", "link", "set", p.serverIface, "up");
            p.exec(p.client, "ip", "link", "set", p.clientIface, "up");
            return p;
        } catch (IOException | RuntimeException | InterruptedException e) {
            p.close();
            throw e;
        }
    }

    public static void requireRoot() throws IOException, InterruptedException {
        Process id = new ProcessBuilder("id", "-u").start();
        String uid = new String(id.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        id.waitFor();
        boolean ip = Files.isExecutable(Path.of("/usr/sbin/ip")) || Files.isExecutable(Path.of("/sbin/ip"))
                || Files.isExecutable(Path.of("/usr/bin/ip")) || Files.isExecutable(Path.of("/bin/ip"));
        if (!uid.equals("0") || !ip) {
            throw new AssertionError("this test needs root and iproute2 (network namespaces): run it in CI or as root"
                    + " (uid " + uid + ", ip found: " + ip + ")");
        }
    }

    /** Fails loudly when a Debian tool a test drives is missing. */
    public static void requireTool(String tool, String debianPackage) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sh", "-c", "command -v " + tool).start();
        if (p.waitFor() != 0) {
            throw new AssertionError("this test drives '" + tool + "': apt-get install " + debianPackage
                    + " (bin/test installs it when run as root)");
        }
    }

    public String server() {
        return server;
    }

    public String client() {
        return client;
    }

    public String serverIface() {
        return serverIface;
    }

    public String clientIface() {
        return clientIface;
    }

    /** Runs a command in a namespace and returns its output; a non-zero exit is an IOException. */
    public String exec(String ns, String... command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        cmd.addAll(List.of(command));
        return run(cmd.toArray(String[]::new));
    }

    /** Starts a command in a namespace without waiting. */
    public Process start(String ns, Path output, String... command) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        cmd.addAll(List.of(command));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    }

    static String run(String... command) throws IOException, InterruptedException {
        return Commands.run(null, command);
    }

    @Override
    public void close() {
        for (String ns : List.of(server, client)) {
            Namespaces.delete(ns);
        }
    }
}
