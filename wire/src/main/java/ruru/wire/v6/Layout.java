package ruru.wire.v6;

import ruru.wire.WireFormatException;

/**
 * The layout rules of the options a DHCPv6 server interprets, checked when a message is decoded so
 * that a malformed one is refused whole (a counted parse failure) rather than half-read later:
 * IA_NA, IA_TA, IA_PD with their IAADDR, IAPREFIX and status code options, the Option Request
 * option (pairs of bytes), Elapsed Time (two bytes), Rapid Commit (empty), the vendor options
 * (an enterprise number first). Other options pass through as bytes.
 */
final class Layout {

    private Layout() {
    }

    static void check(Dhcp6Options options) throws WireFormatException {
        for (Option6 o : options) {
            byte[] d = o.raw();
            switch (o.code()) {
                case Option6Codes.IA_NA -> checkIa(IaType.NA, d);
                case Option6Codes.IA_TA -> checkIa(IaType.TA, d);
                case Option6Codes.IA_PD -> checkIa(IaType.PD, d);
                case Option6Codes.ORO, Option6Codes.ERO -> {
                    if (d.length % 2 != 0) {
                        throw new WireFormatException("option " + o.code() + " has an odd length " + d.length);
                    }
                }
                case Option6Codes.ELAPSED_TIME -> exact(o, 2);
                case Option6Codes.RAPID_COMMIT -> exact(o, 0);
                case Option6Codes.RELAY_SOURCE_PORT -> exact(o, 2);
                case Option6Codes.VENDOR_CLASS, Option6Codes.VENDOR_OPTS -> {
                    if (d.length < 4) {
                        throw new WireFormatException("option " + o.code() + " truncated: no enterprise number");
                    }
                    if (o.code() == Option6Codes.VENDOR_OPTS) {
                        Dhcp6Options.parse(d, 4, d.length - 4);
                    }
                }
                default -> {
                }
            }
        }
    }

    private static void exact(Option6 o, int length) throws WireFormatException {
        if (o.length() != length) {
            throw new WireFormatException("option " + o.code() + " has length " + o.length() + ", must be " + length);
        }
    }

    private static void checkIa(IaType type, byte[] data) throws WireFormatException {
        Ia ia = Ia.parse(type, data);
        for (Option6 inner : ia.options()) {
            switch (inner.code()) {
                case Option6Codes.IAADDR -> {
                    if (type == IaType.PD) {
                        break;
                    }
                    IaAddress.parse(inner.raw());
                }
                case Option6Codes.IAPREFIX -> {
                    if (type != IaType.PD) {
                        break;
                    }
                    IaPrefix.parse(inner.raw());
                }
                case Option6Codes.STATUS_CODE -> StatusCode.parse(inner.raw());
                default -> {
                }
            }
        }
    }

    static long u32(byte[] b, int p) {
        return ((b[p] & 0xffL) << 24) | ((b[p + 1] & 0xffL) << 16) | ((b[p + 2] & 0xffL) << 8) | (b[p + 3] & 0xffL);
    }

    static void u32(byte[] out, int p, long v) {
        out[p] = (byte) (v >>> 24);
        out[p + 1] = (byte) (v >>> 16);
        out[p + 2] = (byte) (v >>> 8);
        out[p + 3] = (byte) v;
    }

    static void requireUint32(long v, String what) {
        if (v < 0 || v > 0xffffffffL) {
            throw new IllegalArgumentException(what + " " + v + " is not a 32-bit unsigned value");
        }
    }
}
