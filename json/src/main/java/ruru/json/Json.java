package ruru.json;

import java.nio.file.Path;
import java.util.function.Consumer;

/** The json room's front door: parse Kea's extended JSON, write Kea's forms, hash a config. */
public final class Json {

    /** Kea's MAX_NESTING_LEVEL: deeper input is refused so hostile text cannot exhaust the stack. */
    public static final int MAX_NESTING = 100;

    /** How deep {@code <?include?>} may nest. */
    public static final int MAX_INCLUDE_DEPTH = 10;

    private Json() {
    }

    /** Parses one JSON value from text; anything but whitespace and comments after it is an error. */
    public static Element parse(String text, ParseOptions options) throws JsonException {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /**
     * Parses a configuration file with file syntax: comments, includes (relative paths resolve
     * against the including file's directory), extra commas with a warning.
     */
    public static Element parseFile(Path file, Consumer<JsonWarning> warnings) throws JsonException {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Kea's compact {@code Element::str()} form: sorted keys, {@code { "a": 1 }}, {@code {  }}. */
    public static String toCompact(Element element) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Kea's pretty form (config-write): 2-space indent, sorted keys. */
    public static String toPretty(Element element) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Uppercase hex SHA-256 of {@link #toCompact}: Kea's config hash. */
    public static String hash(Element element) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
