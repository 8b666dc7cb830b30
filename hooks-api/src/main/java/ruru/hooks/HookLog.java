package ruru.hooks;

/**
 * Logging for libraries without a logging dependency. Messages use SLF4J-style {@code {}}
 * placeholders; a trailing Throwable argument is logged with its stack trace.
 */
public interface HookLog {

    void debug(String message, Object... args);

    void info(String message, Object... args);

    void warn(String message, Object... args);

    void error(String message, Object... args);
}
