package ruru.wire.v6;

/** The Option Request option (RFC 8415 section 21.7): the option codes a client asks for. */
public final class Oro {

    private Oro() {
    }

    /** The codes requested in {@code options} (the first ORO; its layout was checked at decode). */
    public static int[] requested(Dhcp6Options options) {
        byte[] d = options.firstRaw(Option6Codes.ORO);
        if (d == null) {
            return new int[0];
        }
        int[] codes = new int[d.length / 2];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = ((d[2 * i] & 0xff) << 8) | (d[2 * i + 1] & 0xff);
        }
        return codes;
    }

    public static byte[] encode(int... codes) {
        byte[] out = new byte[codes.length * 2];
        for (int i = 0; i < codes.length; i++) {
            out[2 * i] = (byte) (codes[i] >>> 8);
            out[2 * i + 1] = (byte) codes[i];
        }
        return out;
    }

    public static boolean contains(int[] codes, int code) {
        for (int c : codes) {
            if (c == code) {
                return true;
            }
        }
        return false;
    }
}
