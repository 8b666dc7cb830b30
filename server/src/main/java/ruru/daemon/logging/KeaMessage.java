package ruru.daemon.logging;

import org.slf4j.Logger;

/**
 * One of Kea's log messages as a table entry: its ID, the logger component Kea sends it to, its
 * severity, its debug level (for DEBUG messages) and its text with Kea's {@code %1 %2 ...}
 * placeholders. Tables of these (one enum per daemon) are checked against the texts compiled into
 * Kea's binaries by a test, so an operator's grep finds in ruru's log what it finds in Kea's.
 */
public interface KeaMessage {

    /** The message ID, e.g. {@code DHCP4_LEASE_ALLOC} (the enum constant's name). */
    String name();

    /** The logger the message goes to, e.g. {@code kea-dhcp4.leases}. */
    Logger logger();

    Severity severity();

    /** Kea's debug level (0-99) for a DEBUG message; ignored otherwise. */
    int debugLevel();

    /** The text with {@code %1 ...} placeholders. */
    String text();

    /** Whether the message would be written now (cheap: for guarding costly arguments). */
    default boolean enabled() {
        return LogGate.enabled(this); // remembered until the logging configuration changes
    }

    /** Writes "ID text" with {@code args} in place of %1, %2, ... (Kea's formatter: the text as is when fewer). */
    default void log(Object... args) {
        if (!enabled()) {
            return;
        }
        String line = name() + " " + format(text(), args);
        Logger log = logger();
        switch (severity()) {
            case FATAL -> log.error(KeaMarker.FATAL, line);
            case ERROR -> log.error(line);
            case WARN -> log.warn(line);
            case INFO -> log.info(line);
            case DEBUG -> log.debug(KeaMarker.debug(debugLevel()), line);
            case NONE -> {
            }
        }
    }

    /** Replaces %1..%9 (and beyond) with the arguments, as Kea's Formatter::arg does. */
    static String format(String text, Object... args) {
        StringBuilder out = new StringBuilder(text.length() + 32);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 1 < text.length() && Character.isDigit(text.charAt(i + 1))) {
                int j = i + 1;
                while (j < text.length() && Character.isDigit(text.charAt(j))) {
                    j++;
                }
                int n = Integer.parseInt(text, i + 1, j, 10);
                if (n >= 1 && n <= args.length) {
                    out.append(args[n - 1]);
                    i = j - 1;
                    continue;
                }
            }
            out.append(c);
        }
        return out.toString();
    }
}
