package ruru.json;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Recursive descent over {@link Lexer} tokens. Recursion is bounded by {@link Json#MAX_NESTING},
 * so hostile input cannot exhaust the stack. The grammar is Kea's generic JSON rules
 * ({@code map2}, {@code list_generic}): with file syntax an extra comma after a member or item is
 * tolerated with a warning ({@code not_empty_map COMMA}, {@code not_empty_list COMMA}), which also
 * covers {@code [1,,2]}; a leading comma never is.
 */
final class Parser {

    private static final String EXTRA_COMMA = "Extraneous comma. A piece of configuration may have been omitted.";

    private final Lexer lexer;
    private final boolean fileSyntax;
    private final Consumer<JsonWarning> warnings;
    private Token current;

    Parser(Lexer lexer, boolean fileSyntax, Consumer<JsonWarning> warnings) {
        this.lexer = lexer;
        this.fileSyntax = fileSyntax;
        this.warnings = warnings;
    }

    Element parseDocument() throws JsonException {
        advance();
        if (current.kind() == Token.Kind.END) {
            throw unexpected("a value");
        }
        Element root = value(0);
        if (current.kind() != Token.Kind.END) {
            throw unexpected("end of file");
        }
        return root;
    }

    /**
     * A scalar's position. Command text is read as Kea's Element::fromJSON reads it, which places a
     * scalar one column before its first character (a 0-based column) while maps and lists get
     * the 1-based column of their bracket: {@code "valid-lifetime": "x"} with the quote at column
     * 73 is reported at 72 [OBS kea-dhcp4 2.2 config-test]. Configuration files keep bison's
     * 1-based columns.
     */
    private Position scalar(Token t) {
        Position p = t.position();
        return fileSyntax || p.col() <= 0 ? p : new Position(p.file(), p.line(), p.col() - 1);
    }

    private void advance() throws JsonException {
        current = lexer.next();
    }

    private Element value(int depth) throws JsonException {
        Token t = current;
        Element e = switch (t.kind()) {
            case LBRACE -> map(depth + 1);
            case LBRACKET -> list(depth + 1);
            case STRING -> new StringElement(t.text(), scalar(t));
            case INTEGER -> new IntElement(t.longValue(), scalar(t));
            case REAL -> new DoubleElement(t.doubleValue(), scalar(t));
            case TRUE -> new BoolElement(true, scalar(t));
            case FALSE -> new BoolElement(false, scalar(t));
            case NULL -> new NullElement(scalar(t));
            default -> throw fileSyntax || t.kind() == Token.Kind.END ? unexpected("a value")
                    : Lexer.unexpectedCharacter(t.position(), lexer.firstByte());
        };
        if (!(e instanceof MapElement) && !(e instanceof ListElement)) {
            advance();
        }
        return e;
    }

    private void checkDepth(int depth, Position at) throws JsonException {
        if (depth > Json.MAX_NESTING) {
            // Kea: "fromJSON elements nested too deeply".
            throw new JsonException(at, "JSON elements nested too deeply (more than " + Json.MAX_NESTING + " levels)");
        }
    }

    private MapElement map(int depth) throws JsonException {
        Position at = current.position();
        checkDepth(depth, at);
        advance();
        Map<String, Element> entries = new LinkedHashMap<>();
        Map<String, Position> keyPositions = new HashMap<>();
        if (current.kind() == Token.Kind.RBRACE) {
            advance();
            return new MapElement(entries, at);
        }
        while (true) {
            if (current.kind() != Token.Kind.STRING) {
                throw keyExpected();
            }
            Token key = current;
            Position previous = keyPositions.putIfAbsent(key.text(), key.position());
            if (previous != null) {
                throw new JsonException(key.position(),
                        "duplicate " + key.text() + " entries in JSON map (previous at " + previous + ")");
            }
            advance();
            if (current.kind() != Token.Kind.COLON) {
                throw fileSyntax ? unexpected("':'") : read("\":\"");
            }
            advance();
            entries.put(key.text(), value(depth));
            if (!separator(Token.Kind.RBRACE, "',' or '}'")) {
                return new MapElement(entries, at, keyPositions);
            }
        }
    }

    private ListElement list(int depth) throws JsonException {
        Position at = current.position();
        checkDepth(depth, at);
        advance();
        List<Element> items = new ArrayList<>();
        if (current.kind() == Token.Kind.RBRACKET) {
            advance();
            return new ListElement(items, at);
        }
        while (true) {
            items.add(value(depth));
            if (!separator(Token.Kind.RBRACKET, "',' or ']'")) {
                return new ListElement(items, at);
            }
        }
    }

    /**
     * After a member or item: consumes the closer (returns false) or a comma (returns true, another
     * member follows). Extra commas before the next member or the closer are tolerated in files.
     */
    private boolean separator(Token.Kind closer, String expected) throws JsonException {
        if (current.kind() == closer) {
            advance();
            return false;
        }
        if (current.kind() != Token.Kind.COMMA) {
            throw fileSyntax ? unexpected(expected) : read(closer == Token.Kind.RBRACE ? "\",}\"" : "\",]\"");
        }
        while (true) {
            Token comma = current;
            advance();
            if (current.kind() != Token.Kind.COMMA && current.kind() != closer) {
                return true;
            }
            if (!fileSyntax) {
                throw closer == Token.Kind.RBRACE ? keyExpected() : unexpected("a value");
            }
            warnings.accept(new JsonWarning(comma.position(), EXTRA_COMMA));
            if (current.kind() == closer) {
                advance();
                return false;
            }
        }
    }

    /**
     * A map member should start here. Command text gets the words of Kea's command parser
     * ({@code String expected in <wire>:0:29}), which scripts match on; files get bison's style.
     */
    private JsonException keyExpected() {
        return fileSyntax ? unexpected("a string (map key)") : new JsonException(current.position(), "String expected");
    }

    /** Kea's Element::fromJSON on a wrong character between elements: {@code '"' read, one of ",}" expected}. */
    private JsonException read(String oneOf) {
        int b = lexer.firstByte();
        if (current.kind() == Token.Kind.END || b < 0) {
            return unexpected(oneOf);
        }
        return new JsonException(current.position(), "'" + (char) b + "' read, one of " + oneOf + " expected");
    }

    private JsonException unexpected(String expected) {
        return new JsonException(current.position(),
                "syntax error, unexpected " + current.describe() + ", expecting " + expected);
    }
}
