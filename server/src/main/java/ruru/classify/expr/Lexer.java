package ruru.classify.expr;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kea's expression scanner, rule for rule as its flex scanner behaves: the longest match wins,
 * ties go to the earlier rule (strings, hex strings, integers, option names, IP addresses,
 * keywords, then any other character, which is an error). An option name is a name followed
 * (after blanks) by {@code ]}, so {@code option[host-name]} names an option while {@code known}
 * is an invalid {@code k}. Columns count bytes, as flex does; a tab is one column, a newline
 * starts the next line, and {@code \r} is not a blank.
 *
 * <p>Tokens are produced one at a time as the parser asks, so an error in a reduction that needs
 * no lookahead is reported before a bad character further on, as in Kea.
 */
final class Lexer {

    private static final Pattern ADDR4 = Pattern.compile("[0-9]+\\.[0-9]+\\.[0-9]+\\.[0-9]+");
    private static final Pattern ADDR6 = Pattern.compile("[0-9a-fA-F]*:[0-9a-fA-F]*:[0-9a-fA-F:.]*");
    private static final List<Terminal> KEYWORDS = keywords();

    private final byte[] in;
    private final String text;
    private final boolean with30;
    private int pos;
    private int line = 1;
    private int column = 1;
    private Terminal first;
    private boolean used30;

    /**
     * @param start  the first token Kea's scanner hands out ({@code TOPLEVEL_BOOL} for a class test,
     *               {@code TOPLEVEL_STRING} for a template test)
     * @param with30 whether Kea 3.0's keywords are known
     */
    Lexer(String expression, Terminal start, boolean with30) {
        this.in = expression.getBytes(StandardCharsets.UTF_8);
        // One char per byte, so regions and columns line up with the bytes.
        this.text = new String(in, StandardCharsets.ISO_8859_1);
        this.first = start;
        this.with30 = with30;
    }

    /** Whether a Kea 3.0 keyword (lcase, ucase, match, sand, sor, sifelse) was scanned. */
    boolean used30() {
        return used30;
    }

    Token next() throws ExpressionException {
        if (first != null) {
            Terminal t = first;
            first = null;
            return new Token(t, "", new Location(line, column, line, column));
        }
        while (pos < in.length) {
            byte c = in[pos];
            if (c == ' ' || c == '\t') {
                pos++;
                column++;
            } else if (c == '\n') {
                pos++;
                line++;
                column = 1;
            } else {
                break;
            }
        }
        if (pos >= in.length) {
            return new Token(Terminal.END, "", new Location(line, column, line, column));
        }
        Match m = longest();
        Location at = new Location(line, column, line, column + m.length);
        String lexeme = text.substring(pos, pos + m.length);
        pos += m.consumed;
        column += m.length;
        if (m.terminal == null) {
            throw new ExpressionException(at, "Invalid character: " + utf8(lexeme));
        }
        if (m.terminal.since30()) {
            used30 = true;
        }
        return switch (m.terminal) {
            case STRING -> new Token(Terminal.STRING, utf8(lexeme.substring(1, lexeme.length() - 1)), at);
            case INTEGER -> {
                try {
                    Long.parseLong(lexeme);
                } catch (NumberFormatException e) {
                    throw new ExpressionException(at, "Failed to convert " + lexeme + " to an integer.");
                }
                yield new Token(Terminal.INTEGER, lexeme, at);
            }
            case IP_ADDRESS -> {
                if (IpText.parse(lexeme) == null) {
                    throw new ExpressionException(at, "Failed to convert " + lexeme + " to an IP address.");
                }
                yield new Token(Terminal.IP_ADDRESS, lexeme, at);
            }
            default -> new Token(m.terminal, lexeme, at);
        };
    }

    /** A rule's match: its length in the token's columns and, for option names, what it consumes. */
    private record Match(Terminal terminal, int length, int consumed, int total) {
        static Match of(Terminal t, int length) {
            return new Match(t, length, length, length);
        }
    }

    /** Flex's choice: the longest total match, the earlier rule on a tie. */
    private Match longest() {
        List<Match> candidates = new ArrayList<>(4);
        int s = stringLength();
        if (s > 0) {
            candidates.add(Match.of(Terminal.STRING, s));
        }
        int h = hexLength();
        if (h > 0) {
            candidates.add(Match.of(Terminal.HEXSTRING, h));
        }
        int i = integerLength();
        if (i > 0) {
            candidates.add(Match.of(Terminal.INTEGER, i));
        }
        Match name = optionName();
        if (name != null) {
            candidates.add(name);
        }
        int ip = Math.max(regionLength(ADDR4), regionLength(ADDR6));
        if (ip > 0) {
            candidates.add(Match.of(Terminal.IP_ADDRESS, ip));
        }
        for (Terminal k : KEYWORDS) {
            if ((with30 || !k.since30()) && text.startsWith(k.keyword(), pos)) {
                candidates.add(Match.of(k, k.keyword().length()));
                break;
            }
        }
        Match best = null;
        for (Match c : candidates) {
            if (best == null || c.total > best.total) {
                best = c;
            }
        }
        return best != null ? best : new Match(null, 1, 1, 1);
    }

    private int stringLength() {
        if (in[pos] != '\'') {
            return 0;
        }
        for (int j = pos + 1; j < in.length; j++) {
            if (in[j] == '\'') {
                return j - pos + 1;
            }
            if (in[j] == '\n') {
                return 0;
            }
        }
        return 0;
    }

    private int hexLength() {
        if (pos + 2 >= in.length || in[pos] != '0' || (in[pos + 1] != 'x' && in[pos + 1] != 'X')) {
            return 0;
        }
        int j = pos + 2;
        while (j < in.length && isHex(in[j])) {
            j++;
        }
        return j > pos + 2 ? j - pos : 0;
    }

    private int integerLength() {
        int j = pos;
        if (in[j] == '-') {
            j++;
        }
        int digits = j;
        while (j < in.length && in[j] >= '0' && in[j] <= '9') {
            j++;
        }
        return j > digits ? j - pos : 0;
    }

    /** {@code [A-Za-z]([-_A-Za-z0-9]*[A-Za-z0-9])?} with trailing context {@code ({blank}|\n)*]}. */
    private Match optionName() {
        if (!isLetter(in[pos])) {
            return null;
        }
        int j = pos + 1;
        while (j < in.length && (isLetter(in[j]) || isDigit(in[j]) || in[j] == '-' || in[j] == '_')) {
            j++;
        }
        byte last = in[j - 1];
        if (!isLetter(last) && !isDigit(last)) {
            return null;
        }
        int k = j;
        while (k < in.length && (in[k] == ' ' || in[k] == '\t' || in[k] == '\n')) {
            k++;
        }
        if (k >= in.length || in[k] != ']') {
            return null;
        }
        return new Match(Terminal.OPTION_NAME, j - pos, j - pos, k + 1 - pos);
    }

    private int regionLength(Pattern p) {
        Matcher m = p.matcher(text);
        m.region(pos, text.length());
        return m.lookingAt() ? m.end() - pos : 0;
    }

    private static boolean isHex(byte b) {
        return isDigit(b) || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static boolean isLetter(byte b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
    }

    private static String utf8(String latin1) {
        return new String(latin1.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    /** Keywords longest first, so {@code vendor-class} is tried before {@code vendor}. */
    private static List<Terminal> keywords() {
        List<Terminal> list = new ArrayList<>();
        for (Terminal t : Terminal.values()) {
            if (t.keyword() != null) {
                list.add(t);
            }
        }
        list.sort(Comparator.comparingInt((Terminal t) -> t.keyword().length()).reversed());
        return List.copyOf(list);
    }
}
