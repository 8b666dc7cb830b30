package ruru.wire;

/** Kea's lenient hex forms for identifiers: colon-, dash-, dot- or space-separated, or plain. */
public final class Hex {

    private Hex() {
    }

    /**
     * Parses hex bytes. Separated groups may have one or two digits ({@code 1:2:a} is {@code 01:02:0a});
     * plain hex must have an even number of digits; an optional {@code 0x} prefix is allowed.
     */
    public static byte[] parseBytes(String text, int maxLength) throws WireFormatException {
        String s = text.trim();
        if (s.startsWith("0x") || s.startsWith("0X")) {
            s = s.substring(2);
        }
        if (s.isEmpty()) {
            throw new WireFormatException("empty hexadecimal value");
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        boolean separated = s.indexOf(':') >= 0 || s.indexOf('-') >= 0 || s.indexOf(' ') >= 0;
        if (separated) {
            for (String group : s.split("[:\\- ]", -1)) {
                if (group.isEmpty() || group.length() > 2) {
                    throw new WireFormatException("'" + text + "' is not a valid hexadecimal string");
                }
                out.write(digits(group, text));
            }
        } else {
            String plain = s.replace(".", "");
            if (plain.length() % 2 != 0) {
                throw new WireFormatException("'" + text + "' has an odd number of hexadecimal digits");
            }
            for (int i = 0; i < plain.length(); i += 2) {
                out.write(digits(plain.substring(i, i + 2), text));
            }
        }
        if (out.size() > maxLength) {
            throw new WireFormatException("'" + text + "' is longer than " + maxLength + " bytes");
        }
        return out.toByteArray();
    }

    private static int digits(String group, String text) throws WireFormatException {
        int v = 0;
        for (int i = 0; i < group.length(); i++) {
            int d = Character.digit(group.charAt(i), 16);
            if (d < 0) {
                throw new WireFormatException("'" + text + "' is not a valid hexadecimal string");
            }
            v = v * 16 + d;
        }
        return v;
    }
}
