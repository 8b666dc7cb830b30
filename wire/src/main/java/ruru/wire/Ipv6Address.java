package ruru.wire;

import java.math.BigInteger;

/**
 * An IPv6 address as two unsigned 64-bit halves: cheap to compare, hash and step through, which
 * pools and lease maps do on every packet. Ordering is unsigned, as the addresses read.
 *
 * <p>Text is RFC 5952 as glibc's {@code inet_ntop} writes it (Kea prints addresses that way, in
 * lease files and answers): lower case, the longest run of two or more zero groups folded to
 * {@code ::} (the first of equal runs), and the last 32 bits as a dotted quad for IPv4-mapped
 * ({@code ::ffff:a.b.c.d}) and IPv4-compatible ({@code ::a.b.c.d}) forms.
 */
public record Ipv6Address(long hi, long lo) implements Comparable<Ipv6Address> {

    public static final Ipv6Address ANY = new Ipv6Address(0, 0);
    /** ff02::1:2, All_DHCP_Relay_Agents_and_Servers (RFC 8415 section 7.1). */
    public static final Ipv6Address ALL_DHCP_RELAY_AGENTS_AND_SERVERS = new Ipv6Address(0xff02L << 48, 0x10002L);


    /**
     * Parses RFC 4291 text strictly, as {@code inet_pton(AF_INET6)}: hex groups, one {@code ::}, an
     * optional trailing dotted quad. No zone ({@code %eth0}), brackets or prefix length.
     */
    public static Ipv6Address parse(String text) throws WireFormatException {
        int n = text.length();
        if (n < 2 || n > 45) {
            throw invalid(text);
        }
        int[] groups = new int[8];
        int count = 0;
        int gap = -1;
        int i = 0;
        if (text.startsWith("::")) {
            gap = 0;
            i = 2;
            if (i == n) {
                return ANY;
            }
        } else if (text.charAt(0) == ':') {
            throw invalid(text);
        }
        while (i < n) {
            int start = i;
            int v = 0;
            while (i < n && i - start < 5 && hex(text.charAt(i)) >= 0) {
                v = v * 16 + hex(text.charAt(i));
                i++;
            }
            if (i < n && text.charAt(i) == '.') {
                // an embedded IPv4 address takes the last two groups
                if (count > 6) {
                    throw invalid(text);
                }
                Ipv4Address v4 = Ipv4Address.parse(text.substring(start));
                groups[count++] = v4.bits() >>> 16;
                groups[count++] = v4.bits() & 0xffff;
                i = n;
                break;
            }
            if (i == start || i - start > 4 || count == 8) {
                throw invalid(text);
            }
            groups[count++] = v;
            if (i == n) {
                break;
            }
            if (text.charAt(i) != ':') {
                throw invalid(text);
            }
            i++;
            if (i < n && text.charAt(i) == ':') {
                if (gap >= 0) {
                    throw invalid(text);
                }
                gap = count;
                i++;
                if (i == n) {
                    break;
                }
            } else if (i == n) {
                throw invalid(text);
            }
        }
        if (gap < 0 ? count != 8 : count > 7) {
            throw invalid(text);
        }
        int[] full = new int[8];
        if (gap < 0) {
            full = groups;
        } else {
            int tail = count - gap;
            System.arraycopy(groups, 0, full, 0, gap);
            System.arraycopy(groups, gap, full, 8 - tail, tail);
        }
        long hi = 0;
        long lo = 0;
        for (int g = 0; g < 4; g++) {
            hi = (hi << 16) | full[g];
            lo = (lo << 16) | full[g + 4];
        }
        return new Ipv6Address(hi, lo);
    }

    /** ASCII hex digits only: Character.digit would take other scripts' digits too. */
    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }

    private static WireFormatException invalid(String text) {
        return new WireFormatException("'" + text + "' is not a valid IPv6 address");
    }

    /** 16 bytes in network order at {@code offset}. */
    public static Ipv6Address of(byte[] b, int offset) {
        return new Ipv6Address(readLong(b, offset), readLong(b, offset + 8));
    }

    public static Ipv6Address of(byte[] b) {
        if (b.length != 16) {
            throw new IllegalArgumentException("an IPv6 address has 16 bytes, got " + b.length);
        }
        return of(b, 0);
    }

    private static long readLong(byte[] b, int p) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[p + i] & 0xff);
        }
        return v;
    }

    public byte[] toBytes() {
        byte[] out = new byte[16];
        write(out, 0);
        return out;
    }

    public void write(byte[] out, int offset) {
        for (int i = 0; i < 8; i++) {
            out[offset + i] = (byte) (hi >>> (56 - 8 * i));
            out[offset + 8 + i] = (byte) (lo >>> (56 - 8 * i));
        }
    }

    public boolean isUnspecified() {
        return hi == 0 && lo == 0;
    }

    /** fe80::/10. */
    public boolean isLinkLocal() {
        return (hi >>> 54) == 0x3fa;
    }

    /** ff00::/8. */
    public boolean isMulticast() {
        return (hi >>> 56) == 0xff;
    }

    /** This address plus {@code n}; the caller stays inside the address space (wraps past all-ones). */
    public Ipv6Address plus(long n) {
        long sum = lo + n;
        long carry = Long.compareUnsigned(sum, lo) < 0 ? 1 : 0;
        return new Ipv6Address(hi + carry, sum);
    }

    /** The address as an unsigned 128-bit number. */
    public BigInteger toBigInteger() {
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (hi >>> (56 - 8 * i));
            b[8 + i] = (byte) (lo >>> (56 - 8 * i));
        }
        return new BigInteger(1, b);
    }

    public static Ipv6Address ofBigInteger(BigInteger v) {
        if (v.signum() < 0 || v.bitLength() > 128) {
            throw new IllegalArgumentException("not a 128-bit unsigned value: " + v);
        }
        return new Ipv6Address(v.shiftRight(64).longValue(), v.longValue());
    }

    /** The first {@code length} bits kept, the rest zero. */
    public Ipv6Address masked(int length) {
        return new Ipv6Address(hi & mask(length), lo & mask(length - 64));
    }

    /** The first {@code length} bits kept, the rest one: the last address of the prefix. */
    public Ipv6Address lastOf(int length) {
        return new Ipv6Address(hi | ~mask(length), lo | ~mask(length - 64));
    }

    /** A 64-bit mask with the first {@code bits} bits set (0 for bits <= 0, all for bits >= 64). */
    static long mask(int bits) {
        if (bits <= 0) {
            return 0;
        }
        return bits >= 64 ? -1L : -1L << (64 - bits);
    }

    @Override
    public int compareTo(Ipv6Address o) {
        int c = Long.compareUnsigned(hi, o.hi);
        return c != 0 ? c : Long.compareUnsigned(lo, o.lo);
    }

    @Override
    public String toString() {
        int[] g = new int[8];
        for (int i = 0; i < 4; i++) {
            g[i] = (int) (hi >>> (48 - 16 * i)) & 0xffff;
            g[i + 4] = (int) (lo >>> (48 - 16 * i)) & 0xffff;
        }
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        if (bestLen < 2) {
            bestStart = -1;
        }
        StringBuilder sb = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append(i == 0 ? "::" : ":");
                i += bestLen - 1;
                continue;
            }
            // glibc: an IPv4-compatible or IPv4-mapped address ends in a dotted quad
            if (i == 6 && bestStart == 0 && (bestLen == 6 || (bestLen == 5 && g[5] == 0xffff))) {
                sb.append(g[6] >>> 8).append('.').append(g[6] & 0xff).append('.')
                        .append(g[7] >>> 8).append('.').append(g[7] & 0xff);
                break;
            }
            sb.append(Integer.toHexString(g[i]));
            if (i < 7) {
                sb.append(':');
            }
        }
        return sb.toString();
    }
}
