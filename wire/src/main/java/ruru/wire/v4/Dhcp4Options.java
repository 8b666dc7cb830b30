package ruru.wire.v4;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.nio.charset.StandardCharsets;

import ruru.wire.Ipv4Address;
import ruru.wire.WireFormatException;

/**
 * An ordered set of DHCPv4 options, code to raw bytes. Options are kept as bytes (as in
 * insomniacslk/dhcp) so options nobody here understands survive a decode and encode unchanged;
 * typed accessors read the bytes on demand. A code appears once: RFC 3396 makes repeated
 * instances one option with the concatenated data, and the encoder splits long data again.
 * Immutable; a packet has few options, so lookups are a linear scan of a small array.
 */
public final class Dhcp4Options {

    private static final Dhcp4Options EMPTY = new Dhcp4Options(new int[0], new byte[0][], 0);

    private final int[] codes;
    private final byte[][] values;
    private final int count;

    private Dhcp4Options(int[] codes, byte[][] values, int count) {
        this.codes = codes;
        this.values = values;
        this.count = count;
    }

    public static Dhcp4Options empty() {
        return EMPTY;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.codes = Arrays.copyOf(codes, Math.max(8, count));
        b.values = Arrays.copyOf(values, Math.max(8, count));
        b.count = count;
        return b;
    }

    /**
     * Parses a sequence of options (code, length, data; pad 0 skipped; stops at end 255) such as the
     * payload of option 82 or 43. Repeated codes are joined (RFC 3396). A missing end is fine (a
     * sub-option block has none); a length running past the data is not.
     */
    public static Dhcp4Options parse(byte[] data, int offset, int length) throws WireFormatException {
        OptionScanner scanner = new OptionScanner(data);
        scanner.scan(offset, offset + length, "sub-option");
        return scanner.build();
    }

    public static Dhcp4Options parse(byte[] data) throws WireFormatException {
        return parse(data, 0, data.length);
    }

    /**
     * A sub-option block (option 82's payload, say) as Kea sends it back after reading it: Kea's
     * LibDHCP::unpackOptions4 outside the dhcp4 space reads codes 0 and 255 as ordinary sub-options
     * (no pad, no end), stops quietly at a sub-option without its length byte or running past the
     * block, joins the instances of one code (RFC 3396) and writes the sub-options ordered by code
     * (long ones split again). kea-dhcp4 2.2 echoes option 82 in this form (observed).
     */
    public static byte[] repackSubOptions(byte[] block) {
        int end = readableEnd(block);
        int[] lengths = new int[256];
        boolean[] seen = new boolean[256];
        for (int p = 0; p < end; p += 2 + (block[p + 1] & 0xff)) {
            seen[block[p] & 0xff] = true;
            lengths[block[p] & 0xff] += block[p + 1] & 0xff;
        }
        int size = 0;
        for (int code = 0; code < 256; code++) {
            if (seen[code]) {
                size += wireSize(lengths[code]);
            }
        }
        byte[] out = new byte[size];
        int o = 0;
        for (int code = 0; code < 256; code++) {
            if (seen[code]) {
                o = writeOption(out, o, code, joined(block, end, code, lengths[code]));
            }
        }
        return out;
    }

    /**
     * One sub-option of a block read as {@link #repackSubOptions} reads it (its instances joined),
     * or null when absent: what Kea's getOption on option 82 gives (link-selection sent in two
     * pieces selects a subnet, kea-dhcp4 2.2 observed).
     */
    public static byte[] subOption(byte[] block, int code) {
        if (block == null) {
            return null;
        }
        int end = readableEnd(block);
        int total = -1;
        for (int p = 0; p < end; p += 2 + (block[p + 1] & 0xff)) {
            if ((block[p] & 0xff) == code) {
                total = Math.max(total, 0) + (block[p + 1] & 0xff);
            }
        }
        return total < 0 ? null : joined(block, end, code, total);
    }

    /** Where Kea stops reading a sub-option block: at its end or at a sub-option that does not fit. */
    private static int readableEnd(byte[] block) {
        int end = 0;
        while (end + 1 < block.length && end + 2 + (block[end + 1] & 0xff) <= block.length) {
            end += 2 + (block[end + 1] & 0xff);
        }
        return end;
    }

    private static byte[] joined(byte[] block, int end, int code, int total) {
        byte[] data = new byte[total];
        int d = 0;
        for (int p = 0; p < end; p += 2 + (block[p + 1] & 0xff)) {
            if ((block[p] & 0xff) == code) {
                System.arraycopy(block, p + 2, data, d, block[p + 1] & 0xff);
                d += block[p + 1] & 0xff;
            }
        }
        return data;
    }

    /** The options in wire form (code, length, data ..., long values split per RFC 3396), no end option. */
    public byte[] toBytes() {
        int size = 0;
        for (int i = 0; i < count; i++) {
            size += wireSize(values[i].length);
        }
        byte[] out = new byte[size];
        int pos = 0;
        for (int i = 0; i < count; i++) {
            pos = writeOption(out, pos, codes[i], values[i]);
        }
        return out;
    }

    static int wireSize(int dataLength) {
        if (dataLength == 0) {
            return 2;
        }
        return dataLength + 2 * ((dataLength + 254) / 255);
    }

    /** Writes one option, split into 255-byte instances when longer (RFC 3396 section 5). */
    static int writeOption(byte[] out, int pos, int code, byte[] value) {
        int left = value.length;
        int from = 0;
        do {
            int chunk = Math.min(255, left);
            out[pos++] = (byte) code;
            out[pos++] = (byte) chunk;
            System.arraycopy(value, from, out, pos, chunk);
            pos += chunk;
            from += chunk;
            left -= chunk;
        } while (left > 0);
        return pos;
    }

    public int size() {
        return count;
    }

    public boolean isEmpty() {
        return count == 0;
    }

    private int indexOf(int code) {
        for (int i = 0; i < count; i++) {
            if (codes[i] == code) {
                return i;
            }
        }
        return -1;
    }

    public boolean has(int code) {
        return indexOf(code) >= 0;
    }

    /** A copy of the option's data. */
    public Optional<byte[]> get(int code) {
        int i = indexOf(code);
        return i < 0 ? Optional.empty() : Optional.of(values[i].clone());
    }

    /**
     * The option's data without a copy, or null: for read-only evaluators on the packet path
     * (client classification), which must never modify it.
     */
    public byte[] peek(int code) {
        int i = indexOf(code);
        return i < 0 ? null : values[i];
    }

    /** Data length of the option, or -1 when absent. */
    public int length(int code) {
        int i = indexOf(code);
        return i < 0 ? -1 : values[i].length;
    }

    /** Codes in wire order. */
    public List<Integer> codes() {
        List<Integer> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            list.add(codes[i]);
        }
        return Collections.unmodifiableList(list);
    }

    /**
     * The same options with {@code first} (when present) first and the others by ascending code
     * (Kea keeps a reply's options in a map ordered by code, message type written first); this
     * very set when it is in that order already.
     */
    public Dhcp4Options sortedByCode(int first) {
        if (inOrder(first)) {
            return this;
        }
        int[] c = Arrays.copyOf(codes, count);
        byte[][] v = Arrays.copyOf(values, count);
        // insertion sort: a reply has a handful of options
        for (int i = 1; i < count; i++) {
            int code = c[i];
            byte[] value = v[i];
            int j = i - 1;
            while (j >= 0 && before(code, c[j], first)) {
                c[j + 1] = c[j];
                v[j + 1] = v[j];
                j--;
            }
            c[j + 1] = code;
            v[j + 1] = value;
        }
        return own(c, v, count);
    }

    private boolean inOrder(int first) {
        for (int i = 1; i < count; i++) {
            if (before(codes[i], codes[i - 1], first)) {
                return false;
            }
        }
        return true;
    }

    private static boolean before(int a, int b, int first) {
        return a == first ? b != first : b != first && a < b;
    }

    /** The first four bytes as an address, when the option holds at least four. */
    public Optional<Ipv4Address> address(int code) {
        int i = indexOf(code);
        if (i < 0 || values[i].length < 4) {
            return Optional.empty();
        }
        return Optional.of(Ipv4Address.of(values[i], 0));
    }

    /** Every whole address in an address-list option (routers, name servers ...). */
    public List<Ipv4Address> addresses(int code) {
        int i = indexOf(code);
        if (i < 0) {
            return List.of();
        }
        byte[] v = values[i];
        List<Ipv4Address> list = new ArrayList<>(v.length / 4);
        for (int off = 0; off + 4 <= v.length; off += 4) {
            list.add(Ipv4Address.of(v, off));
        }
        return List.copyOf(list);
    }

    /** A one-byte option's value (message type, overload ...); empty when absent or not one byte. */
    public OptionalInt u8(int code) {
        int i = indexOf(code);
        if (i < 0 || values[i].length != 1) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(values[i][0] & 0xff);
    }

    /** A two-byte big-endian value (max message size); empty when absent or not two bytes. */
    public OptionalInt u16(int code) {
        int i = indexOf(code);
        if (i < 0 || values[i].length != 2) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(((values[i][0] & 0xff) << 8) | (values[i][1] & 0xff));
    }

    /** A four-byte big-endian unsigned value (lease time, T1, T2); empty when absent or not four bytes. */
    public OptionalLong u32(int code) {
        int i = indexOf(code);
        if (i < 0 || values[i].length != 4) {
            return OptionalLong.empty();
        }
        byte[] v = values[i];
        return OptionalLong.of(((v[0] & 0xffL) << 24) | ((v[1] & 0xffL) << 16) | ((v[2] & 0xffL) << 8) | (v[3] & 0xffL));
    }

    /**
     * The option as text. Trailing NULs are dropped: RFC 2132 says strings are not NUL-terminated,
     * but some clients (old Windows, some embedded stacks) send one anyway.
     */
    public Optional<String> string(int code) {
        int i = indexOf(code);
        if (i < 0) {
            return Optional.empty();
        }
        byte[] v = values[i];
        int n = v.length;
        while (n > 0 && v[n - 1] == 0) {
            n--;
        }
        return Optional.of(new String(v, 0, n, StandardCharsets.UTF_8));
    }

    /** The option's payload parsed as sub-options (agent info 82, vendor options 43). */
    public Optional<Dhcp4Options> subOptions(int code) throws WireFormatException {
        int i = indexOf(code);
        if (i < 0) {
            return Optional.empty();
        }
        return Optional.of(parse(values[i]));
    }

    /** Same codes with the same data, in any order (the encoder moves 53 first and 82 last). */
    public boolean contentEquals(Dhcp4Options other) {
        if (other.count != count) {
            return false;
        }
        for (int i = 0; i < count; i++) {
            int j = other.indexOf(codes[i]);
            if (j < 0 || !Arrays.equals(values[i], other.values[j])) {
                return false;
            }
        }
        return true;
    }

    /** Order matters: two option sets that would encode differently are not equal. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Dhcp4Options other) || other.count != count) {
            return false;
        }
        for (int i = 0; i < count; i++) {
            if (codes[i] != other.codes[i] || !Arrays.equals(values[i], other.values[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = count;
        for (int i = 0; i < count; i++) {
            h = 31 * h + codes[i];
            h = 31 * h + Arrays.hashCode(values[i]);
        }
        return h;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(codes[i]).append('=').append(java.util.HexFormat.of().formatHex(values[i]));
        }
        return sb.append('}').toString();
    }

    int codeAt(int i) {
        return codes[i];
    }

    byte[] valueAt(int i) {
        return values[i];
    }

    /** Wraps arrays the caller will not touch again (the decoder's own). */
    static Dhcp4Options own(int[] codes, byte[][] values, int count) {
        return count == 0 ? EMPTY : new Dhcp4Options(codes, values, count);
    }

    /** Mutable, single-use. */
    public static final class Builder {
        private int[] codes = new int[8];
        private byte[][] values = new byte[8][];
        private int count;

        private Builder() {
        }

        /** Sets an option's data; a code already present keeps its position. Codes 0 and 255 are framing. */
        public Builder put(int code, byte[] data) {
            if (code <= 0 || code >= 255) {
                throw new IllegalArgumentException("option code " + code + " is not an option (1..254)");
            }
            byte[] copy = data.clone();
            for (int i = 0; i < count; i++) {
                if (codes[i] == code) {
                    values[i] = copy;
                    return this;
                }
            }
            if (count == codes.length) {
                codes = Arrays.copyOf(codes, count * 2);
                values = Arrays.copyOf(values, count * 2);
            }
            codes[count] = code;
            values[count] = copy;
            count++;
            return this;
        }

        public Builder put(int code, Ipv4Address address) {
            return put(code, address.toBytes());
        }

        public Builder putU8(int code, int value) {
            return put(code, new byte[] {(byte) value});
        }

        public Builder putU16(int code, int value) {
            return put(code, new byte[] {(byte) (value >>> 8), (byte) value});
        }

        public Builder putU32(int code, long value) {
            return put(code, new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value});
        }

        public Builder putString(int code, String text) {
            return put(code, text.getBytes(StandardCharsets.UTF_8));
        }

        /** Puts an option whose payload is the given sub-options (82, 43, or a vendor space). */
        public Builder putEncapsulated(int code, Dhcp4Options subOptions) {
            return put(code, subOptions.toBytes());
        }

        public Builder remove(int code) {
            for (int i = 0; i < count; i++) {
                if (codes[i] == code) {
                    System.arraycopy(codes, i + 1, codes, i, count - i - 1);
                    System.arraycopy(values, i + 1, values, i, count - i - 1);
                    count--;
                    values[count] = null;
                    return this;
                }
            }
            return this;
        }

        public boolean has(int code) {
            for (int i = 0; i < count; i++) {
                if (codes[i] == code) {
                    return true;
                }
            }
            return false;
        }

        public Dhcp4Options build() {
            return own(Arrays.copyOf(codes, count), Arrays.copyOf(values, count), count);
        }
    }
}
