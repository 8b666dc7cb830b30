package ruru.json;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Splits Kea's extended JSON into tokens. Like Kea's flex lexer it skips {@code #}, {@code //} and
 * {@code /* *}{@code /} comments and expands {@code <?include "file"?>} by pushing the file on a
 * stack of sources, so an include may stand wherever a token may (Kea splices at the lexer level).
 */
final class Lexer {

    private final Deque<Source> stack = new ArrayDeque<>();
    private final boolean fileSyntax;
    private final StringDecoder strings;
    private Source src;
    /** The first byte of the last token, -1 at the end: Kea's command texts name it. */
    private int firstByte = -1;

    Lexer(Source top, boolean fileSyntax) {
        this.src = top;
        this.fileSyntax = fileSyntax;
        this.strings = new StringDecoder(!fileSyntax);
    }

    Token next() throws JsonException {
        while (true) {
            skipBlanksAndComments();
            if (src.atEnd()) {
                if (stack.isEmpty()) {
                    firstByte = -1;
                    return Token.of(Token.Kind.END, src.position());
                }
                src = stack.pop();
                continue;
            }
            int b = src.data[src.index] & 0xff;
            firstByte = b;
            Position at = src.position();
            switch (b) {
                case '{': return punct(Token.Kind.LBRACE, at);
                case '}': return punct(Token.Kind.RBRACE, at);
                case '[': return punct(Token.Kind.LBRACKET, at);
                case ']': return punct(Token.Kind.RBRACKET, at);
                case ',': return punct(Token.Kind.COMMA, at);
                case ':': return punct(Token.Kind.COLON, at);
                case '"': return string(at);
                case '<':
                    include(at);
                    continue;
                default:
                    if (b == '-' || b == '+' || b == '.' || (b >= '0' && b <= '9')) {
                        return fileSyntax ? number(at) : commandNumber(at);
                    }
                    if (isLetter(b)) {
                        return fileSyntax ? word(at) : commandWord(at);
                    }
                    if (!fileSyntax) {
                        throw unexpectedCharacter(at, b);
                    }
                    throw new JsonException(at, "invalid " + describeByte(b));
            }
        }
    }

    int firstByte() {
        return firstByte;
    }

    private Token punct(Token.Kind kind, Position at) {
        src.index++;
        src.col++;
        return Token.of(kind, at);
    }

    private void skipBlanksAndComments() throws JsonException {
        Source s = src;
        byte[] d = s.data;
        while (s.index < d.length) {
            byte b = d[s.index];
            if (b == ' ' || b == '\t' || b == '\r') {
                s.index++;
                s.col++;
            } else if (b == '\n') {
                s.index++;
                s.line++;
                s.col = 1;
            } else if (b == '#' || (b == '/' && peek(s, 1) == '/')) {
                while (s.index < d.length && d[s.index] != '\n') {
                    s.index++;
                    s.col++;
                }
            } else if (b == '/' && peek(s, 1) == '*') {
                skipBlockComment(s);
            } else {
                return;
            }
        }
    }

    private static void skipBlockComment(Source s) throws JsonException {
        Position opened = s.position();
        byte[] d = s.data;
        s.index += 2;
        s.col += 2;
        while (s.index < d.length) {
            byte b = d[s.index];
            if (b == '*' && peek(s, 1) == '/') {
                s.index += 2;
                s.col += 2;
                return;
            }
            s.index++;
            if (b == '\n') {
                s.line++;
                s.col = 1;
            } else {
                s.col++;
            }
        }
        // Kea: "Comment not closed. (/* in line N"; we name the full position of the opener.
        throw new JsonException(opened, "comment not closed: this /* has no matching */");
    }

    private static int peek(Source s, int ahead) {
        int i = s.index + ahead;
        return i < s.data.length ? s.data[i] & 0xff : -1;
    }

    private Token string(Position at) throws JsonException {
        String value = strings.decode(src, at);
        return new Token(Token.Kind.STRING, at, value, 0, 0);
    }

    /**
     * Kea's flex number forms: integers {@code -?[0-9]+} and reals
     * {@code [-+]?[0-9]*\.?[0-9]*([eE][-+]?[0-9]+)?}, so {@code .5}, {@code 5.} and {@code 007} are
     * accepted (Kea's example configs write {@code "t1-percent": .5}). A leading {@code +} on a
     * whole number gives an integer, as Kea's command parser reads it.
     */
    private Token number(Position at) throws JsonException {
        Source s = src;
        byte[] d = s.data;
        int start = s.index;
        int i = start;
        boolean negative = d[i] == '-';
        if (d[i] == '-' || d[i] == '+') {
            i++;
        }
        int digitsStart = i;
        while (i < d.length && isDigit(d[i])) {
            i++;
        }
        int intEnd = i;
        boolean real = false;
        int mantissaDigits = intEnd - digitsStart;
        if (i < d.length && d[i] == '.') {
            real = true;
            i++;
            int fracStart = i;
            while (i < d.length && isDigit(d[i])) {
                i++;
            }
            mantissaDigits += i - fracStart;
        }
        if (mantissaDigits == 0) {
            throw new JsonException(at, "invalid number: " + excerpt(d, start, Math.min(i + 1, d.length)));
        }
        if (i < d.length && (d[i] == 'e' || d[i] == 'E')) {
            // Like flex, the exponent belongs to the number only if it is complete.
            int j = i + 1;
            if (j < d.length && (d[j] == '+' || d[j] == '-')) {
                j++;
            }
            int expStart = j;
            while (j < d.length && isDigit(d[j])) {
                j++;
            }
            if (j > expStart) {
                real = true;
                i = j;
            }
        }
        s.col += i - start;
        s.index = i;
        if (real) {
            double v = Double.parseDouble(new String(d, start, i - start, StandardCharsets.ISO_8859_1));
            if (Double.isInfinite(v)) {
                throw new JsonException(at, "real out of range: " + excerpt(d, start, i));
            }
            return new Token(Token.Kind.REAL, at, null, 0, v);
        }
        // Accumulate negatively so Long.MIN_VALUE fits; Kea's int64_t conversion fails rather than wraps.
        long v = 0;
        try {
            for (int k = digitsStart; k < intEnd; k++) {
                v = Math.subtractExact(Math.multiplyExact(v, 10L), d[k] - '0');
            }
            if (!negative) {
                v = Math.negateExact(v);
            }
        } catch (ArithmeticException e) {
            throw new JsonException(at, "integer out of 64-bit range: " + excerpt(d, start, i));
        }
        return new Token(Token.Kind.INTEGER, at, null, v, 0);
    }

    /**
     * Kea's Element::fromJSON on a character that starts no value ("error: unexpected character }"),
     * at the character's column; also used by the parser where a value should start.
     */
    static JsonException unexpectedCharacter(Position at, int b) {
        // a byte that is no printable ASCII keeps ruru's "invalid byte 0x00" (Kea prints it raw)
        return new JsonException(at, b > 0x20 && b < 0x7f ? "error: unexpected character " + (char) b
                : "invalid " + describeByte(b));
    }

    /** One column before {@code at}: where Kea's fromJSON reports a bad word or number. */
    private static Position before(Position at) {
        return new Position(at.file(), at.line(), at.col() - 1);
    }

    /**
     * A number in command text as Kea's Element::fromJSON reads one (kea-dhcp4 2.2 live): every
     * following digit, sign, dot and e, converted whole as an integer or, with a dot or an e, as a
     * double; what does not convert is "Number overflow: 1e" ("01", "1." and ".5" convert).
     */
    private Token commandNumber(Position at) throws JsonException {
        Source s = src;
        byte[] d = s.data;
        int start = s.index;
        int i = start;
        boolean real = false;
        while (i < d.length && (isDigit(d[i]) || d[i] == '+' || d[i] == '-' || d[i] == '.' || d[i] == 'e'
                || d[i] == 'E')) {
            real |= d[i] == '.' || d[i] == 'e' || d[i] == 'E';
            i++;
        }
        String text = new String(d, start, i - start, StandardCharsets.ISO_8859_1);
        Token token;
        try {
            if (real) {
                double v = Double.parseDouble(text);
                if (Double.isInfinite(v)) {
                    throw new NumberFormatException(text);
                }
                token = new Token(Token.Kind.REAL, at, null, 0, v);
            } else {
                token = new Token(Token.Kind.INTEGER, at, null, Long.parseLong(text), 0);
            }
        } catch (NumberFormatException e) {
            throw new JsonException(before(at), "Number overflow: " + text);
        }
        s.col += i - start;
        s.index = i;
        return token;
    }

    /**
     * A word in command text as Kea's Element::fromJSON reads one: a value starting with t or f must
     * be true or false ("Bad boolean value: tru"), one starting with n null ("Bad null value: nope");
     * any other letter starts no value ("error: unexpected character T").
     */
    private Token commandWord(Position at) throws JsonException {
        Source s = src;
        int b = s.data[s.index] & 0xff;
        if (b != 't' && b != 'f' && b != 'n') {
            throw unexpectedCharacter(at, b);
        }
        int start = s.index;
        int i = wordEnd(s, start);
        Token.Kind kind = keyword(new String(s.data, start, i - start, StandardCharsets.ISO_8859_1));
        if (kind == null) {
            throw new JsonException(before(at), (b == 'n' ? "Bad null value: " : "Bad boolean value: ")
                    + new String(s.data, start, i - start, StandardCharsets.ISO_8859_1));
        }
        s.col += i - start;
        s.index = i;
        return Token.of(kind, at);
    }

    private static int wordEnd(Source s, int start) {
        int i = start;
        while (i < s.data.length && isLetter(s.data[i] & 0xff)) {
            i++;
        }
        return i;
    }

    private static Token.Kind keyword(String w) {
        return switch (w) {
            case "true" -> Token.Kind.TRUE;
            case "false" -> Token.Kind.FALSE;
            case "null" -> Token.Kind.NULL;
            default -> null;
        };
    }

    private Token word(Position at) throws JsonException {
        Source s = src;
        int start = s.index;
        int i = wordEnd(s, start);
        String w = new String(s.data, start, i - start, StandardCharsets.ISO_8859_1);
        Token.Kind kind = keyword(w);
        if (kind == null) {
            for (String reserved : new String[] {"true", "false", "null"}) {
                if (reserved.equalsIgnoreCase(w)) {
                    // Kea's own wording for True/False/NULL.
                    throw new JsonException(at, "JSON " + reserved + " reserved keyword is lower case only");
                }
            }
            throw new JsonException(at, "invalid word \"" + excerpt(s.data, start, i) + "\"");
        }
        s.col += i - start;
        s.index = i;
        return Token.of(kind, at);
    }

    /** Reads {@code <?include "path"?>} and pushes the named file. */
    private void include(Position at) throws JsonException {
        Source s = src;
        if (peek(s, 1) != '?') {
            throw new JsonException(at, "invalid character '<'");
        }
        if (!fileSyntax) {
            throw new JsonException(at, "<?include?> is only allowed in configuration files, not in command text");
        }
        advance(s, 2);
        skipDirectiveBlanks(s);
        expectLiteral(s, "include", at);
        skipDirectiveBlanks(s);
        if (peek(s, 0) != '"') {
            throw new JsonException(s.position(), "include directive: expected a quoted file name");
        }
        advance(s, 1);
        int start = s.index;
        while (!s.atEnd() && s.data[s.index] != '"' && s.data[s.index] != '\n') {
            advance(s, 1);
        }
        if (s.atEnd() || s.data[s.index] != '"' || s.index == start) {
            throw new JsonException(at, "include directive: file name not closed or empty");
        }
        String path = new String(s.data, start, s.index - start, StandardCharsets.UTF_8);
        advance(s, 1);
        skipDirectiveBlanks(s);
        expectLiteral(s, "?>", at);
        if (stack.size() >= Json.MAX_INCLUDE_DEPTH) {
            throw new JsonException(at, "too many nested includes (more than " + Json.MAX_INCLUDE_DEPTH
                    + " levels): " + path);
        }
        Source child = Includes.open(path, s.baseDir, at);
        stack.push(s);
        src = child;
    }

    private static void expectLiteral(Source s, String literal, Position directive) throws JsonException {
        for (int k = 0; k < literal.length(); k++) {
            if (peek(s, k) != literal.charAt(k)) {
                throw new JsonException(s.position(), "include directive opened at " + directive
                        + ": expected " + literal);
            }
        }
        advance(s, literal.length());
    }

    private static void skipDirectiveBlanks(Source s) {
        while (!s.atEnd()) {
            byte b = s.data[s.index];
            if (b == '\n') {
                s.index++;
                s.line++;
                s.col = 1;
            } else if (b == ' ' || b == '\t' || b == '\r') {
                advance(s, 1);
            } else {
                return;
            }
        }
    }

    private static void advance(Source s, int n) {
        s.index += n;
        s.col += n;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static boolean isLetter(int b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
    }

    static String describeByte(int b) {
        return b > 0x20 && b < 0x7f ? "character '" + (char) b + "'" : String.format("byte 0x%02x", b);
    }

    private static String excerpt(byte[] d, int from, int to) {
        int end = Math.min(to, from + 40);
        String s = new String(d, from, end - from, StandardCharsets.ISO_8859_1);
        return end < to ? s + "..." : s;
    }
}
