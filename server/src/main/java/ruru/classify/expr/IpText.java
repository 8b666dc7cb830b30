package ruru.classify.expr;

/**
 * IP address text as Kea's {@code IOAddress} reads and writes it (inet_pton / inet_ntop): dotted
 * quads without leading zeros, IPv6 with {@code ::} and an optional trailing dotted quad. No
 * name lookups, no scope ids.
 */
final class IpText {

    private IpText() {
    }

    /** 4 or 16 bytes, or null when the text is not an address. */
    static byte[] parse(String s) {
        return s.indexOf(':') >= 0 ? parse6(s) : parse4(s, 0, s.length());
    }

    private static byte[] parse4(String s, int from, int to) {
        byte[] out = new byte[4];
        int part = 0;
        int i = from;
        while (part < 4) {
            int start = i;
            int value = 0;
            while (i < to && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                value = value * 10 + (s.charAt(i) - '0');
                if (value > 255) {
                    return null;
                }
                i++;
            }
            if (i == start || (i - start > 1 && s.charAt(start) == '0')) {
                return null;
            }
            out[part++] = (byte) value;
            if (part < 4) {
                if (i >= to || s.charAt(i) != '.') {
                    return null;
                }
                i++;
            }
        }
        return i == to ? out : null;
    }

    private static byte[] parse6(String s) {
        byte[] out = new byte[16];
        int gap = -1;
        int n = 0;
        int i = 0;
        int len = s.length();
        if (s.startsWith("::")) {
            gap = 0;
            i = 2;
            if (i == len) {
                return out;
            }
        } else if (s.startsWith(":")) {
            return null;
        }
        while (i < len) {
            int start = i;
            int value = 0;
            while (i < len && Character.digit(s.charAt(i), 16) >= 0 && i - start < 5) {
                value = value * 16 + Character.digit(s.charAt(i), 16);
                i++;
            }
            if (i < len && s.charAt(i) == '.') {
                // An embedded IPv4 address ends the text and fills the last four bytes.
                if (n > 12) {
                    return null;
                }
                byte[] v4 = parse4(s, start, len);
                if (v4 == null) {
                    return null;
                }
                System.arraycopy(v4, 0, out, n, 4);
                n += 4;
                i = len;
                break;
            }
            if (i == start || i - start > 4 || n > 14) {
                return null;
            }
            out[n++] = (byte) (value >> 8);
            out[n++] = (byte) value;
            if (i == len) {
                break;
            }
            if (s.charAt(i) != ':') {
                return null;
            }
            i++;
            if (i < len && s.charAt(i) == ':') {
                if (gap >= 0) {
                    return null;
                }
                gap = n;
                i++;
                if (i == len) {
                    break;
                }
            } else if (i == len) {
                return null;
            }
        }
        if (gap < 0) {
            return n == 16 ? out : null;
        }
        if (n == 16) {
            return null;
        }
        int tail = n - gap;
        System.arraycopy(out, gap, out, 16 - tail, tail);
        java.util.Arrays.fill(out, gap, 16 - tail, (byte) 0);
        return out;
    }

    /** inet_ntop's text of 4 or 16 bytes. */
    static String format(byte[] b) {
        if (b.length == 4) {
            return (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + "." + (b[3] & 0xff);
        }
        int[] words = new int[8];
        for (int i = 0; i < 8; i++) {
            words[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        // The longest run of two or more zero words becomes "::" (the first of equal runs).
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (words[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && words[j] == 0) {
                j++;
            }
            if (j - i > bestLen && j - i >= 2) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        boolean mapped = bestStart == 0 && (bestLen == 6 || (bestLen == 5 && words[5] == 0xffff));
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append(i == 0 ? "::" : ":");
                i += bestLen - 1;
                continue;
            }
            if (mapped && i == 6) {
                out.append(b[12] & 0xff).append('.').append(b[13] & 0xff).append('.').append(b[14] & 0xff)
                        .append('.').append(b[15] & 0xff);
                break;
            }
            out.append(Integer.toHexString(words[i]));
            if (i < 7) {
                out.append(':');
            }
        }
        return out.toString();
    }
}
