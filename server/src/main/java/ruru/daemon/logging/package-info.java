/**
 * Logging configured from Kea's {@code loggers}, on SLF4J and Logback.
 *
 * <p><b>Names.</b> Code logs under Kea's logger names: {@code kea-dhcp4} is the daemon's root and
 * {@code kea-dhcp4.leases}, {@code kea-dhcp4.packets}, {@code kea-dhcp4.commands} … its components
 * ({@link ruru.daemon.logging.KeaLoggers}). Logback's dot hierarchy is log4cplus's, so a Kea
 * {@code loggers} entry selects exactly the messages it selects in Kea. A configured name outside
 * the root is made a child of it ({@code leases} means {@code kea-dhcp4.leases}), as Kea's
 * {@code expandLoggerName}; {@code *} means the root. Library loggers (dnsjava, JDBC, …) sit under
 * Logback's ROOT at WARN and write to the daemon root's outputs.
 *
 * <p><b>Levels.</b> Logback has no FATAL and no debug levels, so a
 * {@link ch.qos.logback.classic.turbo.TurboFilter} applies Kea's rules to the daemon's loggers:
 * FATAL is ERROR plus {@link ruru.daemon.logging.KeaMarker#FATAL}; a DEBUG message carries its
 * 0–99 level in a {@link ruru.daemon.logging.KeaMarker} and passes only when the logger is at
 * DEBUG with a debuglevel at least that high. Use {@link ruru.daemon.logging.KeaLog}.
 *
 * <p><b>Inheritance</b> (Kea ARM): an entry without severity inherits severity and debuglevel from
 * its parent; an entry without outputs writes to the root logger's outputs; configured loggers are
 * not additive (a message goes to one set of outputs, never twice).
 *
 * <p><b>Outputs.</b> stdout/stderr → ConsoleAppender; a file → RollingFileAppender with a fixed
 * window .1….maxver and a size trigger (maxsize 0: plain FileAppender; below 204800: raised to
 * 204800 as log4cplus does); syslog → libc syslog(3) through FFM. Patterns are log4cplus patterns,
 * rendered by {@link ruru.daemon.logging.KeaPatternLayout}, which never writes a control character
 * other than a line break or a tab. Log files lie directly in the log directory (Kea 3.0's path
 * restriction, {@link ruru.daemon.config.PathPolicy}); they are created 0640 whatever the umask,
 * and a logger never creates a directory.
 */
package ruru.daemon.logging;
