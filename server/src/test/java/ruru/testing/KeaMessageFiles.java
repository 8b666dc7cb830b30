package ruru.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * Kea's message tables as golden files ("ID<TAB>text" lines under ruru/daemon/logging, made by
 * extract-kea-messages.py from Kea 2.2's binaries), and the check that a golden file is still what
 * the installed binaries hold.
 */
public final class KeaMessageFiles {

    private KeaMessageFiles() {
    }

    /** ID to text of a golden file on the test classpath. */
    public static Map<String, String> table(String resource) throws IOException {
        Map<String, String> m = new HashMap<>();
        try (InputStream in = KeaMessageFiles.class.getResourceAsStream(resource)) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                int tab = line.indexOf('\t');
                if (tab > 0) {
                    m.put(line.substring(0, tab), line.substring(tab + 1));
                }
            }
        }
        return m;
    }

    /** Asserts that extracting {@code binaries} again gives exactly {@code resource}'s lines. */
    public static void assertExtractedFrom(String resource, List<String> binaries) throws Exception {
        Path script = Path.of("src/test/resources/ruru/daemon/logging/extract-kea-messages.py");
        List<String> cmd = new ArrayList<>(List.of("python3", script.toString()));
        cmd.addAll(binaries);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        try (InputStream in = KeaMessageFiles.class.getResourceAsStream(resource)) {
            assertThat(new TreeSet<>(List.of(out.split("\n"))))
                    .isEqualTo(new TreeSet<>(List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"))));
        }
    }
}
