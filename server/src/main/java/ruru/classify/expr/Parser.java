package ruru.classify.expr;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import ruru.classify.expr.PacketNodes.OptionValue.Where;

/**
 * Runs Kea's LALR tables over the scanner's tokens and builds the evaluator tree in the
 * reductions, with Kea's semantic checks (option code ranges, option names, defined classes,
 * tokens of the other address family) at the positions Kea reports them.
 *
 * <p>An expression is parsed with Kea 3.0's grammar. When that fails and the expression used
 * nothing of 3.0, it is parsed again with Kea 2.2's tables and that error is reported, so an
 * expression a Kea 2.2 user wrote gets exactly kea-dhcp4 2.2's message (Kea 3.0's grammar has
 * more tokens, which changes some "expecting ..." lists).
 */
final class Parser {

    /** What a successful parse produced. */
    record Result(Object node, Set<String> members) {
    }

    private final ExpressionEnvironment env;
    private final Set<String> members = new LinkedHashSet<>();
    /**
     * Kea 3's branch targets: each mid-rule action ({@code $@1}..{@code $@4}) takes the next number,
     * from 1 for each expression, in the order the parser reduces them (the order of the
     * {@code and} and {@code or} keywords and of ifelse's commas in the text).
     */
    private int label;

    private Parser(ExpressionEnvironment env) {
        this.env = env;
    }

    static Result parse(String text, boolean bool, ExpressionEnvironment env) throws ExpressionException {
        Terminal start = bool ? Terminal.TOPLEVEL_BOOL : Terminal.TOPLEVEL_STRING;
        Lexer lexer = new Lexer(text, start, true);
        try {
            Parser p = new Parser(env);
            Object node = p.run(KeaGrammar.kea30(), lexer);
            return new Result(node, Set.copyOf(p.members));
        } catch (ExpressionException e) {
            if (lexer.used30()) {
                throw e;
            }
            try {
                new Parser(env).run(KeaGrammar.kea22(), new Lexer(text, start, false));
            } catch (ExpressionException old) {
                throw old;
            }
            throw e;
        }
    }

    private record Entry(int state, Object value, Location location) {
    }

    private Object run(LalrTable table, Lexer lexer) throws ExpressionException {
        Grammar grammar = table.grammar();
        List<Entry> stack = new ArrayList<>();
        stack.add(new Entry(0, null, new Location(1, 1, 1, 1)));
        Token look = null;
        while (true) {
            int state = stack.getLast().state();
            if (state == table.acceptState()) {
                return stack.get(1).value();
            }
            int act;
            if (!table.needsLookahead(state)) {
                act = -(table.defaultReduction(state) + 1);
            } else {
                if (look == null) {
                    look = lexer.next();
                }
                act = table.action(state, look.terminal());
                if (act == LalrTable.ERROR) {
                    int d = table.defaultReduction(state);
                    if (d < 0) {
                        throw syntaxError(table, state, look);
                    }
                    act = -(d + 1);
                }
            }
            if (act > 0) {
                stack.add(new Entry(act - 1, look.terminal() == Terminal.STRING || look.terminal() == Terminal.INTEGER
                        || look.terminal() == Terminal.HEXSTRING || look.terminal() == Terminal.OPTION_NAME
                        || look.terminal() == Terminal.IP_ADDRESS ? look.text() : look.terminal(), look.location()));
                look = null;
                continue;
            }
            Grammar.Production p = grammar.productions().get(-act - 1);
            if (p.index() == 0) {
                return stack.get(1).value();
            }
            int n = p.rhs().length;
            List<Entry> rhs = stack.subList(stack.size() - n, stack.size());
            Location at = n == 0 ? Location.after(stack.getLast().location())
                    : Location.span(rhs.getFirst().location(), rhs.getLast().location());
            Object value = reduce(p.action(), new ArrayList<>(rhs));
            for (int i = 0; i < n; i++) {
                stack.removeLast();
            }
            int to = table.gotoState(stack.getLast().state(), p.lhs());
            stack.add(new Entry(to, value, at));
        }
    }

    /** The branch target a mid-rule symbol at {@code i} took (Kea 2.2's rules have none: 1, unused). */
    private static int label(List<Entry> r, int i) {
        return i < r.size() && r.get(i).value() instanceof Integer n ? n : 1;
    }

    private static ExpressionException syntaxError(LalrTable table, int state, Token look) {
        List<Terminal> expected = table.expected(state);
        StringBuilder b = new StringBuilder("syntax error, unexpected ").append(look.terminal().displayName());
        if (expected.size() <= 4) {
            for (int i = 0; i < expected.size(); i++) {
                b.append(i == 0 ? ", expecting " : " or ").append(expected.get(i).displayName());
            }
        }
        return new ExpressionException(look.location(), b.toString());
    }

    // ----- semantic actions -----

    private Object reduce(Action a, List<Entry> r) throws ExpressionException {
        return switch (a) {
            case ACCEPT -> null;
            case MID_RULE -> ++label;
            case PASS_LAST -> r.getLast().value();
            case PASS_SECOND -> r.get(1).value();
            case NOT -> new FunctionNodes.Not(bool(r, 1));
            case AND -> new FunctionNodes.Logic(bool(r, 0), bool(r, r.size() - 1), true, label(r, 2));
            case SAND -> new FunctionNodes.Logic(bool(r, 0), bool(r, 2), true, 0);
            case OR -> new FunctionNodes.Logic(bool(r, 0), bool(r, r.size() - 1), false, label(r, 2));
            case SOR -> new FunctionNodes.Logic(bool(r, 0), bool(r, 2), false, 0);
            case EQUAL -> equal(str(r, 0), str(r, 2));
            case MEMBER -> member(r);
            case MATCH -> match(r);
            case OPTION_EXISTS -> new PacketNodes.OptionExists(Where.TOP, integer(r, 2), 0, 0);
            case SUB_OPTION_EXISTS -> new PacketNodes.OptionExists(Where.SUB, integer(r, 2), integer(r, 7), 0);
            case RELAY4_EXISTS -> {
                v4Only(r, "relay4");
                yield new PacketNodes.OptionExists(Where.RELAY4, 0, integer(r, 2), 0);
            }
            case RELAY6_EXISTS -> {
                v6Only(r, "relay6");
                yield new PacketNodes.Relay6Exists(integer(r, 2), integer(r, 7));
            }
            case VENDOR_CLASS_EXISTS -> new PacketNodes.VendorExists(number(r, 2), true);
            case VENDOR_EXISTS -> new PacketNodes.VendorExists(number(r, 2), false);
            case VENDOR_SUB_EXISTS -> new PacketNodes.OptionExists(Where.VENDOR, 0, integer(r, 7), number(r, 2));
            case STRING -> new Nodes.Const(Nodes.ascii(text(r, 0)));
            case HEXSTRING -> new Nodes.Const(hex(text(r, 0)), Nodes.Literal.HEX);
            case IP_ADDRESS -> new Nodes.Const(IpText.parse(text(r, 0)), Nodes.Literal.IP);
            case INTEGER_EXPR -> new Nodes.Const(Nodes.u32(number(r, 0)), Nodes.Literal.INTEGER);
            case OPTION -> new PacketNodes.OptionValue(Where.TOP, topSpace(), integer(r, 2), 0, 0, repr(r, 5));
            case SUB_OPTION -> new PacketNodes.OptionValue(Where.SUB, topSpace(), integer(r, 2), integer(r, 7), 0,
                    repr(r, 10));
            case RELAY4_OPTION -> {
                v4Only(r, "relay4");
                yield new PacketNodes.OptionValue(Where.RELAY4, topSpace(), 0, integer(r, 2), 0, repr(r, 5));
            }
            case RELAY6_OPTION -> {
                v6Only(r, "relay6");
                yield new PacketNodes.Relay6Option(integer(r, 2), integer(r, 7), repr(r, 10));
            }
            case RELAY6_FIELD -> {
                v6Only(r, "relay6");
                yield new PacketNodes.Relay6Field(integer(r, 2), r.get(5).value() == Terminal.PEERADDR);
            }
            case PKT -> new PacketNodes.Pkt((Terminal) r.get(2).value());
            case PKT4 -> {
                v4Only(r, "pkt4");
                yield new PacketNodes.Pkt4((Terminal) r.get(2).value());
            }
            case PKT6 -> {
                v6Only(r, "pkt6");
                yield new PacketNodes.Pkt6(r.get(2).value() == Terminal.MSGTYPE);
            }
            case SUBSTRING -> new FunctionNodes.Substring(str(r, 2), text(r, 4), text(r, 6));
            case SPLIT -> new FunctionNodes.Split(str(r, 2), str(r, 4), text(r, 6));
            case CONCAT -> r.size() == 3 ? new FunctionNodes.Concat(str(r, 0), str(r, 2))
                    : new FunctionNodes.Concat(str(r, 2), str(r, 4));
            // 3.0's rule has the mid-rule symbols $@3 and $@4 before the branches.
            case IFELSE -> r.size() == 10
                    ? new FunctionNodes.IfElse(bool(r, 2), str(r, 5), str(r, 8), label(r, 4), label(r, 7))
                    : new FunctionNodes.IfElse(bool(r, 2), str(r, 4), str(r, 6), 1, 2);
            case SIFELSE -> new FunctionNodes.IfElse(bool(r, 2), str(r, 4), str(r, 6), 0, 0);
            case TOHEXSTRING -> new FunctionNodes.ToHex(str(r, 2), str(r, 4));
            case ADDRTOTEXT -> new FunctionNodes.AddrToText(str(r, 2));
            case INT8TOTEXT -> new FunctionNodes.IntToText(str(r, 2), 1, true);
            case INT16TOTEXT -> new FunctionNodes.IntToText(str(r, 2), 2, true);
            case INT32TOTEXT -> new FunctionNodes.IntToText(str(r, 2), 4, true);
            case UINT8TOTEXT -> new FunctionNodes.IntToText(str(r, 2), 1, false);
            case UINT16TOTEXT -> new FunctionNodes.IntToText(str(r, 2), 2, false);
            case UINT32TOTEXT -> new FunctionNodes.IntToText(str(r, 2), 4, false);
            case LCASE -> new FunctionNodes.Case(str(r, 2), false);
            case UCASE -> new FunctionNodes.Case(str(r, 2), true);
            case VENDOR_ENTERPRISE -> new PacketNodes.Enterprise(false);
            case VENDOR_CLASS_ENTERPRISE -> new PacketNodes.Enterprise(true);
            case VENDOR_SUB -> new PacketNodes.OptionValue(Where.VENDOR, topSpace(), 0, integer(r, 7), number(r, 2),
                    repr(r, 10));
            case VENDOR_CLASS_DATA -> new PacketNodes.VendorClassData(number(r, 2), 0);
            case VENDOR_CLASS_DATA_INDEX -> new PacketNodes.VendorClassData(number(r, 2),
                    (int) range(text(r, 7), r.get(7).location(), 255));
            case UINT32 -> range(text(r, 0), r.get(0).location(), 0xFFFF_FFFFL);
            case OPTION_CODE, SUB_OPTION_CODE -> optionCode(text(r, 0), r.get(0).location());
            case OPTION_NAME -> optionName(text(r, 0), r.get(0).location());
            case NEST_LEVEL -> nestLevel(text(r, 0), r.get(0).location());
            case ANY_ENTERPRISE -> 0L;
            case TOKEN_TEXT -> r.get(0).value() instanceof Terminal t ? t.keyword() : text(r, 0);
            case TOKEN_TERMINAL -> r.get(0).value();
        };
    }

    private static Nodes.Bool equal(Nodes.Str left, Nodes.Str right) {
        Nodes.Bool numeric = PacketNodes.NumberEqual.of(left, right);
        return numeric != null ? numeric : new FunctionNodes.Equal(left, right);
    }

    private String topSpace() {
        return env.universe() == Universe.V4 ? "dhcp4" : "dhcp6";
    }

    private Object member(List<Entry> r) throws ExpressionException {
        String name = text(r, 2);
        if (!env.classDefined(name)) {
            throw new ExpressionException(r.get(2).location(), "Not defined client class '" + name + "'");
        }
        members.add(name);
        return new FunctionNodes.Member(name);
    }

    private Object match(List<Entry> r) throws ExpressionException {
        try {
            return new FunctionNodes.Match(Pattern.compile(text(r, 2)), str(r, 4), EvalTrace.of(env.universe()));
        } catch (PatternSyntaxException e) {
            throw new ExpressionException(r.get(2).location(), "invalid regular expression '" + text(r, 2)
                    + "': " + e.getDescription());
        }
    }

    private void v4Only(List<Entry> r, String token) throws ExpressionException {
        if (env.universe() != Universe.V4) {
            throw new ExpressionException(r.get(0).location(), token + " can only be used in DHCPv4.");
        }
    }

    private void v6Only(List<Entry> r, String token) throws ExpressionException {
        if (env.universe() != Universe.V6) {
            throw new ExpressionException(r.get(0).location(), token + " can only be used in DHCPv6.");
        }
    }

    /** EvalContext::convertOptionCode. */
    private int optionCode(String text, Location at) throws ExpressionException {
        int n;
        try {
            n = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new ExpressionException(at, "Option code has invalid value in " + text);
        }
        int max = env.universe().maxOptionCode();
        if (n < 0 || n > max) {
            throw new ExpressionException(at, "Option code has invalid value in " + text + ". Allowed range: 0.."
                    + max);
        }
        return n;
    }

    /** EvalContext::convertOptionName: standard, then runtime, then last-resort definitions. */
    private int optionName(String name, Location at) throws ExpressionException {
        OptionalInt code = env.optionCode(name);
        if (code.isEmpty()) {
            throw new ExpressionException(at, "option '" + name + "' is not defined");
        }
        return code.getAsInt();
    }

    /** EvalContext::convertNestLevelNumber; Kea's HOP_COUNT_LIMIT is 32. */
    private int nestLevel(String text, Location at) throws ExpressionException {
        int n;
        try {
            n = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new ExpressionException(at, "Nest level has invalid value in " + text);
        }
        if (env.universe() == Universe.V4) {
            throw new ExpressionException(at, "Nest level invalid for DHCPv4 packets");
        }
        if (n < -32 || n >= 32) {
            throw new ExpressionException(at, "Nest level has invalid value in " + text + ". Allowed range: -32..31");
        }
        return n;
    }

    /** EvalContext::convertUint32 / convertUint8. */
    private static long range(String text, Location at, long max) throws ExpressionException {
        long n;
        try {
            n = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new ExpressionException(at, "Failed to convert " + text + " to an integer.");
        }
        if (n < 0 || n > max) {
            throw new ExpressionException(at, "Invalid value in " + text + ". Allowed range: 0.." + max);
        }
        return n;
    }

    private static byte[] hex(String text) {
        String digits = text.substring(2);
        if (digits.length() % 2 == 1) {
            digits = "0" + digits;
        }
        byte[] out = new byte[digits.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(digits.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    private static Nodes.Bool bool(List<Entry> r, int i) {
        return (Nodes.Bool) r.get(i).value();
    }

    private static Nodes.Str str(List<Entry> r, int i) {
        return (Nodes.Str) r.get(i).value();
    }

    private static String text(List<Entry> r, int i) {
        return (String) r.get(i).value();
    }

    private static int integer(List<Entry> r, int i) {
        return (Integer) r.get(i).value();
    }

    private static long number(List<Entry> r, int i) {
        return (Long) r.get(i).value();
    }

    private static Nodes.Repr repr(List<Entry> r, int i) {
        return r.get(i).value() == Terminal.TEXT ? Nodes.Repr.TEXT : Nodes.Repr.HEX;
    }
}
