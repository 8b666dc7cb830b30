package ruru.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Prometheus text exposition read as Prometheus would: series and declared types. */
public final class PromText {

    static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)\\})? (\\S+)$");
    static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private PromText() {
    }

    /** series {@code name{label=value, ...}} (labels sorted) → value; every sample line must parse. */
    public static Map<String, Double> series(String text) {
        Map<String, Double> out = new TreeMap<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            assertThat(m.matches()).as(line).isTrue();
            Map<String, String> labels = new TreeMap<>();
            if (m.group(3) != null) {
                Matcher l = LABEL.matcher(m.group(3));
                while (l.find()) {
                    labels.put(l.group(1), l.group(2));
                }
            }
            out.put(m.group(1) + labels, Double.parseDouble(m.group(4)));
        }
        return out;
    }

    /** Debian's {@code promtool check metrics} on a scrape: it must exit 0 (what it said is in the failure). */
    public static void promtoolAccepts(java.nio.file.Path dir, String scrape) throws java.io.IOException,
            InterruptedException {
        java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve("scrape.prom"), scrape);
        Process p = new ProcessBuilder("promtool", "check", "metrics").redirectInput(file.toFile())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("promtool check metrics said:\n" + out).isZero();
    }

    /** family → the type its {@code # TYPE} line declares. */
    public static Map<String, String> types(String text) {
        Map<String, String> out = new TreeMap<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                String[] f = line.split(" ");
                out.put(f[2], f[3]);
            }
        }
        return out;
    }
}
