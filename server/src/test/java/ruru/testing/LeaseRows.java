package ruru.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a memfile lease file as an independent checker would: the live leases, address to MAC,
 * from the files Kea loads (a finished cleanup's {@code .completed}, else {@code .2} then
 * {@code .1}; then the file itself), the last row per address winning and valid_lifetime 0
 * deleting (Kea's memfile rules).
 */
public final class LeaseRows {

    private LeaseRows() {
    }

    /** Live leases in {@code csv} alone. */
    public static Map<String, String> live(Path csv) throws IOException {
        Map<String, String> live = new HashMap<>();
        read(csv, live);
        return live;
    }

    /** Live leases in {@code csv} and its lease file cleanup companions, in Kea's load order. */
    public static Map<String, String> liveWithCleanupFiles(Path csv) throws IOException {
        Map<String, String> live = new HashMap<>();
        Path completed = sibling(csv, ".completed");
        List<Path> order = Files.exists(completed) ? List.of(completed, csv)
                : List.of(sibling(csv, ".2"), sibling(csv, ".1"), csv);
        for (Path p : order) {
            if (Files.exists(p)) {
                read(p, live);
            }
        }
        return live;
    }

    private static Path sibling(Path csv, String suffix) {
        return csv.resolveSibling(csv.getFileName() + suffix);
    }

    private static void read(Path csv, Map<String, String> live) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] f = line.split(",", -1);
            if (f.length < 4) {
                throw new AssertionError("a torn row in " + csv + ": " + line);
            }
            if (f[3].equals("0")) {
                live.remove(f[0]);
            } else {
                live.put(f[0], f[1]);
            }
        }
    }
}
