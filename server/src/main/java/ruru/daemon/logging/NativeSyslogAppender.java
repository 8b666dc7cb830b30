package ruru.daemon.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Locale;
import java.util.Map;

/**
 * Kea's {@code syslog[:facility]} output: calls libc {@code openlog}/{@code syslog} through FFM,
 * because the JDK cannot open {@code /dev/log} (an AF_UNIX datagram socket) and Logback's own
 * SyslogAppender speaks UDP only. libc keeps one ident/facility per process, as log4cplus's
 * SysLogAppender does.
 */
@SuppressWarnings("restricted") // FFM downcalls; the launcher enables native access
final class NativeSyslogAppender extends AppenderBase<ILoggingEvent> {

    /** syslog.h facility codes (already shifted left by 3). */
    static final Map<String, Integer> FACILITIES = Map.ofEntries(
            Map.entry("kern", 0), Map.entry("user", 1 << 3), Map.entry("mail", 2 << 3),
            Map.entry("daemon", 3 << 3), Map.entry("auth", 4 << 3), Map.entry("syslog", 5 << 3),
            Map.entry("lpr", 6 << 3), Map.entry("news", 7 << 3), Map.entry("uucp", 8 << 3),
            Map.entry("cron", 9 << 3), Map.entry("authpriv", 10 << 3), Map.entry("ftp", 11 << 3),
            Map.entry("local0", 16 << 3), Map.entry("local1", 17 << 3), Map.entry("local2", 18 << 3),
            Map.entry("local3", 19 << 3), Map.entry("local4", 20 << 3), Map.entry("local5", 21 << 3),
            Map.entry("local6", 22 << 3), Map.entry("local7", 23 << 3));

    private static final int LOG_PID = 0x01;
    private static final int LOG_CRIT = 2;
    private static final int LOG_ERR = 3;
    private static final int LOG_WARNING = 4;
    private static final int LOG_INFO = 6;
    private static final int LOG_DEBUG = 7;

    private static final MethodHandle OPENLOG;
    private static final MethodHandle SYSLOG;
    private static final MethodHandle CLOSELOG;

    static {
        Linker linker = Linker.nativeLinker();
        var libc = linker.defaultLookup();
        OPENLOG = linker.downcallHandle(libc.findOrThrow("openlog"),
                FunctionDescriptor.ofVoid(ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
        // void syslog(int priority, const char *format, ...): pass "%s" so the message is never a format.
        SYSLOG = linker.downcallHandle(libc.findOrThrow("syslog"),
                FunctionDescriptor.ofVoid(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS),
                Linker.Option.firstVariadicArg(2));
        CLOSELOG = linker.downcallHandle(libc.findOrThrow("closelog"), FunctionDescriptor.ofVoid());
    }

    private final String ident;
    private final int facility;
    private final KeaPatternLayout layout;
    /** openlog keeps the ident pointer, so its memory lives as long as the appender. */
    private Arena arena;
    private MemorySegment percentS;

    NativeSyslogAppender(String ident, String facility, String pattern) {
        this.ident = ident;
        // log4cplus falls back to LOG_USER for a facility name it does not know.
        this.facility = FACILITIES.getOrDefault(facility.toLowerCase(Locale.ROOT), 1 << 3);
        this.layout = new KeaPatternLayout(pattern);
    }

    int facility() {
        return facility;
    }

    @Override
    public void start() {
        arena = Arena.ofShared();
        percentS = arena.allocateFrom("%s");
        try {
            OPENLOG.invokeExact(arena.allocateFrom(ident), LOG_PID, facility);
        } catch (Throwable t) {
            addError("openlog failed", t);
            arena.close();
            return;
        }
        super.start();
    }

    @Override
    public void stop() {
        if (!isStarted()) {
            return;
        }
        super.stop();
        try {
            CLOSELOG.invokeExact();
        } catch (Throwable t) {
            addError("closelog failed", t);
        }
        arena.close();
    }

    @Override
    protected void append(ILoggingEvent event) {
        String line = layout.doLayout(event);
        if (line.endsWith("\n")) {
            line = line.substring(0, line.length() - 1);
        }
        try (Arena call = Arena.ofConfined()) {
            SYSLOG.invokeExact(priority(event) | facility, percentS, call.allocateFrom(line));
        } catch (Throwable t) {
            addError("syslog failed", t);
        }
    }

    static int priority(ILoggingEvent event) {
        return switch (event.getLevel().toInt()) {
            case Level.ERROR_INT -> "FATAL".equals(KeaPatternLayout.severityName(event)) ? LOG_CRIT : LOG_ERR;
            case Level.WARN_INT -> LOG_WARNING;
            case Level.INFO_INT -> LOG_INFO;
            default -> LOG_DEBUG;
        };
    }
}
