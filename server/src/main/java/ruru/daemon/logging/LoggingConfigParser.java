package ruru.daemon.logging;

import ruru.daemon.config.ConfigException;
import ruru.daemon.config.PathKind;
import ruru.daemon.config.PathPolicy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import ruru.io.IoErrors;
import ruru.json.BoolElement;
import ruru.json.Element;
import ruru.json.IntElement;
import ruru.json.ListElement;
import ruru.json.MapElement;
import ruru.json.Position;
import ruru.json.StringElement;

/**
 * Turns Kea's {@code loggers} list into {@link LoggerSpec}s, refusing what Kea refuses: keys its
 * grammar does not know, values of the wrong JSON type, debuglevel outside 0–99, both spellings of
 * output-options, an output entry without {@code output}, patterns with control characters, and
 * file paths outside the log directory ({@link PathPolicy}, kind {@link PathKind#LOG}). Every error
 * carries the position of the faulty element.
 */
public final class LoggingConfigParser {

    /** Keys of a loggers entry in Kea's grammar (dhcp4_parser.yy, logger_param). */
    private static final Set<String> LOGGER_KEYS =
            Set.of("name", "severity", "debuglevel", "output-options", "output_options", "user-context", "comment");

    /** Keys of an output-options entry (output_params). */
    private static final Set<String> OUTPUT_KEYS = Set.of("output", "flush", "maxsize", "maxver", "pattern");

    /**
     * Kea converts sizes beyond INT_MAX to a "MB" suffix for log4cplus and refuses what still
     * exceeds INT_MAX ("expected maxsize < 2147483647MB").
     */
    static final long MAX_MAXSIZE = Integer.MAX_VALUE * 1_000_000L;

    private LoggingConfigParser() {
    }

    /** Checks that {@code loggers} is a list first (as found under {@code Dhcp4/loggers}). */
    public static List<LoggerSpec> parse(Element loggers, PathPolicy paths) throws ConfigException {
        if (!(loggers instanceof ListElement list)) {
            throw new ConfigException(loggers.position(), "'loggers' must be a list, got " + loggers.typeName());
        }
        return parse(list, paths);
    }

    public static List<LoggerSpec> parse(ListElement loggers, PathPolicy paths) throws ConfigException {
        List<LoggerSpec> specs = new ArrayList<>();
        for (Element entry : loggers.items()) {
            specs.add(parseLogger(map(entry, "loggers entry"), paths));
        }
        return List.copyOf(specs);
    }

    private static LoggerSpec parseLogger(MapElement entry, PathPolicy paths) throws ConfigException {
        rejectUnknown(entry, LOGGER_KEYS, "loggers");
        Element nameElement = entry.get("name");
        if (nameElement == null) {
            throw new ConfigException(entry.position(), "loggers entry does not have a mandatory 'name' element");
        }
        String name = string(nameElement, "name").value();
        if (name.isEmpty()) {
            throw new ConfigException(nameElement.position(), "logger 'name' must not be empty");
        }
        Optional<Severity> severity = Optional.empty();
        if (entry.has("severity")) {
            StringElement s = string(entry.get("severity"), "severity");
            // Kea logs LOG_BAD_SEVERITY and falls back to INFO; a typo silently changing what is
            // logged is worse than a refused config, so ruru refuses it.
            severity = Optional.of(Severity.fromName(s.value()).orElseThrow(() -> new ConfigException(s.position(), "unsupported severity '" + s.value() + "', expected one of FATAL, ERROR, WARN, INFO, DEBUG, NONE")));
        }
        int debuglevel = 0;
        if (entry.has("debuglevel")) {
            IntElement d = integer(entry.get("debuglevel"), "debuglevel");
            if (d.value() < 0 || d.value() > LoggerSpec.MAX_DEBUGLEVEL) {
                throw new ConfigException(d.position(), "Unsupported debuglevel value " + d.value() + ", expected 0-99");
            }
            debuglevel = (int) d.value();
        }
        if (entry.has("output-options") && entry.has("output_options")) {
            throw new ConfigException(entry.get("output_options").position(), "Only one of 'output-options' and 'output_options' may be specified.");
        }
        if (entry.has("user-context")) {
            map(entry.get("user-context"), "user-context");
        }
        if (entry.has("comment")) {
            string(entry.get("comment"), "comment");
        }
        Element outputs = entry.has("output-options") ? entry.get("output-options") : entry.get("output_options");
        List<OutputSpec> parsed = new ArrayList<>();
        if (outputs != null) {
            if (!(outputs instanceof ListElement list)) {
                throw new ConfigException(outputs.position(), "'output-options' must be a list, got " + outputs.typeName());
            }
            for (Element o : list.items()) {
                parsed.add(parseOutput(map(o, "output-options entry"), paths));
            }
        }
        return new LoggerSpec(name, severity, debuglevel, parsed);
    }

    private static OutputSpec parseOutput(MapElement entry, PathPolicy paths) throws ConfigException {
        rejectUnknown(entry, OUTPUT_KEYS, "output-options");
        Element outputElement = entry.get("output");
        if (outputElement == null) {
            throw new ConfigException(entry.position(), "output-options entry does not have a mandatory 'output' element");
        }
        StringElement output = string(outputElement, "output");
        boolean flush = entry.has("flush") ? bool(entry.get("flush"), "flush") : true;
        String pattern = entry.has("pattern") ? string(entry.get("pattern"), "pattern").value() : "";
        if (!KeaPatternLayout.isSafe(pattern)) {
            throw new ConfigException(entry.get("pattern").position(),
                    "'pattern' must not contain control characters other than a line break or a tab");
        }
        long maxsize = OutputSpec.DEFAULT_MAXSIZE;
        if (entry.has("maxsize")) {
            IntElement m = integer(entry.get("maxsize"), "maxsize");
            if (m.value() < 0 || m.value() > MAX_MAXSIZE) {
                throw new ConfigException(m.position(), "maxsize " + m.value() + " out of range, expected 0 to "
                        + MAX_MAXSIZE + " (0 disables rotation)");
            }
            maxsize = m.value();
        }
        int maxver = OutputSpec.DEFAULT_MAXVER;
        if (entry.has("maxver")) {
            IntElement m = integer(entry.get("maxver"), "maxver");
            if (m.value() < 0 || m.value() > Integer.MAX_VALUE) {
                throw new ConfigException(m.position(), "maxver " + m.value() + " out of range, expected 0 to " + Integer.MAX_VALUE);
            }
            maxver = (int) m.value();
        }
        // Kea: an omitted or empty pattern means the output type's default.
        String value = output.value();
        String effective = pattern.isEmpty() ? OutputSpec.DEFAULT_PATTERN : pattern;
        switch (value) {
            case "stdout" -> {
                return new OutputSpec.Stdout(flush, effective);
            }
            case "stderr" -> {
                return new OutputSpec.Stderr(flush, effective);
            }
            default -> {
            }
        }
        if (value.equals("syslog") || value.startsWith("syslog:")) {
            String facility = value.equals("syslog") ? OutputSpec.Syslog.DEFAULT_FACILITY : value.substring(7);
            return new OutputSpec.Syslog(facility,
                    pattern.isEmpty() ? OutputSpec.DEFAULT_SYSLOG_PATTERN : pattern);
        }
        if (value.isBlank()) {
            throw new ConfigException(output.position(), "'output' must not be empty");
        }
        try {
            Path path = paths.resolve(PathKind.LOG, value.strip());
            if (Files.isDirectory(path)) {
                throw new ConfigException(output.position(), "invalid path in `output`: '" + value + "' is a directory");
            }
            paths.checkWritable(PathKind.LOG, path);
            return new OutputSpec.File(path, maxsize, maxver, flush, effective);
        } catch (PathPolicy.RefusedPath | IOException e) {
            throw new ConfigException(output.position(), "invalid path in `output`: " + IoErrors.describe(e));
        }
    }

    private static void rejectUnknown(MapElement entry, Set<String> known, String where) throws ConfigException {
        for (Map.Entry<String, Element> e : entry.entries().entrySet()) {
            if (!known.contains(e.getKey())) {
                throw new ConfigException(e.getValue().position(), "got unexpected keyword \"" + e.getKey() + "\" in " + where + " map.");
            }
        }
    }

    private static MapElement map(Element e, String what) throws ConfigException {
        if (e instanceof MapElement m) {
            return m;
        }
        throw new ConfigException(e.position(), what + " must be a map, got " + e.typeName());
    }

    private static StringElement string(Element e, String key) throws ConfigException {
        if (e instanceof StringElement s) {
            return s;
        }
        throw typeError(key, "string", e);
    }

    private static IntElement integer(Element e, String key) throws ConfigException {
        if (e instanceof IntElement i) {
            return i;
        }
        throw typeError(key, "integer", e);
    }

    private static boolean bool(Element e, String key) throws ConfigException {
        if (e instanceof BoolElement b) {
            return b.value();
        }
        throw typeError(key, "boolean", e);
    }

    private static ConfigException typeError(String key, String expected, Element got) {
        Position p = got.position();
        return new ConfigException(p, "'" + key + "' must be a " + expected + ", got " + got.typeName());
    }
}
