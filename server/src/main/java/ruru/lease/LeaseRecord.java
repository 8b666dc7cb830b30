package ruru.lease;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A lease packed into one byte array, the form {@link LeaseTable} keeps in memory (one object per
 * lease instead of a record, its address, hardware address, client id and hostname objects).
 * Layout, for both families: the address (4 or 16 bytes, big-endian, so unsigned byte order is
 * address order), then the common fields (state 1, cltt 8, valid lifetime 4, subnet id 4, pool
 * id 4), then the family's own fixed fields, then variable fields (a length + 1 as a varint, 0 for
 * none, then the bytes): hostname first, then the family's identity keys, then the rest. The
 * encoding is canonical: two leases are equal exactly when their records are.
 */
final class LeaseRecord {

    static final int STATE = 0;
    static final int CLTT = 1;
    static final int VALID = 9;
    static final int SUBNET = 13;
    static final int POOL = 17;
    /** Bytes of the common fields after the address. */
    static final int COMMON = 21;

    private LeaseRecord() {
    }

    static int state(byte[] r, int addressLength) {
        return r[addressLength + STATE];
    }

    static long cltt(byte[] r, int addressLength) {
        return getLong(r, addressLength + CLTT);
    }

    static long validLifetime(byte[] r, int addressLength) {
        return getInt(r, addressLength + VALID) & 0xffffffffL;
    }

    static long subnetId(byte[] r, int addressLength) {
        return getInt(r, addressLength + SUBNET) & 0xffffffffL;
    }

    static long poolId(byte[] r, int addressLength) {
        return getInt(r, addressLength + POOL) & 0xffffffffL;
    }

    /**
     * Where variable field {@code index} lies: {@code (offset << 32) | (length + 1)}, length + 1
     * being 0 for a field that is absent.
     */
    static long field(byte[] r, int fixedLength, int index) {
        int p = fixedLength;
        for (int i = 0;; i++) {
            long f = varint(r, p);
            int v = (int) f;
            p = (int) (f >>> 32);
            if (i == index) {
                return f;
            }
            if (v > 0) {
                p += v - 1;
            }
        }
    }

    /** The varint at {@code p}: {@code (offset after it << 32) | value}. */
    private static long varint(byte[] r, int p) {
        int v = 0;
        int shift = 0;
        int b;
        do {
            b = r[p++];
            v |= (b & 0x7f) << shift;
            shift += 7;
        } while (b < 0);
        return ((long) p << 32) | v;
    }

    /** Whether variable field {@code index} of {@code r} has exactly the bytes of {@code key}. */
    static boolean fieldEquals(byte[] r, int fixedLength, int index, byte[] key) {
        long f = field(r, fixedLength, index);
        int len = (int) f - 1;
        int off = (int) (f >>> 32);
        return len == key.length && Arrays.equals(r, off, off + len, key, 0, key.length);
    }

    /** FNV-1a over {@code len} bytes, with a final mix (addresses and MACs differ in their last bytes). */
    static int hash(byte[] b, int off, int len) {
        int h = 0x811c9dc5;
        for (int i = off; i < off + len; i++) {
            h = (h ^ (b[i] & 0xff)) * 0x01000193;
        }
        return mix(h);
    }

    static int mix(long v) {
        long h = v * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 29) ^ (h >>> 32));
    }

    static int getInt(byte[] b, int p) {
        return (b[p] & 0xff) << 24 | (b[p + 1] & 0xff) << 16 | (b[p + 2] & 0xff) << 8 | (b[p + 3] & 0xff);
    }

    static long getLong(byte[] b, int p) {
        return (long) getInt(b, p) << 32 | (getInt(b, p + 4) & 0xffffffffL);
    }

    /** Builds one record; the family codecs write through it in the layout above. */
    static final class Builder {
        private byte[] b = new byte[128];
        private int n;

        private void room(int more) {
            if (n + more > b.length) {
                b = Arrays.copyOf(b, Math.max(b.length * 2, n + more));
            }
        }

        Builder u8(int v) {
            room(1);
            b[n++] = (byte) v;
            return this;
        }

        Builder i32(long v) {
            room(4);
            b[n++] = (byte) (v >>> 24);
            b[n++] = (byte) (v >>> 16);
            b[n++] = (byte) (v >>> 8);
            b[n++] = (byte) v;
            return this;
        }

        Builder i64(long v) {
            i32(v >>> 32);
            return i32(v);
        }

        /** The common fields, after the address. */
        Builder common(Lease<?> l) {
            return u8(l.state().code()).i64(l.cltt()).i32(l.validLifetime()).i32(l.subnetId()).i32(l.poolId());
        }

        Builder var(byte[] v) {
            int len = v == null ? 0 : v.length + 1;
            room(5 + (v == null ? 0 : v.length));
            while (len >= 0x80) {
                b[n++] = (byte) (len | 0x80);
                len >>>= 7;
            }
            b[n++] = (byte) len;
            if (v != null) {
                System.arraycopy(v, 0, b, n, v.length);
                n += v.length;
            }
            return this;
        }

        Builder var(String s) {
            return var(s == null ? null : s.getBytes(StandardCharsets.UTF_8));
        }

        byte[] build() {
            return Arrays.copyOf(b, n);
        }
    }

    /** Reads one record front to back. */
    static final class Reader {
        private final byte[] b;
        private int p;

        Reader(byte[] b) {
            this.b = b;
        }

        int u8() {
            return b[p++] & 0xff;
        }

        int i32() {
            int v = getInt(b, p);
            p += 4;
            return v;
        }

        long u32() {
            return i32() & 0xffffffffL;
        }

        long i64() {
            long v = getLong(b, p);
            p += 8;
            return v;
        }

        private int len() {
            long f = varint(b, p);
            p = (int) (f >>> 32);
            return (int) f - 1;
        }

        byte[] bytes() {
            int len = len();
            if (len < 0) {
                return null;
            }
            byte[] out = Arrays.copyOfRange(b, p, p + len);
            p += len;
            return out;
        }

        String string() {
            int len = len();
            if (len < 0) {
                return null;
            }
            String s = new String(b, p, len, StandardCharsets.UTF_8);
            p += len;
            return s;
        }
    }
}
