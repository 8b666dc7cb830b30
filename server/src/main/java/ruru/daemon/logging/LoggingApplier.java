package ruru.daemon.logging;

import ruru.daemon.config.ConfigException;
import ruru.io.IoErrors;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.util.FileSize;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Makes Logback log the way a Kea daemon with these {@code loggers} would. Safe to call on every
 * config-set/config-reload: an unchanged configuration is a no-op; a changed one resets the
 * Logback context and rebuilds it (files are reopened in append mode, as log4cplus does).
 */
public final class LoggingApplier {

    /** Libraries (dnsjava, HikariCP, …) log at WARN and above to the root outputs; Kea has no such loggers. */
    static final Level LIBRARY_LEVEL = Level.WARN;

    private record Plan(String root, List<LoggerSpec> specs, boolean debugFlag) {
        // Written out: a record's generated equals costs its first call a bootstrap of some
        // milliseconds, and this one runs on every daemon's start.
        @Override
        public boolean equals(Object o) {
            return o instanceof Plan p && debugFlag == p.debugFlag && root.equals(p.root) && specs.equals(p.specs);
        }

        @Override
        public int hashCode() {
            return Objects.hash(root, specs, debugFlag);
        }
    }

    private static Plan current;

    private LoggingApplier() {
    }

    /**
     * @param daemonRoot the Kea program name whose loggers are configured (kea-dhcp4, …)
     * @param debugFlag Kea's {@code -d}: every logger of the daemon at DEBUG with debuglevel 99
     * @throws ConfigException when an output cannot be opened (the other outputs are still
     *     set up, so the daemon keeps logging somewhere)
     */
    public static synchronized void apply(String daemonRoot, List<LoggerSpec> specs, boolean debugFlag)
            throws ConfigException {
        KeaLoggers.forDaemon(daemonRoot);
        Plan plan = new Plan(daemonRoot, List.copyOf(specs), debugFlag);
        if (plan.equals(current)) {
            return;
        }
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext ctx)) {
            throw new IllegalStateException("Logback is not the SLF4J provider: " + factory.getClass().getName());
        }
        ctx.reset();
        current = null;

        SeverityFilter.Threshold forced = new SeverityFilter.Threshold(Severity.DEBUG, LoggerSpec.MAX_DEBUGLEVEL);
        // Later entries for the same logger win, as Kea applies them in order.
        Map<String, LoggerSpec> byName = new LinkedHashMap<>();
        for (LoggerSpec s : specs) {
            byName.put(KeaLoggers.expand(daemonRoot, s.name()), s);
        }
        Map<String, SeverityFilter.Threshold> thresholds = new HashMap<>();
        for (Map.Entry<String, LoggerSpec> e : byName.entrySet()) {
            LoggerSpec s = e.getValue();
            if (debugFlag) {
                thresholds.put(e.getKey(), forced);
            } else if (s.severity().isPresent()) {
                thresholds.put(e.getKey(), new SeverityFilter.Threshold(s.severity().get(), s.debuglevel()));
            }
        }
        SeverityFilter.Threshold rootThreshold = debugFlag ? forced
                : thresholds.getOrDefault(daemonRoot, new SeverityFilter.Threshold(Severity.INFO, 0));
        SeverityFilter filter = new SeverityFilter(daemonRoot, rootThreshold, thresholds);
        filter.setContext(ctx);
        filter.start();
        ctx.addTurboFilter(filter);
        LogGate.changed();

        Appenders appenders = new Appenders(ctx, daemonRoot);
        LoggerSpec rootSpec = byName.get(daemonRoot);
        // Kea starts with the root logger on stdout; a root entry without outputs keeps that here
        // (Kea would leave it with none, silently dropping everything).
        List<OutputSpec> rootOutputs = rootSpec == null || rootSpec.outputs().isEmpty()
                ? List.of(OutputSpec.Stdout.defaults()) : rootSpec.outputs();

        Logger libraries = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        libraries.setLevel(LIBRARY_LEVEL);
        appenders.attach(libraries, rootOutputs);

        Logger root = ctx.getLogger(daemonRoot);
        root.setLevel(Level.TRACE);
        root.setAdditive(false);
        appenders.attach(root, rootOutputs);
        for (Map.Entry<String, LoggerSpec> e : byName.entrySet()) {
            if (e.getKey().equals(daemonRoot)) {
                continue;
            }
            // Kea's LoggerSpecification is not additive: a configured logger writes only to its
            // own outputs, or to copies of the root's when it has none.
            Logger logger = ctx.getLogger(e.getKey());
            logger.setAdditive(false);
            appenders.attach(logger, e.getValue().outputs().isEmpty() ? rootOutputs : e.getValue().outputs());
        }
        current = appenders.failures.isEmpty() ? plan : null;
        if (!appenders.failures.isEmpty()) {
            throw new ConfigException(ruru.json.Position.NONE, "cannot open log output: " + String.join("; ", appenders.failures));
        }
    }

    /** Forgets the last applied plan, so the next {@link #apply} rebuilds (for tests). */
    static synchronized void forget() {
        current = null;
    }

    /** Builds each distinct output once; a file is one appender whichever loggers write to it. */
    private static final class Appenders {
        private final LoggerContext ctx;
        private final String ident;
        private final Map<Object, Appender<ILoggingEvent>> built = new HashMap<>();
        private final List<String> failures = new ArrayList<>();
        private int count;

        Appenders(LoggerContext ctx, String ident) {
            this.ctx = ctx;
            this.ident = ident;
        }

        void attach(Logger logger, List<OutputSpec> outputs) {
            for (OutputSpec o : outputs) {
                Object key = key(o);
                Appender<ILoggingEvent> a = built.computeIfAbsent(key, k -> create(o));
                if (a != null) {
                    logger.addAppender(a);
                }
            }
        }

        /**
         * What makes two outputs one appender: a file's path; for the others their kind, flush and
         * pattern (as text, not the record: its generated hashCode would cost every start a bootstrap).
         */
        private static Object key(OutputSpec o) {
            if (o instanceof OutputSpec.File f) {
                return f.path();
            }
            String kind = o instanceof OutputSpec.Syslog s ? "syslog:" + s.facility()
                    : o instanceof OutputSpec.Stdout ? "stdout" : "stderr";
            return kind + "\n" + o.flush() + "\n" + o.pattern();
        }

        private Appender<ILoggingEvent> create(OutputSpec output) {
            Appender<ILoggingEvent> appender = switch (output) {
                case OutputSpec.Stdout s -> console("System.out", s);
                case OutputSpec.Stderr s -> console("System.err", s);
                case OutputSpec.Syslog s -> new NativeSyslogAppender(ident, s.facility(), s.pattern());
                case OutputSpec.File f -> file(f);
            };
            appender.setName("kea-" + (count++));
            appender.setContext(ctx);
            appender.start();
            if (!appender.isStarted()) {
                failures.add(describe(output) + (appender instanceof OpenFailure f && f.openFailure() != null
                        ? ": " + IoErrors.reason(f.openFailure()) : ""));
                return null;
            }
            return appender;
        }

        private Appender<ILoggingEvent> console(String target, OutputSpec spec) {
            ConsoleAppender<ILoggingEvent> a = new ConsoleAppender<>();
            a.setTarget(target);
            configure(a, spec);
            return a;
        }

        private Appender<ILoggingEvent> file(OutputSpec.File f) {
            String path = f.path().toString();
            if (!f.rotates()) {
                FileAppender<ILoggingEvent> a = new SafeFileAppender();
                a.setFile(path);
                a.setAppend(true);
                configure(a, f);
                return a;
            }
            RollingFileAppender<ILoggingEvent> a = new SafeRollingFileAppender();
            a.setFile(path);
            a.setAppend(true);
            configure(a, f);
            int maxver = f.effectiveMaxver();
            FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy() {
                // Logback caps the window at 20 files; Kea keeps as many as maxver says.
                @Override
                protected int getMaxWindowSize() {
                    return maxver;
                }
            };
            rolling.setContext(ctx);
            rolling.setParent(a);
            rolling.setFileNamePattern(path.replace("%", "\\%") + ".%i");
            rolling.setMinIndex(1);
            rolling.setMaxIndex(maxver);
            rolling.start();
            SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
            trigger.setContext(ctx);
            trigger.setMaxFileSize(new FileSize(f.effectiveMaxsize()));
            trigger.setCheckIncrement(ch.qos.logback.core.util.Duration.buildByMilliseconds(0));
            trigger.start();
            a.setRollingPolicy(rolling);
            a.setTriggeringPolicy(trigger);
            return a;
        }

        private void configure(OutputStreamAppender<ILoggingEvent> a, OutputSpec spec) {
            LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
            encoder.setContext(ctx);
            KeaPatternLayout layout = new KeaPatternLayout(spec.pattern());
            layout.setContext(ctx);
            layout.start();
            encoder.setLayout(layout);
            encoder.setCharset(StandardCharsets.UTF_8);
            encoder.start();
            a.setEncoder(encoder);
            a.setImmediateFlush(spec.flush());
        }

        private static String describe(OutputSpec o) {
            return switch (o) {
                case OutputSpec.File f -> f.path().toString();
                case OutputSpec.Syslog s -> "syslog:" + s.facility();
                default -> Objects.toString(o);
            };
        }
    }

    /** Why a file appender could not open its file (Logback keeps it in its own status list). */
    private interface OpenFailure {
        java.io.IOException openFailure();
    }

    /** A file opened through {@link LogFiles#prepare} (0640, no mkdir), remembering why it could not be. */
    private static final class Opening {
        private volatile java.io.IOException failure;

        interface Open {
            void open() throws java.io.IOException;
        }

        void open(String fileName, Open open) throws java.io.IOException {
            try {
                LogFiles.prepare(fileName);
                open.open();
            } catch (java.io.IOException e) {
                failure = e;
                throw e;
            }
        }
    }

    /** A plain log file. */
    private static final class SafeFileAppender extends FileAppender<ILoggingEvent> implements OpenFailure {
        private final Opening opening = new Opening();

        @Override
        public void openFile(String fileName) throws java.io.IOException {
            opening.open(fileName, () -> super.openFile(fileName));
        }

        @Override
        public java.io.IOException openFailure() {
            return opening.failure;
        }
    }

    /** A rotating log file: the file opened after each rotation is prepared too. */
    private static final class SafeRollingFileAppender extends RollingFileAppender<ILoggingEvent> implements OpenFailure {
        private final Opening opening = new Opening();

        @Override
        public void openFile(String fileName) throws java.io.IOException {
            opening.open(fileName, () -> super.openFile(fileName));
        }

        @Override
        public java.io.IOException openFailure() {
            return opening.failure;
        }
    }
}
