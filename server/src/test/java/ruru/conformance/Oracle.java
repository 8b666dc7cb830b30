package ruru.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;

import ruru.json.MapElement;
import ruru.testing.DaemonDirs;

/**
 * kea-dhcp4 2.2 and ruru side by side, each in a lab of its own with identical addresses, so the
 * same script sends byte-identical queries to both. A scenario configures both (config-set, with a
 * fresh lease file), plays its script on both at once and requires the transcripts to be equal:
 * every reply's destination and source, every header field, every option byte, every silence,
 * command answer and lease.
 */
final class Oracle implements AutoCloseable {

    final Lab keaLab;
    final Lab ruruLab;
    final DhcpServer kea;
    final DhcpServer ruru;
    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    private Oracle(Lab keaLab, Lab ruruLab, DhcpServer kea, DhcpServer ruru) {
        this.keaLab = keaLab;
        this.ruruLab = ruruLab;
        this.kea = kea;
        this.ruru = ruru;
    }

    /** Two labs named after {@code tag} (a few letters), both servers started on {@code config}. */
    static Oracle start(String tag, Path dir, String config) throws IOException, InterruptedException {
        Lab kl = null;
        Lab rl = null;
        DhcpServer k = null;
        DhcpServer r = null;
        try {
            kl = Lab.create(tag + "k");
            rl = Lab.create(tag + "r");
            k = new DhcpServer.Kea(kl, Files.createDirectories(dir.resolve("kea")));
            r = new DhcpServer.Ruru(rl, DaemonDirs.in(dir.resolve("ruru")));
            DhcpServer kf = k;
            DhcpServer rf = r;
            Thread kt = Thread.ofPlatform().start(() -> {
                try {
                    kf.start(config);
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            r.start(config);
            kt.join();
            k.awaitSocket();
            return new Oracle(kl, rl, k, r);
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            for (AutoCloseable c : new AutoCloseable[] {r, k, rl, kl}) {
                if (c != null) {
                    try {
                        c.close();
                    } catch (Exception ignored) {
                        // best effort
                    }
                }
            }
            throw e;
        }
    }

    /** Both transcripts of one scenario: Kea's first, then ruru's. */
    List<List<String>> play(Scenario s) throws Exception {
        Future<List<String>> k = pool.submit(() -> playOn(s, s.config(), keaLab, kea));
        Future<List<String>> r = pool.submit(() -> playOn(s, s.ruruConfig(), ruruLab, ruru));
        return List.of(k.get(), r.get());
    }

    private static List<String> playOn(Scenario s, String config, Lab lab, DhcpServer server) throws Exception {
        MapElement answer = server.configure(config);
        if (answer.get("result").asLong().orElse(-1L) != 0) {
            return List.of("config-set refused: " + answer);
        }
        Run run = new Run(lab, server);
        s.script().play(run);
        return run.transcript;
    }

    /** Plays {@code s} and asserts ruru's transcript is Kea's (as the scenario adjusts it). */
    void check(Scenario s) throws Exception {
        long keaMark = Files.exists(kea.log) ? Files.size(kea.log) : 0;
        long ruruMark = Files.exists(ruru.log) ? Files.size(ruru.log) : 0;
        List<List<String>> both = play(s);
        List<String> expected = s.fromKea().apply(new ArrayList<>(both.get(0)));
        List<String> actual = both.get(1);
        if (!expected.equals(actual)) {
            keepLogs(s, keaMark, ruruMark);
        }
        assertThat(String.join("\n", actual))
                .as("%s: ruru's transcript (expected: kea-dhcp4 2.2's%s)", s.name(),
                        s.why() == null ? "" : ", adjusted because " + s.why())
                .isEqualTo(String.join("\n", expected));
    }

    /** Both servers' log lines of a failed scenario, under target/conformance-logs for the reader. */
    private void keepLogs(Scenario s, long keaMark, long ruruMark) throws IOException {
        Path out = Files.createDirectories(Path.of("target", "conformance-logs"));
        String base = s.name().replaceAll("[^A-Za-z0-9]+", "-");
        for (var e : java.util.Map.of("kea", new Object[] {kea, keaMark}, "ruru", new Object[] {ruru, ruruMark}).entrySet()) {
            DhcpServer server = (DhcpServer) e.getValue()[0];
            String text = server.logText();
            long from = Math.min((long) e.getValue()[1], text.length());
            Files.writeString(out.resolve(base + "." + e.getKey() + ".log"), text.substring((int) from));
        }
    }

    Stream<DynamicTest> tests(List<Scenario> scenarios) {
        return scenarios.stream().map(s -> DynamicTest.dynamicTest(s.name(), () -> check(s)));
    }

    @Override
    public void close() {
        pool.shutdownNow();
        ruru.close();
        kea.close();
        ruruLab.close();
        keaLab.close();
    }
}
