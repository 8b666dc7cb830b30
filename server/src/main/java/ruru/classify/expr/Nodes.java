package ruru.classify.expr;

import java.nio.charset.StandardCharsets;

/**
 * The compiled forms of Kea's tokens: a tree of small evaluators built once per configuration.
 * String nodes return bytes (shared, never modified: a literal or the packet's own option data is
 * returned as it is); boolean nodes return a Java boolean. The nodes themselves are in
 * {@link PacketNodes} (what reads the packet) and {@link FunctionNodes} (Kea's operators).
 */
final class Nodes {

    static final byte[] EMPTY = new byte[0];

    private Nodes() {
    }

    abstract static class Str {
        abstract byte[] eval(PacketView p);

        /** As {@link #eval}, writing Kea 3's trace of each token (none for those Kea does not trace). */
        byte[] traced(PacketView p, EvalTrace t) {
            return eval(p);
        }
    }

    abstract static class Bool {
        abstract boolean test(PacketView p);

        /** As {@link #test}, writing Kea 3's trace of each token evaluated (lazy and / or / ifelse). */
        boolean traced(PacketView p, EvalTrace t) {
            return test(p);
        }
    }

    /** A string node whose value is a 4-byte number (packet fields): compared without building the bytes. */
    interface Numeric {
        long number(PacketView p);
    }

    /** Which data a string node reads: Kea's option representation types. */
    enum Repr { HEX, TEXT }

    static byte[] u32(long v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** What a literal was written as: Kea traces each kind with its own message. */
    enum Literal { STRING, HEX, IP, INTEGER }

    static final class Const extends Str {
        private final byte[] value;
        private final Literal kind;

        Const(byte[] value) {
            this(value, Literal.STRING);
        }

        Const(byte[] value, Literal kind) {
            this.value = value;
            this.kind = kind;
        }

        @Override
        byte[] eval(PacketView p) {
            return value;
        }

        @Override
        byte[] traced(PacketView p, EvalTrace t) {
            switch (kind) {
                case HEX -> t.write(p, EvalMessages.EVAL_DEBUG_HEXSTRING, EvalTrace.hex(value));
                case IP -> t.write(p, EvalMessages.EVAL_DEBUG_IPADDRESS, EvalTrace.hex(value));
                default -> t.write(p, EvalMessages.EVAL_DEBUG_STRING, EvalTrace.quoted(value)); // Kea's integer is a string token
            }
            return value;
        }

        byte[] value() {
            return value;
        }
    }
}
