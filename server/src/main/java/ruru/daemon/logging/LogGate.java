package ruru.daemon.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggerContextListener;
import org.slf4j.LoggerFactory;

/**
 * Whether a Kea message would be written now, remembered per message until the logging
 * configuration changes: the packet path asks for every debug message it might log, and asking
 * Logback each time runs its turbo filter (a logger-name check and a map lookup) per question. A
 * generation number, bumped by every reconfiguration ({@link LoggingApplier}) and every level change
 * or reset Logback reports, invalidates what is remembered. Tables are enums: one slot per constant.
 */
final class LogGate {

    private static volatile int generation = 1;

    private static final ClassValue<int[]> SLOTS = new ClassValue<>() {
        @Override
        protected int[] computeValue(Class<?> type) {
            Object[] constants = type.getEnumConstants();
            return new int[constants == null ? 0 : constants.length];
        }
    };

    static {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx) {
            ctx.addListener(new LoggerContextListener() {
                @Override
                public boolean isResetResistant() {
                    return true;
                }

                @Override
                public void onStart(LoggerContext context) {
                    changed();
                }

                @Override
                public void onReset(LoggerContext context) {
                    changed();
                }

                @Override
                public void onStop(LoggerContext context) {
                    changed();
                }

                @Override
                public void onLevelChange(Logger logger, Level level) {
                    changed();
                }
            });
        }
    }

    private LogGate() {
    }

    /** The logging configuration changed: everything remembered is asked again. */
    static synchronized void changed() {
        generation = generation == Integer.MAX_VALUE >>> 1 ? 1 : generation + 1;
    }

    /** The generation now (a message that keeps its own check compares it with the one it asked in). */
    static int generation() {
        return generation;
    }

    static boolean enabled(KeaMessage m) {
        if (!(m instanceof Enum<?> e)) {
            return ask(m);
        }
        int[] slots = SLOTS.get(e.getDeclaringClass());
        int ordinal = e.ordinal();
        if (ordinal >= slots.length) {
            return ask(m);
        }
        int g = generation; // read before asking: a change meanwhile leaves a stale generation, asked again
        int v = slots[ordinal];
        if (v >>> 1 == g) {
            return (v & 1) != 0;
        }
        boolean on = ask(m);
        slots[ordinal] = g << 1 | (on ? 1 : 0);
        return on;
    }

    static boolean ask(KeaMessage m) {
        org.slf4j.Logger log = m.logger();
        return switch (m.severity()) {
            case FATAL -> log.isErrorEnabled(KeaMarker.FATAL);
            case ERROR -> log.isErrorEnabled();
            case WARN -> log.isWarnEnabled();
            case INFO -> log.isInfoEnabled();
            case DEBUG -> log.isDebugEnabled(KeaMarker.debug(m.debugLevel()));
            case NONE -> false;
        };
    }
}
