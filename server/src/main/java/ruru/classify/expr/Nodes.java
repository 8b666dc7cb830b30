package ruru.classify.expr;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * The compiled forms of Kea's tokens: a tree of small evaluators built once per configuration.
 * String nodes return bytes (shared, never modified: a literal or the packet's own option data is
 * returned as it is); boolean nodes return a Java boolean. 3.0's {@code and}, {@code or} and
 * {@code ifelse} evaluate lazily; {@code sand}, {@code sor} and {@code sifelse} evaluate both sides.
 */
final class Nodes {

    static final byte[] EMPTY = new byte[0];

    private Nodes() {
    }

    abstract static class Str {
        abstract byte[] eval(PacketView p);
    }

    abstract static class Bool {
        abstract boolean test(PacketView p);
    }

    /** Which data a string node reads: Kea's option representation types. */
    enum Repr { HEX, TEXT }

    static byte[] u32(long v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    // ----- string nodes -----

    static final class Const extends Str {
        private final byte[] value;

        Const(byte[] value) {
            this.value = value;
        }

        @Override
        byte[] eval(PacketView p) {
            return value;
        }
    }

    /** option[C].hex / .text, option[C].option[S].hex / .text, relay4[S], vendor[E].option[S]. */
    static final class OptionValue extends Str {
        enum Where { TOP, SUB, RELAY4, VENDOR }

        private final Where where;
        private final String topSpace;
        private final int code;
        private final int sub;
        private final long enterprise;
        private final Repr repr;

        OptionValue(Where where, String topSpace, int code, int sub, long enterprise, Repr repr) {
            this.where = where;
            this.topSpace = topSpace;
            this.code = code;
            this.sub = sub;
            this.enterprise = enterprise;
            this.repr = repr;
        }

        @Override
        byte[] eval(PacketView p) {
            byte[] v = find(where, p, code, sub, enterprise);
            if (v == null) {
                return EMPTY;
            }
            if (repr == Repr.HEX) {
                return v;
            }
            return switch (where) {
                case TOP -> p.text(topSpace, code, v);
                case SUB -> p.text(p.subOptionSpace(code), sub, v);
                case RELAY4 -> p.text("dhcp-agent-options-space", sub, v);
                case VENDOR -> p.text("vendor-" + p.vendorEnterprise(), sub, v);
            };
        }

        static byte[] find(Where where, PacketView p, int code, int sub, long enterprise) {
            return switch (where) {
                case TOP -> p.option(code);
                case SUB -> p.subOption(code, sub);
                case RELAY4 -> ((PacketView.V4) p).relay4(sub);
                case VENDOR -> vendorMatches(p.vendorEnterprise(), enterprise) ? p.vendorOption(sub) : null;
            };
        }
    }

    static boolean vendorMatches(long found, long wanted) {
        return found >= 0 && (wanted == 0 || wanted == found);
    }

    static final class Relay6Option extends Str {
        private final int nest;
        private final int code;
        private final Repr repr;

        Relay6Option(int nest, int code, Repr repr) {
            this.nest = nest;
            this.code = code;
            this.repr = repr;
        }

        @Override
        byte[] eval(PacketView p) {
            byte[] v = ((PacketView.V6) p).relay6Option(nest, code);
            if (v == null) {
                return EMPTY;
            }
            return repr == Repr.HEX ? v : p.text("dhcp6", code, v);
        }
    }

    static final class Relay6Field extends Str {
        private final int nest;
        private final boolean peer;

        Relay6Field(int nest, boolean peer) {
            this.nest = nest;
            this.peer = peer;
        }

        @Override
        byte[] eval(PacketView p) {
            byte[] v = ((PacketView.V6) p).relay6Address(nest, peer);
            return v == null ? EMPTY : v;
        }
    }

    static final class Pkt extends Str {
        private final Terminal field;

        Pkt(Terminal field) {
            this.field = field;
        }

        @Override
        byte[] eval(PacketView p) {
            byte[] v = switch (field) {
                case IFACE -> ascii(p.iface());
                case SRC -> p.source();
                case DST -> p.destination();
                default -> u32(p.length());
            };
            return v == null ? EMPTY : v;
        }
    }

    static final class Pkt4 extends Str {
        private final Terminal field;

        Pkt4(Terminal field) {
            this.field = field;
        }

        @Override
        byte[] eval(PacketView p) {
            PacketView.V4 v = (PacketView.V4) p;
            return switch (field) {
                case CHADDR -> v.chaddr();
                case HLEN -> u32(v.hlen());
                case HTYPE -> u32(v.htype());
                case CIADDR -> v.ciaddr();
                case GIADDR -> v.giaddr();
                case YIADDR -> v.yiaddr();
                case SIADDR -> v.siaddr();
                case MSGTYPE -> u32(v.messageType());
                default -> u32(v.transactionId());
            };
        }
    }

    static final class Pkt6 extends Str {
        private final boolean messageType;

        Pkt6(boolean messageType) {
            this.messageType = messageType;
        }

        @Override
        byte[] eval(PacketView p) {
            PacketView.V6 v = (PacketView.V6) p;
            return messageType ? u32(v.messageType()) : u32(v.transactionId());
        }
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
            byte[] s = string.eval(p);
            if (s.length == 0) {
                return EMPTY;
            }
            int start = integer(startText, "substring");
            int length = lengthText.equals("all") ? s.length : integer(lengthText, "substring");
            int n = s.length;
            if (start < -n || start >= n) {
                return EMPTY;
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
            if (s.length == 0) {
                return EMPTY;
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
            return EMPTY;
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
            byte[] a = left.eval(p);
            byte[] b = right.eval(p);
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

    static final class IfElse extends Str {
        private final Bool cond;
        private final Str then;
        private final Str otherwise;
        private final boolean strict;

        IfElse(Bool cond, Str then, Str otherwise, boolean strict) {
            this.cond = cond;
            this.then = then;
            this.otherwise = otherwise;
            this.strict = strict;
        }

        @Override
        byte[] eval(PacketView p) {
            boolean c = cond.test(p);
            if (strict) {
                byte[] a = then.eval(p);
                byte[] b = otherwise.eval(p);
                return c ? a : b;
            }
            return c ? then.eval(p) : otherwise.eval(p);
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
            byte[] b = binary.eval(p);
            byte[] sep = separator.eval(p);
            if (b.length == 0) {
                return EMPTY;
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

    static final class AddrToText extends Str {
        private final Str address;

        AddrToText(Str address) {
            this.address = address;
        }

        @Override
        byte[] eval(PacketView p) {
            byte[] a = address.eval(p);
            if (a.length == 0) {
                return EMPTY;
            }
            if (a.length != 4 && a.length != 16) {
                throw new EvalException("Can not convert to valid address.");
            }
            return ascii(IpText.format(a));
        }
    }

    /** int8totext .. uint32totext: exactly 1, 2 or 4 bytes, network order; empty stays empty. */
    static final class IntToText extends Str {
        private final Str value;
        private final int size;
        private final boolean signed;

        IntToText(Str value, int size, boolean signed) {
            this.value = value;
            this.size = size;
            this.signed = signed;
        }

        @Override
        byte[] eval(PacketView p) {
            byte[] v = value.eval(p);
            if (v.length == 0) {
                return EMPTY;
            }
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
            return ascii(Long.toString(n));
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
            byte[] v = value.eval(p);
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

    /** vendor.enterprise / vendor-class.enterprise: 4 bytes, or '' without the option. */
    static final class Enterprise extends Str {
        private final boolean vendorClass;

        Enterprise(boolean vendorClass) {
            this.vendorClass = vendorClass;
        }

        @Override
        byte[] eval(PacketView p) {
            long e = vendorClass ? p.vendorClassEnterprise() : p.vendorEnterprise();
            return e < 0 ? EMPTY : u32(e);
        }
    }

    static final class VendorClassData extends Str {
        private final long enterprise;
        private final int index;

        VendorClassData(long enterprise, int index) {
            this.enterprise = enterprise;
            this.index = index;
        }

        @Override
        byte[] eval(PacketView p) {
            if (!vendorMatches(p.vendorClassEnterprise(), enterprise)) {
                return EMPTY;
            }
            byte[] v = p.vendorClassData(index);
            return v == null ? EMPTY : v;
        }
    }

    // ----- boolean nodes -----

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
    }

    static final class Logic extends Bool {
        private final Bool left;
        private final Bool right;
        private final boolean and;
        private final boolean strict;

        Logic(Bool left, Bool right, boolean and, boolean strict) {
            this.left = left;
            this.right = right;
            this.and = and;
            this.strict = strict;
        }

        @Override
        boolean test(PacketView p) {
            boolean a = left.test(p);
            if (!strict && a != and) {
                return a;
            }
            boolean b = right.test(p);
            return and ? a && b : a || b;
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
    }

    static final class OptionExists extends Bool {
        private final OptionValue.Where where;
        private final int code;
        private final int sub;
        private final long enterprise;

        OptionExists(OptionValue.Where where, int code, int sub, long enterprise) {
            this.where = where;
            this.code = code;
            this.sub = sub;
            this.enterprise = enterprise;
        }

        @Override
        boolean test(PacketView p) {
            return OptionValue.find(where, p, code, sub, enterprise) != null;
        }
    }

    static final class Relay6Exists extends Bool {
        private final int nest;
        private final int code;

        Relay6Exists(int nest, int code) {
            this.nest = nest;
            this.code = code;
        }

        @Override
        boolean test(PacketView p) {
            return ((PacketView.V6) p).relay6Option(nest, code) != null;
        }
    }

    static final class VendorExists extends Bool {
        private final long enterprise;
        private final boolean vendorClass;

        VendorExists(long enterprise, boolean vendorClass) {
            this.enterprise = enterprise;
            this.vendorClass = vendorClass;
        }

        @Override
        boolean test(PacketView p) {
            return vendorMatches(vendorClass ? p.vendorClassEnterprise() : p.vendorEnterprise(), enterprise);
        }
    }

    /** 3.0's match(): the whole value against the pattern; a failing match is no match. */
    static final class Match extends Bool {
        private final Pattern pattern;
        private final Str value;

        Match(Pattern pattern, Str value) {
            this.pattern = pattern;
            this.value = value;
        }

        @Override
        boolean test(PacketView p) {
            try {
                return pattern.matcher(new String(value.eval(p), StandardCharsets.ISO_8859_1)).matches();
            } catch (RuntimeException | StackOverflowError e) {
                return false;
            }
        }
    }
}
