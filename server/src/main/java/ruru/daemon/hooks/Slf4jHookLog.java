package ruru.daemon.hooks;

import org.slf4j.Logger;

import ruru.hooks.HookLog;

/** The hooks API's logging facade over the daemon's logger (so {@code loggers} settings apply). */
record Slf4jHookLog(Logger log) implements HookLog {

    @Override
    public void debug(String message, Object... args) {
        log.debug(message, args);
    }

    @Override
    public void info(String message, Object... args) {
        log.info(message, args);
    }

    @Override
    public void warn(String message, Object... args) {
        log.warn(message, args);
    }

    @Override
    public void error(String message, Object... args) {
        log.error(message, args);
    }
}
