package ruru.daemon.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Logging until a daemon has read its configuration ({@link LoggingApplier} then replaces all of
 * this), and for the tools: INFO and above of the Kea loggers and ruru's to stdout in Kea's default
 * layout, libraries only at WARN. Found by Logback through {@code META-INF/services} and set up in
 * code rather than from an XML file, which would cost every start an XML parser and Joran's
 * reflection.
 */
public final class DefaultLogging extends ContextAwareBase implements Configurator {

    /** Kea's default layout (log4cplus), as {@link KeaPatternLayout} reads it. */
    public static final String PATTERN = "%D{%Y-%m-%d %H:%M:%S.%q} %-5p [%c/%i.%t] %m%n";
    static final String APPENDER = "STDOUT";
    private static final String[] INFO_LOGGERS = {"kea-dhcp4", "kea-dhcp6", "kea-dhcp-ddns", "kea-ctrl-agent", "ruru"};

    @Override
    public ExecutionStatus configure(LoggerContext ctx) {
        KeaPatternLayout layout = new KeaPatternLayout(PATTERN);
        layout.setContext(ctx);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(ctx);
        encoder.setLayout(layout);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stdout = new ConsoleAppender<>();
        stdout.setContext(ctx);
        stdout.setName(APPENDER);
        stdout.setEncoder(encoder);
        stdout.start();
        for (String name : INFO_LOGGERS) {
            ctx.getLogger(name).setLevel(Level.INFO);
        }
        ch.qos.logback.classic.Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(stdout);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
