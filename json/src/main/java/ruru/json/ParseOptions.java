package ruru.json;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * How to read one text.
 *
 * @param origin       the name positions carry: a file name, {@code <string>} or {@code <wire>}
 * @param firstLine    number of the first line: 1, or 0 for {@code <wire>} as Kea counts
 * @param fileSyntax   config-file syntax: {@code <?include?>} allowed and extra commas tolerated with a
 *                     warning; when false (command text) both are errors
 * @param warnings     receives warnings; never null
 */
public record ParseOptions(String origin, int firstLine, boolean fileSyntax, Consumer<JsonWarning> warnings) {

    public ParseOptions {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(warnings, "warnings");
    }

    /** Command text received over HTTP: {@code <string>:1:1}. */
    public static ParseOptions string() {
        return new ParseOptions("<string>", 1, false, w -> { });
    }

    /** Command text received over the UNIX socket: {@code <wire>:0:1}. */
    public static ParseOptions wire() {
        return new ParseOptions("<wire>", 0, false, w -> { });
    }

    /** A configuration file's text. */
    public static ParseOptions file(String name, Consumer<JsonWarning> warnings) {
        return new ParseOptions(name, 1, true, warnings);
    }
}
