package ruru.json;

/** Something the parser tolerated but the user should hear about (Kea's extra commas). */
public record JsonWarning(Position position, String message) {

    @Override
    public String toString() {
        return position + ": " + message;
    }

    /** As Kea's file parser writes a warning: {@code file:line.col: message} (bison's position). */
    public String keaText() {
        return position.file() + ":" + position.line() + "." + position.col() + ": " + message;
    }
}
