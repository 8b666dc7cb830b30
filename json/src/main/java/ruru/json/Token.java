package ruru.json;

/**
 * One lexical token. Scalars carry their value; {@code text} holds the decoded string of a
 * {@link Kind#STRING} token.
 */
record Token(Kind kind, Position position, String text, long longValue, double doubleValue) {

    enum Kind {
        LBRACE("'{'"), RBRACE("'}'"), LBRACKET("'['"), RBRACKET("']'"), COMMA("','"), COLON("':'"),
        STRING("string"), INTEGER("integer"), REAL("real"), TRUE("true"), FALSE("false"), NULL("null"),
        END("end of file");

        private final String description;

        Kind(String description) {
            this.description = description;
        }

        String description() {
            return description;
        }
    }

    static Token of(Kind kind, Position position) {
        return new Token(kind, position, null, 0, 0);
    }

    /** How an error message names this token: kind plus a short excerpt of its value. */
    String describe() {
        return switch (kind) {
            case STRING -> "string \"" + excerpt(text) + "\"";
            case INTEGER -> "integer " + longValue;
            case REAL -> "real " + doubleValue;
            default -> kind.description();
        };
    }

    private static String excerpt(String s) {
        StringBuilder b = new StringBuilder();
        int limit = Math.min(s.length(), 40);
        for (int i = 0; i < limit; i++) {
            char c = s.charAt(i);
            b.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return s.length() > limit ? b.append("...").toString() : b.toString();
    }
}
