package ruru.daemon.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Marker;

/**
 * Decides, before any event is built, whether a message on one of the daemon's loggers is emitted
 * under Kea's rules: severity threshold per logger (inherited down the dot hierarchy), FATAL via
 * {@link KeaMarker#FATAL}, and a DEBUG message's level compared with the logger's debuglevel.
 * Loggers outside the daemon's tree (libraries) are left to Logback's levels.
 */
final class SeverityFilter extends TurboFilter {

    /** A logger's effective Kea level. */
    record Threshold(Severity severity, int debuglevel) {
    }

    private final String root;
    private final Threshold rootThreshold;
    private final Map<String, Threshold> configured;
    /** Resolved thresholds per logger name; the filter is replaced on every reconfiguration. */
    private final Map<String, Threshold> cache = new ConcurrentHashMap<>();

    SeverityFilter(String root, Threshold rootThreshold, Map<String, Threshold> configured) {
        this.root = root;
        this.rootThreshold = rootThreshold;
        this.configured = Map.copyOf(configured);
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        String name = logger.getName();
        if (!name.startsWith(root) || (name.length() > root.length() && name.charAt(root.length()) != '.')) {
            return FilterReply.NEUTRAL;
        }
        Threshold threshold = cache.get(name);
        if (threshold == null) {
            threshold = cache.computeIfAbsent(name, this::resolve);
        }
        return admits(threshold, marker, level) ? FilterReply.ACCEPT : FilterReply.DENY;
    }

    static boolean admits(Threshold threshold, Marker marker, Level level) {
        Severity message = switch (level.toInt()) {
            case Level.ERROR_INT -> marker == KeaMarker.FATAL ? Severity.FATAL : Severity.ERROR;
            case Level.WARN_INT -> Severity.WARN;
            case Level.INFO_INT -> Severity.INFO;
            default -> Severity.DEBUG;
        };
        if (!threshold.severity().admits(message)) {
            return false;
        }
        if (message != Severity.DEBUG) {
            return true;
        }
        // log4cplus maps debug level d to DEBUG - d, so a message passes when its level <= debuglevel.
        // Plain SLF4J debug() counts as level 0 and trace() as the most verbose, 99.
        int messageLevel = marker instanceof KeaMarker k && k.debugLevel() >= 0 ? k.debugLevel()
                : level.toInt() == Level.TRACE_INT ? LoggerSpec.MAX_DEBUGLEVEL : 0;
        return messageLevel <= threshold.debuglevel();
    }

    private Threshold resolve(String name) {
        String n = name;
        while (true) {
            Threshold t = configured.get(n);
            if (t != null) {
                return t;
            }
            int dot = n.lastIndexOf('.');
            if (dot < 0 || n.equals(root)) {
                return rootThreshold;
            }
            n = n.substring(0, dot);
        }
    }
}
