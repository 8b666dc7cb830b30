package ruru.classify.expr;

import ruru.classify.expr.Nodes.Bool;
import ruru.classify.expr.Nodes.Numeric;
import ruru.classify.expr.Nodes.Repr;
import ruru.classify.expr.Nodes.Str;

/**
 * The nodes that read the packet: options and sub-options, relay and vendor data, header fields.
 */
final class PacketNodes {

    private PacketNodes() {
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
                return Nodes.EMPTY;
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

        @Override
        byte[] traced(PacketView p, EvalTrace t) {
            if (where == Where.VENDOR && !vendorTraced(p, t, enterprise, false, false)) {
                return Nodes.EMPTY;
            }
            byte[] v = eval(p);
            String shown = repr == Repr.HEX ? EvalTrace.hex(v) : EvalTrace.quoted(v);
            if (where == Where.SUB) {
                if (p.option(code) == null) {
                    t.write(p, EvalMessages.EVAL_DEBUG_SUB_OPTION_NO_OPTION, code, sub, shown);
                } else {
                    t.write(p, EvalMessages.EVAL_DEBUG_SUB_OPTION, code, sub, shown);
                }
            } else {
                t.write(p, EvalMessages.EVAL_DEBUG_OPTION, where == Where.TOP ? code : sub, shown);
            }
            return v;
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

    /**
     * Kea 2.2's checks before a vendor or vendor-class token reads its option, traced when they fail
     * (the value pushed then is '' or, for an existence test, false); whether the option is there
     * and matches.
     */
    static boolean vendorTraced(PacketView p, EvalTrace t, long wanted, boolean exists, boolean vendorClass) {
        long found = vendorClass ? p.vendorClassEnterprise() : p.vendorEnterprise();
        String failure = exists ? "false" : "";
        if (found < 0) {
            int code = vendorClass ? (t == EvalTrace.V4 ? 124 : 16) : (t == EvalTrace.V4 ? 125 : 17);
            t.write(p, vendorClass ? EvalMessages.EVAL_DEBUG_VENDOR_CLASS_NO_OPTION : EvalMessages.EVAL_DEBUG_VENDOR_NO_OPTION,
                    code, failure);
            return false;
        }
        if (wanted != 0 && wanted != found) {
            t.write(p, vendorClass ? EvalMessages.EVAL_DEBUG_VENDOR_CLASS_ENTERPRISE_ID_MISMATCH
                    : EvalMessages.EVAL_DEBUG_VENDOR_ENTERPRISE_ID_MISMATCH, wanted, found, failure);
            return false;
        }
        return true;
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
                return Nodes.EMPTY;
            }
            return repr == Repr.HEX ? v : p.text("dhcp6", code, v);
        }

        @Override
        byte[] traced(PacketView p, EvalTrace t) {
            byte[] v = eval(p);
            t.write(p, EvalMessages.EVAL_DEBUG_OPTION, code, repr == Repr.HEX ? EvalTrace.hex(v) : EvalTrace.quoted(v));
            return v;
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
            return v == null ? Nodes.EMPTY : v;
        }

        @Override
        byte[] traced(PacketView p, EvalTrace t) {
            byte[] v = ((PacketView.V6) p).relay6Address(nest, peer);
            String field = peer ? "peeraddr" : "linkaddr";
            if (v == null) {
                t.write(p, EvalMessages.EVAL_DEBUG_RELAY6_RANGE, field, nest, "0x");
                return Nodes.EMPTY;
            }
            t.write(p, EvalMessages.EVAL_DEBUG_RELAY6, field, nest, EvalTrace.hex(v));
            return v;
        }
    }

    static final class Pkt extends Str implements Numeric {
        private final Terminal field;

        Pkt(Terminal field) {
            this.field = field;
        }

        @Override
        byte[] eval(PacketView p) {
            byte[] v = switch (field) {
                case IFACE -> Nodes.ascii(p.iface());
                case SRC -> p.source();
                case DST -> p.destination();
                default -> Nodes.u32(p.length());
            };
            return v == null ? Nodes.EMPTY : v;
        }

        boolean numeric() {
            return field == Terminal.LEN;
        }

        @Override
        byte[] traced(PacketView p, EvalTrace t) {
            byte[] v = eval(p);
            t.write(p, EvalMessages.EVAL_DEBUG_PKT, field.keyword(), field == Terminal.IFACE
                    ? new String(v, java.nio.charset.StandardCharsets.ISO_8859_1) : EvalTrace.hex(v));
            return v;
        }

        @Override
        public long number(PacketView p) {
            return p.length();
        }
    }

    static final class Pkt4 extends Str implements Numeric {
        private final Terminal field;

        Pkt4(Terminal field) {
            this.field = field;
        }

        @Override
        byte[] eval(PacketView p) {
            PacketView.V4 v = (PacketView.V4) p;
            return switch (field) {
                case CHADDR -> v.chaddr();
                case HLEN -> Nodes.u32(v.hlen());
                case HTYPE -> Nodes.u32(v.htype());
                case CIADDR -> v.ciaddr();
                case GIADDR -> v.giaddr();
                case YIADDR -> v.yiaddr();
                case SIADDR -> v.siaddr();
                case MSGTYPE -> Nodes.u32(v.messageType());
                default -> Nodes.u32(v.transactionId());
            };
        }

        @Override
        byte[] traced(PacketView p, EvalTrace t) {
            byte[] v = eval(p);
            t.write(p, EvalMessages.EVAL_DEBUG_PKT4, field == Terminal.CHADDR ? "mac" : field.keyword(), EvalTrace.hex(v));
            return v;
        }

        boolean numeric() {
            return switch (field) {
                case HLEN, HTYPE, MSGTYPE, TRANSID -> true;
                default -> false;
            };
        }

        @Override
        public long number(PacketView p) {
            PacketView.V4 v = (PacketView.V4) p;
            return switch (field) {
                case HLEN -> v.hlen();
                case HTYPE -> v.htype();
                case MSGTYPE -> v.messageType();
                default -> v.transactionId();
            };
        }
    }

    /** {@code pkt4.htype == 1} and the like: a numeric field against a 4-byte constant. */
    static final class NumberEqual extends Bool {
        private final Numeric field;
        private final long value;
        private final Str left;
        private final Str right;

        NumberEqual(Numeric field, long value, Str left, Str right) {
            this.field = field;
            this.value = value;
            this.left = left;
            this.right = right;
        }

        @Override
        boolean traced(PacketView p, EvalTrace t) {
            return FunctionNodes.traceEqual(left, right, p, t);
        }

        @Override
        boolean test(PacketView p) {
            return (field.number(p) & 0xFFFF_FFFFL) == value;
        }

        /** The comparison if one side is a numeric field and the other 4 constant bytes, else null. */
        static Bool of(Str left, Str right) {
            Bool b = one(left, right, left, right);
            return b != null ? b : one(right, left, left, right);
        }

        private static Bool one(Str field, Str constant, Str left, Str right) {
            boolean numeric = (field instanceof Pkt4 p4 && p4.numeric()) || (field instanceof Pkt p && p.numeric());
            if (!numeric || !(constant instanceof Nodes.Const c) || c.value().length != 4) {
                return null;
            }
            byte[] v = c.value();
            return new NumberEqual((Numeric) field, ((v[0] & 0xffL) << 24) | ((v[1] & 0xffL) << 16)
                    | ((v[2] & 0xffL) << 8) | (v[3] & 0xffL), left, right);
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
            return messageType ? Nodes.u32(v.messageType()) : Nodes.u32(v.transactionId());
        }

        @Override
        byte[] traced(PacketView p, EvalTrace t) {
            byte[] v = eval(p);
            t.write(p, EvalMessages.EVAL_DEBUG_PKT6, messageType ? "msgtype" : "transid", EvalTrace.hex(v));
            return v;
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
            return e < 0 ? Nodes.EMPTY : Nodes.u32(e);
        }

        @Override
        byte[] traced(PacketView p, EvalTrace t) {
            if (!vendorTraced(p, t, 0, false, vendorClass)) {
                return Nodes.EMPTY;
            }
            byte[] v = eval(p);
            long e = vendorClass ? p.vendorClassEnterprise() : p.vendorEnterprise();
            t.write(p, vendorClass ? EvalMessages.EVAL_DEBUG_VENDOR_CLASS_ENTERPRISE_ID
                    : EvalMessages.EVAL_DEBUG_VENDOR_ENTERPRISE_ID, e, EvalTrace.digits(v));
            return v;
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
                return Nodes.EMPTY;
            }
            byte[] v = p.vendorClassData(index);
            return v == null ? Nodes.EMPTY : v;
        }

        /** Kea's checks (option there, enterprise), then the chunk or its absence, traced. */
        @Override
        byte[] traced(PacketView p, EvalTrace t) {
            if (!vendorTraced(p, t, enterprise, false, true)) {
                return Nodes.EMPTY;
            }
            int received = p.vendorClassDataCount();
            if (index >= received) {
                t.write(p, EvalMessages.EVAL_DEBUG_VENDOR_CLASS_DATA_NOT_FOUND, index, p.vendorClassEnterprise(),
                        received, "");
                return Nodes.EMPTY;
            }
            byte[] v = p.vendorClassData(index);
            t.write(p, EvalMessages.EVAL_DEBUG_VENDOR_CLASS_DATA, index, received, FunctionNodes.text(v));
            return v;
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

        @Override
        boolean traced(PacketView p, EvalTrace t) {
            if (where == OptionValue.Where.VENDOR && !vendorTraced(p, t, enterprise, true, false)) {
                return false;
            }
            boolean there = test(p);
            String shown = EvalTrace.quoted(there);
            if (where == OptionValue.Where.SUB) {
                t.write(p, p.option(code) == null ? EvalMessages.EVAL_DEBUG_SUB_OPTION_NO_OPTION
                        : EvalMessages.EVAL_DEBUG_SUB_OPTION, code, sub, shown);
            } else {
                t.write(p, EvalMessages.EVAL_DEBUG_OPTION, where == OptionValue.Where.TOP ? code : sub, shown);
            }
            return there;
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

        @Override
        boolean traced(PacketView p, EvalTrace t) {
            boolean there = test(p);
            t.write(p, EvalMessages.EVAL_DEBUG_OPTION, code, EvalTrace.quoted(there));
            return there;
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

        @Override
        boolean traced(PacketView p, EvalTrace t) {
            if (!vendorTraced(p, t, enterprise, true, vendorClass)) {
                return false;
            }
            long found = vendorClass ? p.vendorClassEnterprise() : p.vendorEnterprise();
            t.write(p, vendorClass ? EvalMessages.EVAL_DEBUG_VENDOR_CLASS_EXISTS : EvalMessages.EVAL_DEBUG_VENDOR_EXISTS,
                    found, "true");
            return true;
        }
    }
}
