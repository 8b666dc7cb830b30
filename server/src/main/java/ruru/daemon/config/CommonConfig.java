package ruru.daemon.config;

import java.util.List;
import java.util.Optional;

import ruru.control.http.HttpSocketSpec;
import ruru.daemon.logging.LoggerSpec;

/**
 * What every daemon's configuration has: the control sockets (at most one UNIX socket, any
 * number of HTTP/HTTPS ones), the loggers, the statistics defaults. Hook libraries join this
 * record when the hooks issue lands.
 */
public record CommonConfig(Optional<UnixSocketSpec> unixSocket, List<HttpSocketSpec> httpSockets,
        List<LoggerSpec> loggers, StatsDefaults statsDefaults) {

    public CommonConfig {
        httpSockets = List.copyOf(httpSockets);
        loggers = List.copyOf(loggers);
    }

    /** A configuration without HTTP control sockets. */
    public CommonConfig(Optional<UnixSocketSpec> unixSocket, List<LoggerSpec> loggers, StatsDefaults statsDefaults) {
        this(unixSocket, List.of(), loggers, statsDefaults);
    }
}
