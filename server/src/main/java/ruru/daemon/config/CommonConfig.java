package ruru.daemon.config;

import java.util.List;
import java.util.Optional;

import ruru.daemon.logging.LoggerSpec;

/**
 * What every daemon's configuration has: the control socket, the loggers, the statistics
 * defaults. Hook libraries join this record when the hooks issue lands.
 */
public record CommonConfig(Optional<UnixSocketSpec> unixSocket, List<LoggerSpec> loggers, StatsDefaults statsDefaults) {

    public CommonConfig {
        loggers = List.copyOf(loggers);
    }
}
