package ruru.json;

/**
 * Where an element or an error starts: a file name (or {@code <string>}, {@code <wire>}), a line and
 * a column. Lines are 1-based except for {@code <wire>} text, which Kea numbers from 0; columns are
 * 1-based and count bytes, as Kea's lexer does.
 */
public record Position(String file, int line, int col) {

    /** For elements built in code rather than parsed. */
    public static final Position NONE = new Position("", 0, 0);

    public Position {
        if (file == null) {
            throw new IllegalArgumentException("file must not be null");
        }
    }

    public boolean isKnown() {
        return !file.isEmpty();
    }

    /** {@code file:line:col}, the form every error message carries. */
    @Override
    public String toString() {
        return file + ":" + line + ":" + col;
    }
}
