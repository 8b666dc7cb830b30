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
    }

    abstract static class Bool {
        abstract boolean test(PacketView p);
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

    static final class Const extends Str {
        private final byte[] value;

        Const(byte[] value) {
            this.value = value;
        }

        @Override
        byte[] eval(PacketView p) {
            return value;
        }

        byte[] value() {
            return value;
        }
    }
}
