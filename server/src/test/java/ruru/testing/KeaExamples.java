package ruru.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Kea's own example configurations, read in place as a conformance corpus: the directory named by
 * {@code -Druru.kea.examples=DIR}, else {@code shared/kea-reference/examples} in the nearest
 * directory above the working directory (CI clones the project beside {@code shared/}). Missing
 * examples fail the test: a skipped corpus would hide regressions.
 */
public final class KeaExamples {

    private KeaExamples() {
    }

    public static Path directory() {
        String override = System.getProperty("ruru.kea.examples");
        if (override != null && !override.isBlank()) {
            Path p = Path.of(override);
            if (Files.isDirectory(p)) {
                return p;
            }
            throw new AssertionError("-Druru.kea.examples=" + override + " is not a directory");
        }
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/kea-reference/examples");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("Kea example configurations not found: no shared/kea-reference/examples above "
                + start + " (the project is meant to be cloned beside shared/; or set -Druru.kea.examples=DIR)");
    }
}
