package ruru.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import ruru.daemon.logging.KeaMessage;
import ruru.daemon.logging.Severity;

/**
 * Checks a message table's severities, loggers and debug levels against what Kea wrote: both
 * servers run the same exchanges once per probed debug level, and the lowest level at which a
 * message appears is its debug level.
 */
public final class KeaLogLevels {

    /**
     * The debug levels to log at when probing: each level Kea's tables use and the one below it, so
     * a message seen at {@code L} and not at {@code L - 1} has debug level {@code L} exactly (10,
     * Kea's DBG_DHCP4_COMMAND, after 0: no Kea message has a level between them).
     */
    public static final int[] PROBES = {0, 10, 14, 15, 39, 40, 44, 45, 49, 50, 54, 55};

    /** Kea's layout: date time SEVERITY [logger/pid.thread] ID text. */
    public static final Pattern LINE = Pattern.compile(
            "^\\S+ \\S+ +(FATAL|ERROR|WARN|INFO|DEBUG) +\\[([^/\\]]+)/[^\\]]*\\] ([A-Z0-9_]+) (.*)$");

    private static final Pattern LABEL = Pattern.compile(
            "^(\\[hwtype=[^\\]]*\\], cid=\\[[^\\]]*\\]|duid=\\[[^\\]]*\\]), tid=0x[0-9a-f]+: ");

    /**
     * An eval line's text as Kea 2.2 writes it: ruru writes Kea 3's texts, the query's label first
     * (Kea 3's {@code %1: }, {@code [hwtype=1 ...], cid=[...], tid=0x..} or {@code duid=[...], tid=0x..});
     * Kea 2.2's have none.
     */
    public static String unlabelled(String text) {
        return LABEL.matcher(text).replaceFirst("");
    }

    private KeaLogLevels() {
    }

    /**
     * A command-socket line's text with the connection's number masked (Kea numbers a connection by
     * its file descriptor, ruru by a counter) and, unless {@code sizes}, its byte counts too (where the
     * two servers were sent different texts).
     */
    public static String channel(String text, boolean sizes) {
        String t = text.replaceAll("(socket) [0-9]+", "$1 #");
        return sizes ? t : t.replaceAll("[0-9]+ bytes", "# bytes");
    }

    /** COMMAND_REGISTERED / _DEREGISTERED of Kea 3's config-hash-get, a command kea-dhcp4/-dhcp6 2.2 lack. */
    public static boolean kea3Command(String id, String text) {
        return id.endsWith("REGISTERED") && text.startsWith("Command config-hash-get ");
    }

    /** A log's Kea-format lines as severity [logger] ID text. */
    public static List<String> lines(String log) {
        List<String> out = new ArrayList<>();
        for (String l : log.split("\n")) {
            java.util.regex.Matcher m = LINE.matcher(l);
            if (m.matches()) {
                out.add(m.group(1) + " [" + m.group(2) + "] " + m.group(3) + " " + m.group(4));
            }
        }
        return out;
    }

    /** Where a message was first seen: the lowest probed debug level, its severity and logger. */
    public record Seen(int level, String severity, String logger) {
        @Override
        public String toString() {
            return severity + (severity.equals("DEBUG") ? " " + level : "") + " [" + logger + "]";
        }
    }

    /**
     * What is wrong: every message of the table Kea wrote must carry Kea's severity, logger and
     * level in the table and be written by ruru from exactly that level on; {@code compared} gets
     * the number of the table's messages Kea wrote.
     */
    public static List<String> wrong(KeaMessage[] table, Map<String, Seen> kea, Map<String, Seen> ruru,
                                     String keaName, int[] compared) {
        List<String> wrong = new ArrayList<>();
        for (KeaMessage m : table) {
            Seen expected = new Seen(m.severity() == Severity.DEBUG ? m.debugLevel() : 0, m.severity().name(),
                    m.logger().getName());
            Seen k = kea.get(m.name());
            Seen r = ruru.get(m.name());
            if (k != null) {
                compared[0]++;
                if (!k.equals(expected)) {
                    wrong.add(m.name() + ": table says " + expected + ", " + keaName + " writes " + k);
                }
                if (r == null) {
                    wrong.add(m.name() + ": Kea writes it in these exchanges (" + k + "), ruru does not");
                }
            }
            if (r != null && !r.equals(expected)) {
                wrong.add(m.name() + ": table says " + expected + ", ruru writes " + r);
            }
        }
        return wrong;
    }
}
