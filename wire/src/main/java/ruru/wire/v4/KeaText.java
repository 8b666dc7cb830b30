package ruru.wire.v4;

import java.util.ArrayList;
import java.util.List;

import ruru.wire.WireFormatException;

/** Kea's small text rules for option data: comma tokens with backslash escapes, trimming, integers, hex. */
final class KeaText {

    private KeaText() {
    }

    /**
     * Kea's str::tokens(text, delims, escape=true): runs of delimiters collapse, empty tokens are dropped,
     * "\," keeps a comma, "\\" keeps one backslash, any other escaped character keeps the backslash.
     */
    static List<String> tokens(String text, String delims) {
        List<String> result = new ArrayList<>();
        StringBuilder token = new StringBuilder();
        boolean inToken = false;
        boolean escaped = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (delims.indexOf(c) >= 0) {
                if (!inToken) {
                    continue;
                }
                if (escaped) {
                    escaped = false;
                    token.append(c);
                } else {
                    if (!token.isEmpty()) {
                        result.add(token.toString());
                    }
                    inToken = false;
                    token.setLength(0);
                }
            } else if (c == '\\') {
                inToken = true;
                if (escaped) {
                    escaped = false;
                    token.append(c);
                } else {
                    escaped = true;
                }
            } else {
                inToken = true;
                if (escaped) {
                    escaped = false;
                    token.append('\\');
                }
                token.append(c);
            }
        }
        if (escaped) {
            token.append('\\');
        }
        if (!token.isEmpty()) {
            result.add(token.toString());
        }
        return result;
    }

    /** Kea's str::trim: blanks are space, tab and newline. */
    static String trim(String s) {
        int a = 0;
        int b = s.length();
        while (a < b && isBlank(s.charAt(a))) {
            a++;
        }
        while (b > a && isBlank(s.charAt(b - 1))) {
            b--;
        }
        return s.substring(a, b);
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\n';
    }

    /** Escapes what {@link #tokens} would split or eat, so a value survives the trip back. */
    static String escape(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length() + 4);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ',' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /**
     * Kea's lexicalCastWithRangeCheck: decimal first, then hexadecimal with or without "0x" (so "ff"
     * is 255), then the range check with Kea's message.
     */
    static long integer(String text, long min, long max) throws WireFormatException {
        Long v = decimal(text);
        if (v == null) {
            v = hex(text);
        }
        if (v == null) {
            throw new WireFormatException("unable to convert the value '" + text + "' to integer data type");
        }
        if (v < min || v > max) {
            throw new WireFormatException("unable to convert '" + text + "' to numeric type. This value is expected"
                    + " to be in the range of " + min + ".." + max);
        }
        return v;
    }

    private static Long decimal(String s) {
        int i = 0;
        boolean negative = false;
        if (i < s.length() && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        if (i == s.length()) {
            return null;
        }
        long v = 0;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9' || v > (Long.MAX_VALUE - 9) / 10) {
                return null;
            }
            v = v * 10 + (c - '0');
        }
        return negative ? -v : v;
    }

    private static Long hex(String s) {
        int i = 0;
        if (s.length() > 2 && s.charAt(0) == '0' && (s.charAt(1) == 'x' || s.charAt(1) == 'X')) {
            i = 2;
        }
        if (i == s.length() || s.length() - i > 15) {
            return null;
        }
        long v = 0;
        for (; i < s.length(); i++) {
            int d = Character.digit(s.charAt(i), 16);
            if (d < 0) {
                return null;
            }
            v = v * 16 + d;
        }
        return v;
    }

    /**
     * Kea's decodeFormattedHexString (the "csv-format": false rule): octets separated by colons, or by
     * single spaces, of one or two digits each; otherwise plain digits with an optional "0x" prefix,
     * a leading 0 added when the count is odd.
     */
    static byte[] formattedHex(String text) throws WireFormatException {
        if (text.indexOf(':') >= 0) {
            return separatedHex(text, ':');
        }
        if (text.indexOf(' ') >= 0) {
            return separatedHex(text, ' ');
        }
        String digits = text.length() > 2 && text.startsWith("0x") ? text.substring(2) : text;
        if (text.length() % 2 != 0) {
            digits = "0" + digits;
        }
        if (digits.length() % 2 != 0) {
            throw new WireFormatException("'" + text + "' is not a valid string of hexadecimal digits");
        }
        byte[] out = new byte[digits.length() / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = Character.digit(digits.charAt(2 * i), 16);
            int lo = Character.digit(digits.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0) {
                throw new WireFormatException("'" + text + "' is not a valid string of hexadecimal digits");
            }
            out[i] = (byte) (hi * 16 + lo);
        }
        return out;
    }

    private static byte[] separatedHex(String text, char sep) throws WireFormatException {
        String[] parts = text.split(java.util.regex.Pattern.quote(String.valueOf(sep)), -1);
        byte[] out = new byte[parts.length];
        int n = 0;
        for (String p : parts) {
            if (p.isEmpty()) {
                if (parts.length > 1) {
                    throw new WireFormatException("two consecutive separators ('" + sep
                            + "') specified in a decoded string '" + text + "'");
                }
                continue;
            }
            if (p.length() > 2) {
                throw new WireFormatException("invalid format of the decoded string '" + text + "'");
            }
            int v = 0;
            for (int i = 0; i < p.length(); i++) {
                int d = Character.digit(p.charAt(i), 16);
                if (d < 0) {
                    throw new WireFormatException("'" + p.charAt(i) + "' is not a valid hexadecimal digit in decoded"
                            + " string '" + text + "'");
                }
                v = v * 16 + d;
            }
            out[n++] = (byte) v;
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /** A binary field in CSV data: hex digits, whitespace ignored, colons allowed between octets. */
    static byte[] binaryField(String text) throws WireFormatException {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c)) {
                sb.append(c);
            }
        }
        String s = sb.toString();
        try {
            if (s.indexOf(':') >= 0) {
                return separatedHex(s, ':');
            }
            if (s.startsWith("0x") || s.startsWith("0X")) {
                s = s.substring(2);
            }
            if (s.length() % 2 != 0) {
                throw new WireFormatException("odd number of digits");
            }
            return formattedHex(s);
        } catch (WireFormatException e) {
            throw new WireFormatException("unable to cast " + text + " to binary data type: " + e.getMessage());
        }
    }
}
