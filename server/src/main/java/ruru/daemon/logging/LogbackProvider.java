package ruru.daemon.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LogbackServiceProvider;

/**
 * Logback as SLF4J's provider, named to SLF4J directly ({@link #select}) and configured in code:
 * SLF4J then does not scan the class path for providers, nor Logback for configurators and its
 * own version files, which every daemon's start paid for before its first answer. The context is
 * the one Logback's own provider makes, set up by {@link DefaultLogging} as Logback would have
 * found it through {@code META-INF/services} (what tests that use SLF4J in-process still get).
 */
public final class LogbackProvider extends LogbackServiceProvider {

    private static final String PROVIDER = "slf4j.provider";
    private static final String VERBOSITY = "slf4j.internal.verbosity";

    /**
     * Makes SLF4J use this provider, unless the command line names one. Before the first logger
     * is made (the program's entry points). SLF4J reports an explicitly named provider at its
     * INFO level on stderr; its reports go from WARN up, unless the command line says otherwise.
     */
    public static void select() {
        if (System.getProperty(PROVIDER) == null) {
            System.setProperty(PROVIDER, LogbackProvider.class.getName());
            if (System.getProperty(VERBOSITY) == null) {
                System.setProperty(VERBOSITY, "WARN");
            }
        }
    }

    @Override
    public void initialize() {
        LoggerContext ctx = (LoggerContext) getLoggerFactory();
        ctx.setName("default");
        ctx.setMDCAdapter(getMDCAdapter());
        DefaultLogging defaults = new DefaultLogging();
        defaults.setContext(ctx);
        defaults.configure(ctx);
        ctx.start();
    }
}
