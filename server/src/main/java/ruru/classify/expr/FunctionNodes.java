package ruru.classify.expr;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Pattern;

import ruru.classify.expr.Nodes.Bool;
import ruru.classify.expr.Nodes.Str;

/**
 * The nodes of Kea's operators and functions: comparison, logic, membership, substring, split,
 * concatenation, ifelse, hexstring and the conversions to text. 3.0's {@code and}, {@code or} and
 * {@code ifelse} are lazy; {@code sand}, {@code sor} and {@code sifelse} evaluate both sides.
 */
final class FunctionNodes {

    private FunctionNodes() {
    }

    /** Kea's substring: a negative start counts from the end, a negative length looks backwards. */
    static final class Substring extends Str {
        private final Str string;
        private final String startText;
        private final String lengthText;

        Substring(Str string, String startText, String lengthText) {
            this.string = string;
            this.startText = startText;
            this.lengthText = lengthText;
        }

        @Override
        byte[] eval(PacketView p) {
            return cut(string.eval(p));
        }

        @Override
        byte[] traced(PacketView p, EvalTrace t) {
            byte[] s = string.traced(p, t);
            t.write(p, EvalMessages.EVAL_DEBUG_STRING, "'" + startText + "'");
            t.write(p, EvalMessages.EVAL_DEBUG_STRING, "'" + lengthText + "'");
            byte[] out = cut(s);
            if (s.length == 0) {
                t.write(p, EvalMessages.EVAL_DEBUG_SUBSTRING_EMPTY, lengthText, startText, "0x", "0x");
            } else if (out.length == 0 && outOfRange(s.length)) {
                t.write(p, EvalMessages.EVAL_DEBUG_SUBSTRING_RANGE, lengthText, startText, EvalTrace.hex(s), "0x");
            } else {
                t.write(p, EvalMessages.EVAL_DEBUG_SUBSTRING, lengthText, startText, EvalTrace.hex(s), EvalTrace.hex(out));
            }
            return out;
        }

        private boolean outOfRange(int n) {
            int start = integer(startText, "substring");
            return start < -n || start >= n;
        }

        private byte[] cut(byte[] s) {
            if (s.length == 0) {
                return Nodes.EMPTY;
            }
            int start = integer(startText, "substring");
            int length = lengthText.equals("all") ? s.length : integer(lengthText, "substring");
            int n = s.length;
            if (start < -n || start >= n) {
                return Nodes.EMPTY;
            }
            if (start < 0) {
                start = n + start;
            }
            if (length < 0) {
                length = -length;
                if (length <= start) {
                    start -= length;
                } else {
                    length = start;
                    start = 0;
                }
            }
            int end = (int) Math.min((long) start + length, n);
            return start == 0 && end == n ? s : Arrays.copyOfRange(s, start, end);
        }
    }

    /** Kea's ==: pops the right operand, then the left. */
    static boolean traceEqual(Str left, Str right, PacketView p, EvalTrace t) {
        byte[] a = left.traced(p, t);
        byte[] b = right.traced(p, t);
        boolean eq = Arrays.equals(a, b);
        t.write(p, EvalMessages.EVAL_DEBUG_EQUAL, EvalTrace.hex(b), EvalTrace.hex(a), EvalTrace.quoted(eq));
        return eq;
    }

    static int integer(String text, String operator) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new EvalException("the parameter '" + text + "' for " + operator + " must be a valid integer");
        }
    }

    /** Kea's split: fields numbered from 1, empty fields kept; out of range gives ''. */
    static final class Split extends Str {
        private final Str string;
        private final Str delimiters;
        private final String fieldText;

        Split(Str string, Str delimiters, String fieldText) {
            this.string = string;
            this.delimiters = delimiters;
            this.fieldText = fieldText;
        }

        @Override
        byte[] eval(PacketView p) {
            byte[] s = string.eval(p);
            byte[] d = delimiters.eval(p);
            int field = integer(fieldText, "split");
            byte[] out = cut(s, d, field);
            return out == null ? Nodes.EMPTY : out;
        }

        @Override
        byte[] traced(PacketView p, EvalTrace t) {
            byte[] s = string.traced(p, t);
            byte[] d = delimiters.traced(p, t);
            t.write(p, EvalMessages.EVAL_DEBUG_STRING, "'" + fieldText + "'");
            String st = text(s);
            String dt = text(d);
            if (s.length == 0) {
                t.write(p, EvalMessages.EVAL_DEBUG_SPLIT_EMPTY, fieldText, dt, st, "0x");
                return Nodes.EMPTY;
            }
            byte[] out = cut(s, d, integer(fieldText, "split"));
            if (d.length == 0) {
                t.write(p, EvalMessages.EVAL_DEBUG_SPLIT_DELIM_EMPTY, fieldText, dt, st, EvalTrace.hex(out));
            } else if (out == null) {
                t.write(p, EvalMessages.EVAL_DEBUG_SPLIT_FIELD_OUT_OF_RANGE, fieldText, dt, st, "0x");
                return Nodes.EMPTY;
            } else {
                t.write(p, EvalMessages.EVAL_DEBUG_SPLIT, fieldText, dt, st, EvalTrace.hex(out));
            }
            return out;
        }

        /** The field, or null when out of range (the string itself without delimiters). */
        private static byte[] cut(byte[] s, byte[] d, int field) {
            if (s.length == 0) {
                return Nodes.EMPTY;
            }
            if (d.length == 0) {
                return s;
            }
            int current = 1;
            int from = 0;
            for (int i = 0; i <= s.length; i++) {
                if (i == s.length || contains(d, s[i])) {
                    if (current == field) {
                        return Arrays.copyOfRange(s, from, i);
                    }
                    current++;
                    from = i + 1;
                }
            }
            return null;
        }

        private static boolean contains(byte[] set, byte b) {
            for (byte x : set) {
                if (x == b) {
                    return true;
                }
            }
            return false;
        }
    }

    static final class Concat extends Str {
        private final Str left;
        private final Str right;

        Concat(Str left, Str right) {
            this.left = left;
            this.right = right;
        }

        @Override
        byte[] eval(PacketView p) {
            return join(left.eval(p), right.eval(p));
        }

        @Override
        byte[] traced(PacketView p, EvalTrace t) {
            byte[] a = left.traced(p, t);
            byte[] b = right.traced(p, t);
            byte[] out = join(a, b);
            t.write(p, EvalMessages.EVAL_DEBUG_CONCAT, EvalTrace.hex(b), EvalTrace.hex(a), EvalTrace.hex(out));
            return out;
        }

        private static byte[] join(byte[] a, byte[] b) {
            if (a.length == 0) {
                return b;
            }
            if (b.length == 0) {
                return a;
            }
            byte[] out = Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, out, a.length, b.length);
            return out;
        }
    }

    /**
     * ifelse: Kea 3 compiles the lazy form to a pop-and-branch-if-false to the else branch
     * ({@code falseTarget}) and, after the then branch, a branch past the else branch
     * ({@code endTarget}), so only the chosen branch is evaluated and traced, with a branch line;
     * sifelse ({@code falseTarget} 0) evaluates both and writes Kea's IFELSE_TRUE/_FALSE.
     */
    static final class IfElse extends Str {
        private final Bool cond;
        private final Str then;
        private final Str otherwise;
        private final int falseTarget;
        private final int endTarget;

        IfElse(Bool cond, Str then, Str otherwise, int falseTarget, int endTarget) {
            this.cond = cond;
            this.then = then;
            this.otherwise = otherwise;
            this.falseTarget = falseTarget;
            this.endTarget = endTarget;
        }

        private boolean strict() {
            return falseTarget == 0;
        }

        @Override
        byte[] eval(PacketView p) {
            boolean c = cond.test(p);
            if (strict()) {
                byte[] a = then.eval(p);
                byte[] b = otherwise.eval(p);
                return c ? a : b;
            }
            return c ? then.eval(p) : otherwise.eval(p);
        }

        @Override
        byte[] traced(PacketView p, EvalTrace t) {
            boolean c = cond.traced(p, t);
            if (!strict()) {
                if (c) {
                    // the condition popped without a line; the then branch, then the jump past the else
                    byte[] a = then.traced(p, t);
                    t.write(p, EvalMessages.EVAL_DEBUG_BRANCH, endTarget);
                    return a;
                }
                t.write(p, EvalMessages.EVAL_DEBUG_POP_AND_BRANCH_FALSE, falseTarget);
                return otherwise.traced(p, t);
            }
            byte[] a = then.traced(p, t);
            byte[] b = otherwise.traced(p, t);
            if (c) {
                t.write(p, EvalMessages.EVAL_DEBUG_IFELSE_TRUE, "'true'", EvalTrace.hex(b), EvalTrace.hex(a));
                return a;
            }
            t.write(p, EvalMessages.EVAL_DEBUG_IFELSE_FALSE, "'false'", EvalTrace.hex(a), EvalTrace.hex(b));
            return b;
        }
    }

    static final class ToHex extends Str {
        private static final char[] DIGITS = "0123456789abcdef".toCharArray();
        private final Str binary;
        private final Str separator;

        ToHex(Str binary, Str separator) {
            this.binary = binary;
            this.separator = separator;
        }

        @Override
        byte[] eval(PacketView p) {
            return hex(binary.eval(p), separator.eval(p));
        }

        @Override
        byte[] traced(PacketView p, EvalTrace t) {
            byte[] b = binary.traced(p, t);
            byte[] sep = separator.traced(p, t);
            byte[] out = hex(b, sep);
            t.write(p, EvalMessages.EVAL_DEBUG_TOHEXSTRING, EvalTrace.hex(b), new String(sep, StandardCharsets.ISO_8859_1),
                    new String(out, StandardCharsets.ISO_8859_1));
            return out;
        }

        private static byte[] hex(byte[] b, byte[] sep) {
            if (b.length == 0) {
                return Nodes.EMPTY;
            }
            byte[] out = new byte[b.length * 2 + (b.length - 1) * sep.length];
            int o = 0;
            for (int i = 0; i < b.length; i++) {
                if (i > 0) {
                    System.arraycopy(sep, 0, out, o, sep.length);
                    o += sep.length;
                }
                out[o++] = (byte) DIGITS[(b[i] >> 4) & 0xf];
                out[o++] = (byte) DIGITS[b[i] & 0xf];
            }
            return out;
        }
    }

    /**
     * A conversion to text (addrtotext, the *totext ones): an empty operand stays empty and
     * untraced, as Kea leaves it on the stack; anything else is converted and traced.
     */
    abstract static class ToText extends Str {
        private final Str operand;

        ToText(Str operand) {
            this.operand = operand;
        }

        abstract byte[] convert(byte[] v);

        abstract EvalMessages message();

        @Override
        byte[] eval(PacketView p) {
            byte[] v = operand.eval(p);
            return v.length == 0 ? Nodes.EMPTY : convert(v);
        }

        @Override
        byte[] traced(PacketView p, EvalTrace t) {
            byte[] v = operand.traced(p, t);
            if (v.length == 0) {
                return Nodes.EMPTY;
            }
            byte[] out = convert(v);
            t.write(p, message(), text(out));
            return out;
        }
    }

    static final class AddrToText extends ToText {
        AddrToText(Str address) {
            super(address);
        }

        @Override
        byte[] convert(byte[] a) {
            if (a.length != 4 && a.length != 16) {
                throw new EvalException("Can not convert to valid address.");
            }
            return Nodes.ascii(IpText.format(a));
        }

        @Override
        EvalMessages message() {
            return EvalMessages.EVAL_DEBUG_IPADDRESSTOTEXT;
        }
    }

    /** int8totext .. uint32totext: exactly 1, 2 or 4 bytes, network order; empty stays empty. */
    static final class IntToText extends ToText {
        private final int size;
        private final boolean signed;

        IntToText(Str value, int size, boolean signed) {
            super(value);
            this.size = size;
            this.signed = signed;
        }

        @Override
        EvalMessages message() {
            return switch (size) {
                case 1 -> signed ? EvalMessages.EVAL_DEBUG_INT8TOTEXT : EvalMessages.EVAL_DEBUG_UINT8TOTEXT;
                case 2 -> signed ? EvalMessages.EVAL_DEBUG_INT16TOTEXT : EvalMessages.EVAL_DEBUG_UINT16TOTEXT;
                default -> signed ? EvalMessages.EVAL_DEBUG_INT32TOTEXT : EvalMessages.EVAL_DEBUG_UINT32TOTEXT;
            };
        }

        @Override
        byte[] convert(byte[] v) {
            if (v.length != size) {
                throw new EvalException("Can not convert to valid " + (signed ? "int" : "uint") + (size * 8) + ".");
            }
            long n = 0;
            for (byte b : v) {
                n = (n << 8) | (b & 0xff);
            }
            if (signed) {
                n = switch (size) {
                    case 1 -> (byte) n;
                    case 2 -> (short) n;
                    default -> (int) n;
                };
            }
            return Nodes.ascii(Long.toString(n));
        }
    }

    static final class Case extends Str {
        private final Str value;
        private final boolean upper;

        Case(Str value, boolean upper) {
            this.value = value;
            this.upper = upper;
        }

        @Override
        byte[] eval(PacketView p) {
            return convert(value.eval(p));
        }

        @Override
        byte[] traced(PacketView p, EvalTrace t) {
            byte[] v = value.traced(p, t);
            byte[] out = convert(v);
            t.write(p, upper ? EvalMessages.EVAL_DEBUG_UCASE : EvalMessages.EVAL_DEBUG_LCASE, "'" + text(v) + "'",
                    "'" + text(out) + "'");
            return out;
        }

        private byte[] convert(byte[] v) {
            byte[] out = null;
            for (int i = 0; i < v.length; i++) {
                byte b = v[i];
                byte c = upper ? (b >= 'a' && b <= 'z' ? (byte) (b - 32) : b)
                        : (b >= 'A' && b <= 'Z' ? (byte) (b + 32) : b);
                if (c != b) {
                    if (out == null) {
                        out = v.clone();
                    }
                    out[i] = c;
                }
            }
            return out == null ? v : out;
        }
    }

    static final class Equal extends Bool {
        private final Str left;
        private final Str right;

        Equal(Str left, Str right) {
            this.left = left;
            this.right = right;
        }

        @Override
        boolean test(PacketView p) {
            return Arrays.equals(left.eval(p), right.eval(p));
        }

        @Override
        boolean traced(PacketView p, EvalTrace t) {
            return FunctionNodes.traceEqual(left, right, p, t);
        }
    }

    static final class Not extends Bool {
        private final Bool operand;

        Not(Bool operand) {
            this.operand = operand;
        }

        @Override
        boolean test(PacketView p) {
            return !operand.test(p);
        }

        @Override
        boolean traced(PacketView p, EvalTrace t) {
            boolean v = operand.traced(p, t);
            t.write(p, EvalMessages.EVAL_DEBUG_NOT, EvalTrace.quoted(v), EvalTrace.quoted(!v));
            return !v;
        }
    }

    /**
     * and / or. Kea 3 compiles the lazy forms to a pop-or-branch after the left operand (to
     * {@code target}): a left operand that decides the result stays as the result and the right one
     * is skipped, with a branch line; otherwise it is popped without a line and the right operand's
     * value is the result. sand / sor ({@code target} 0) evaluate both and write Kea's AND / OR line.
     */
    static final class Logic extends Bool {
        private final Bool left;
        private final Bool right;
        private final boolean and;
        private final int target;

        Logic(Bool left, Bool right, boolean and, int target) {
            this.left = left;
            this.right = right;
            this.and = and;
            this.target = target;
        }

        @Override
        boolean test(PacketView p) {
            boolean a = left.test(p);
            if (target != 0 && a != and) {
                return a;
            }
            boolean b = right.test(p);
            return and ? a && b : a || b;
        }

        @Override
        boolean traced(PacketView p, EvalTrace t) {
            boolean a = left.traced(p, t);
            if (target != 0) {
                if (a != and) {
                    t.write(p, and ? EvalMessages.EVAL_DEBUG_POP_OR_BRANCH_FALSE
                            : EvalMessages.EVAL_DEBUG_POP_OR_BRANCH_TRUE, target);
                    return a;
                }
                return right.traced(p, t);
            }
            boolean b = right.traced(p, t);
            boolean out = and ? a && b : a || b;
            t.write(p, and ? EvalMessages.EVAL_DEBUG_AND : EvalMessages.EVAL_DEBUG_OR, EvalTrace.quoted(b),
                    EvalTrace.quoted(a), EvalTrace.quoted(out));
            return out;
        }
    }

    static final class Member extends Bool {
        private final String name;

        Member(String name) {
            this.name = name;
        }

        @Override
        boolean test(PacketView p) {
            return p.inClass(name);
        }

        @Override
        boolean traced(PacketView p, EvalTrace t) {
            boolean in = p.inClass(name);
            t.write(p, EvalMessages.EVAL_DEBUG_MEMBER, name, EvalTrace.quoted(in));
            return in;
        }
    }

    /**
     * 3.0's match(): the whole value against the pattern; a failing match is no match, written at
     * ERROR as Kea 3's EVAL_DEBUG_MATCH_ERROR (traced or not).
     */
    static final class Match extends Bool {
        private final Pattern pattern;
        private final Str value;
        private final EvalTrace log;

        Match(Pattern pattern, Str value, EvalTrace log) {
            this.pattern = pattern;
            this.value = value;
            this.log = log;
        }

        @Override
        boolean test(PacketView p) {
            return match(value.eval(p)) == Boolean.TRUE;
        }

        @Override
        boolean traced(PacketView p, EvalTrace t) {
            byte[] v = value.traced(p, t);
            Boolean m = match(v);
            if (m == null) {
                return false; // Kea 3 writes the error instead and pushes false
            }
            t.write(p, EvalMessages.EVAL_DEBUG_MATCH, pattern.pattern(), text(v), m);
            return m;
        }

        /** Whether the value matches; null when matching failed (written at ERROR). */
        private Boolean match(byte[] v) {
            try {
                return pattern.matcher(text(v)).matches();
            } catch (RuntimeException | StackOverflowError e) {
                log.error(EvalMessages.EVAL_DEBUG_MATCH_ERROR, pattern.pattern(), text(v), e.toString());
                return null;
            }
        }
    }

    /** A value's bytes as Kea writes a std::string into a log line. */
    static String text(byte[] v) {
        return new String(v, StandardCharsets.ISO_8859_1);
    }
}
