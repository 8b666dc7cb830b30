package ruru.daemon.config.schema;

import ruru.json.Element;
import ruru.json.MapElement;
import ruru.json.StringElement;

/** The {@code loggers} entries of every daemon as Kea's config-get prints them (kea-dhcp4 2.2 observed). */
final class LoggerDefaults {

    private LoggerDefaults() {
    }

    /**
     * One logger output: flush and an empty pattern (the output's default) always, the rotation
     * settings for a file only (Kea prints none for stdout, stderr or syslog, given or not).
     */
    private static final Defaults LOGGER_OUTPUT = Defaults.builder()
            .put("flush", true)
            .put("pattern", "")
            .compute((m, c) -> m.get("output") instanceof StringElement o && !o.value().equals("stdout")
                    && !o.value().equals("stderr") && !o.value().startsWith("syslog")
                    ? putAbsent(putAbsent(m, "maxsize", Element.of(10240000)), "maxver", Element.of(1))
                    : m.without("maxsize").without("maxver"))
            .build();

    /**
     * One {@code loggers} entry, in every daemon: debuglevel 0, the severity in capitals, the
     * outputs filled in under Kea's one spelling ({@code output-options} reads as
     * {@code output_options}), a comment folded into user-context as everywhere else.
     */
    static final Defaults LOGGER = Defaults.builder()
            .compute((m, c) -> m.get("output-options") instanceof Element o && !m.has("output_options")
                    ? m.without("output-options").with("output_options", o) : m)
            .compute((m, c) -> m.get("severity") instanceof StringElement s
                    ? m.with("severity", Element.of(s.value().toUpperCase(java.util.Locale.ROOT))) : m)
            .compute((m, c) -> m.get("comment") instanceof StringElement comment
                    && !(m.get("user-context") instanceof MapElement u && u.has("comment"))
                    ? m.without("comment").with("user-context", (m.get("user-context") instanceof MapElement u
                            ? u : MapElement.empty()).with("comment", comment)) : m)
            .put("debuglevel", 0)
            .eachIfPresent("output_options", LOGGER_OUTPUT)
            .build();

    private static MapElement putAbsent(MapElement m, String key, Element value) {
        return m.has(key) ? m : m.with(key, value);
    }
}
