package ruru.testing;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * BIND 9 (Debian's {@code named}) on 127.0.0.1 at an ephemeral port, with primary zones that accept
 * dynamic updates signed with one TSIG key: the DNS server the DDNS tests update, and {@code dig} to
 * read what it holds. Needs named and dig (bind9, bind9-dnsutils); without them the test FAILS and
 * says so.
 */
public final class BindServer implements AutoCloseable {

    private final Process process;
    private final Path dir;
    private final int port;
    private final String netns;

    private BindServer(Process process, Path dir, int port, String netns) {
        this.process = process;
        this.dir = dir;
        this.port = port;
        this.netns = netns;
    }

    private static java.util.List<String> in(String netns, String... command) {
        java.util.List<String> cmd = new ArrayList<>();
        if (netns != null) {
            cmd.addAll(List.of("ip", "netns", "exec", netns));
        }
        cmd.addAll(List.of(command));
        return cmd;
    }

    /**
     * @param keyName   the TSIG key BIND trusts for updates
     * @param algorithm BIND's name, e.g. {@code hmac-sha256}
     * @param secret    base64
     * @param zones     zone names without trailing dot
     */
    public static BindServer start(Path dir, String keyName, String algorithm, String secret, List<String> zones)
            throws IOException, InterruptedException {
        return start(null, dir, keyName, algorithm, secret, zones);
    }

    /** The same inside network namespace {@code netns} (null: this one). */
    public static BindServer start(String netns, Path dir, String keyName, String algorithm, String secret,
                                   List<String> zones) throws IOException, InterruptedException {
        return start(netns, dir, List.of(new Key(keyName, algorithm, secret)), zones);
    }

    /**
     * A TSIG key in BIND's terms.
     *
     * @param algorithm BIND's spelling, truncated MACs included ({@code hmac-sha256-128})
     */
    public record Key(String name, String algorithm, String secret) {
    }

    /** Zones that take updates signed with any of {@code keys}. */
    public static BindServer start(String netns, Path dir, List<Key> keys, List<String> zones)
            throws IOException, InterruptedException {
        NetnsPair.requireTool("named", "bind9");
        NetnsPair.requireTool("dig", "bind9-dnsutils");
        Files.createDirectories(dir);
        int port = freePort();
        StringBuilder conf = new StringBuilder();
        conf.append("options {\n  directory \"").append(dir).append("\";\n")
                .append("  listen-on port ").append(port).append(" { 127.0.0.1; };\n")
                .append("  listen-on-v6 { none; };\n  pid-file \"").append(dir.resolve("named.pid")).append("\";\n")
                .append("  recursion no;\n  dnssec-validation no;\n  notify no;\n  allow-query { any; };\n};\n")
                .append("controls { };\n");
        StringBuilder allowed = new StringBuilder();
        for (Key key : keys) {
            conf.append("key \"").append(key.name()).append("\" { algorithm ").append(key.algorithm())
                    .append("; secret \"").append(key.secret()).append("\"; };\n");
            allowed.append("key \"").append(key.name()).append("\"; ");
        }
        for (String zone : zones) {
            Path file = dir.resolve(zone + ".db");
            Files.writeString(file, "$TTL 3600\n@ IN SOA ns1." + zone + ". admin." + zone + ". ( 1 3600 600 86400 60 )\n"
                    + "@ IN NS ns1." + (zone.endsWith("arpa") ? "example.org." : zone + ".") + "\n"
                    + (zone.endsWith("arpa") ? "" : "ns1 IN A 127.0.0.1\n"));
            conf.append("zone \"").append(zone).append("\" { type primary; file \"").append(file)
                    .append("\"; allow-update { ").append(allowed).append("}; };\n");
        }
        Path confFile = dir.resolve("named.conf");
        Files.writeString(confFile, conf.toString());
        Process p = new ProcessBuilder(in(netns, "named", "-g", "-u", "root", "-c", confFile.toString()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("named.log").toFile()).start();
        BindServer bind = new BindServer(p, dir, port, netns);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            if (!p.isAlive()) {
                throw new AssertionError("named exited: " + Files.readString(dir.resolve("named.log")));
            }
            if (!bind.dig(zones.getFirst(), "SOA").isEmpty()) {
                return bind;
            }
            Thread.sleep(100);
        }
        bind.close();
        throw new AssertionError("named did not answer: " + Files.readString(dir.resolve("named.log")));
    }

    /** A port free for both UDP and TCP on 127.0.0.1 right now. */
    public static int freePort() throws IOException {
        for (int i = 0; i < 50; i++) {
            try (DatagramSocket u = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
                int candidate = u.getLocalPort();
                try (ServerSocket t = new ServerSocket()) {
                    t.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), candidate));
                    return candidate;
                } catch (IOException busy) {
                    // try another
                }
            }
        }
        throw new IOException("no free port");
    }

    public int port() {
        return port;
    }

    /** {@code dig +short}: the records' data, one per line (empty when there are none). */
    public List<String> dig(String name, String type) throws IOException, InterruptedException {
        Process d = new ProcessBuilder(in(netns, "dig", "@127.0.0.1", "-p", Integer.toString(port), "+short",
                "+time=2", "+tries=1", name, type)).redirectErrorStream(true).start();
        String out = new String(d.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!d.waitFor(10, TimeUnit.SECONDS)) {
            d.destroyForcibly();
            return List.of();
        }
        List<String> lines = new ArrayList<>(Arrays.stream(out.split("\n")).map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith(";")).toList());
        return lines;
    }

    /** {@code dig -x}: the PTR of an address. */
    public List<String> digReverse(String address) throws IOException, InterruptedException {
        byte[] b = InetAddress.ofLiteral(address).getAddress();
        return dig((b[3] & 0xFF) + "." + (b[2] & 0xFF) + "." + (b[1] & 0xFF) + "." + (b[0] & 0xFF) + ".in-addr.arpa",
                "PTR");
    }

    public String log() throws IOException {
        return Files.readString(dir.resolve("named.log"));
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
