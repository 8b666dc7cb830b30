package ruru.daemon.logging;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One validated entry of Kea's {@code loggers} list.
 *
 * <p>{@code severity} is empty when the entry omits it: Kea then inherits both severity and
 * debuglevel from the parent logger (ARM: "debuglevel is inherited only if severity is missing as
 * well"). {@code outputs} is empty when the entry has no output-options: Kea then gives the logger
 * the root logger's outputs.
 *
 * @param name the configured name, as written ({@code kea-dhcp4.leases}, or a short {@code leases}
 *     that {@link KeaLoggers#expand} prefixes with the daemon's root name)
 * @param debuglevel 0–99, meaningful only with DEBUG severity
 */
public record LoggerSpec(String name, Optional<Severity> severity, int debuglevel, List<OutputSpec> outputs) {

    public static final int MAX_DEBUGLEVEL = 99;

    public LoggerSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(severity, "severity");
        outputs = List.copyOf(outputs);
        if (debuglevel < 0 || debuglevel > MAX_DEBUGLEVEL) {
            throw new IllegalArgumentException("debuglevel must be 0-99: " + debuglevel);
        }
    }

    public LoggerSpec(String name, Severity severity, int debuglevel, List<OutputSpec> outputs) {
        this(name, Optional.of(severity), debuglevel, outputs);
    }
}
