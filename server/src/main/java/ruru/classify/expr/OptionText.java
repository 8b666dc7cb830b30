package ruru.classify.expr;

import java.nio.charset.StandardCharsets;

/**
 * Kea's {@code Option::toString()}: a string option is its value (trailing NULs dropped, as
 * Kea's OptionString does); any other option is its debug text, {@code type=061, len=007:
 * 01:0a:00:00:00:00:01} (three digits in DHCPv4, five in DHCPv6).
 */
public final class OptionText {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private OptionText() {
    }

    public static byte[] string(byte[] payload) {
        int n = payload.length;
        while (n > 0 && payload[n - 1] == 0) {
            n--;
        }
        return n == payload.length ? payload : java.util.Arrays.copyOf(payload, n);
    }

    public static byte[] debug(Universe u, int code, byte[] payload) {
        StringBuilder b = new StringBuilder(24 + payload.length * 3);
        b.append("type=");
        pad(b, code, u.textWidth());
        b.append(", len=");
        pad(b, payload.length, u.textWidth());
        b.append(": ");
        for (int i = 0; i < payload.length; i++) {
            if (i > 0) {
                b.append(':');
            }
            b.append(HEX[(payload[i] >> 4) & 0xf]).append(HEX[payload[i] & 0xf]);
        }
        return b.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static void pad(StringBuilder b, int v, int width) {
        String s = Integer.toString(v);
        for (int i = s.length(); i < width; i++) {
            b.append('0');
        }
        b.append(s);
    }
}
