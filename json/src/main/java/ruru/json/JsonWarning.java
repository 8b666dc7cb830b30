package ruru.json;

/** Something the parser tolerated but the user should hear about (Kea's extra commas). */
public record JsonWarning(Position position, String message) {

    @Override
    public String toString() {
        return position + ": " + message;
    }
}
