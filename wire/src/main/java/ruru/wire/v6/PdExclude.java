package ruru.wire.v6;

import ruru.wire.Ipv6Prefix;

/**
 * The Prefix Exclude option's data (RFC 6603 section 4.2): the excluded prefix's length, then the
 * excluded prefix's bits that follow the delegated prefix, in whole bytes with trailing bits zero.
 */
public final class PdExclude {

    private PdExclude() {
    }

    /**
     * @param delegatedLength the delegated prefixes' length (the bits the client already has)
     * @param excluded        the excluded prefix, longer than {@code delegatedLength}
     */
    public static byte[] encode(int delegatedLength, Ipv6Prefix excluded) {
        int excludedLength = excluded.length();
        if (excludedLength <= delegatedLength) {
            throw new IllegalArgumentException("excluded prefix length " + excludedLength
                    + " must exceed the delegated length " + delegatedLength);
        }
        int bits = excludedLength - delegatedLength;
        byte[] addr = excluded.network().toBytes();
        byte[] out = new byte[1 + (bits + 7) / 8];
        out[0] = (byte) excludedLength;
        for (int i = 0; i < bits; i++) {
            int src = delegatedLength + i;
            if ((addr[src / 8] & (0x80 >>> (src % 8))) != 0) {
                out[1 + i / 8] |= (byte) (0x80 >>> (i % 8));
            }
        }
        return out;
    }
}
