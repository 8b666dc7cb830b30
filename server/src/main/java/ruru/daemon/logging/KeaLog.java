package ruru.daemon.logging;

import org.slf4j.Logger;

/**
 * Logging the Kea way: every message starts with its message ID ({@code DHCP4_LEASE_ALLOC …}),
 * FATAL exists, and DEBUG messages carry a level 0–99 that the logger's {@code debuglevel} must
 * reach. Arguments use SLF4J's {@code {}} placeholders.
 */
public final class KeaLog {

    /** Kea's debug level conventions (ARM, "Logging Levels"). */
    public static final int DBG_START = 0;
    public static final int DBG_COMMAND = 10;
    public static final int DBG_DROP = 15;
    public static final int DBG_TRACE = 40;
    public static final int DBG_TRACE_DETAIL = 45;
    public static final int DBG_DETAIL = 50;
    public static final int DBG_DETAIL_DATA = 55;

    private KeaLog() {
    }

    public static void fatal(Logger log, String msgId, String format, Object... args) {
        if (log.isErrorEnabled(KeaMarker.FATAL)) {
            log.error(KeaMarker.FATAL, msgId + " " + format, args);
        }
    }

    public static void error(Logger log, String msgId, String format, Object... args) {
        if (log.isErrorEnabled()) {
            log.error(msgId + " " + format, args);
        }
    }

    public static void warn(Logger log, String msgId, String format, Object... args) {
        if (log.isWarnEnabled()) {
            log.warn(msgId + " " + format, args);
        }
    }

    public static void info(Logger log, String msgId, String format, Object... args) {
        if (log.isInfoEnabled()) {
            log.info(msgId + " " + format, args);
        }
    }

    /** Emitted only when the logger's severity is DEBUG and {@code level <= debuglevel}. */
    public static void debug(Logger log, int level, String msgId, String format, Object... args) {
        KeaMarker marker = KeaMarker.debug(level);
        if (log.isDebugEnabled(marker)) {
            log.debug(marker, msgId + " " + format, args);
        }
    }

    /** For guarding expensive argument construction (packet dumps at level 55). */
    public static boolean isDebugEnabled(Logger log, int level) {
        return log.isDebugEnabled(KeaMarker.debug(level));
    }
}
