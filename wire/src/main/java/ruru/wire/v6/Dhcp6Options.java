package ruru.wire.v6;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import ruru.wire.WireFormatException;

/**
 * An ordered list of DHCPv6 options (RFC 8415 section 21.1: a 2-byte code, a 2-byte length, the
 * data). Unlike DHCPv4 a code may appear several times as separate options (one IA_NA per IA),
 * so this is a multimap kept in order: wire order for what was received, and whatever order the
 * builder gives for what is sent ({@link Builder#sorted()} gives Kea's ascending-code order).
 * Options nobody here understands survive a decode and encode unchanged. Immutable.
 */
public final class Dhcp6Options implements Iterable<Option6> {

    private static final Option6[] NONE = {};
    private static final Dhcp6Options EMPTY = new Dhcp6Options(NONE);
    private static final Comparator<Option6> BY_CODE = Comparator.comparingInt(Option6::code);

    /** In order; never changed once here (indexed loops below: no iterator per lookup). */
    private final Option6[] options;

    private Dhcp6Options(Option6[] options) {
        this.options = options;
    }

    public static Dhcp6Options empty() {
        return EMPTY;
    }

    public static Dhcp6Options of(List<Option6> options) {
        return options.isEmpty() ? EMPTY : new Dhcp6Options(options.toArray(NONE));
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.options.addAll(Arrays.asList(options));
        return b;
    }

    /**
     * Parses options from {@code [offset, offset + length)}. An option whose header is incomplete or
     * whose length runs past the area ends it quietly, the options before it kept: Kea's
     * LibDHCP::unpackOptions6 returns there and Pkt6::unpackMsg (and every option unpacking its
     * sub-options) ignores what is left, so kea-dhcp6 2.2 answers a SOLICIT whose last option is
     * truncated (observed; Kea 3's source is the same).
     */
    public static Dhcp6Options parse(byte[] data, int offset, int length) throws WireFormatException {
        int end = offset + length;
        if (offset < 0 || length < 0 || end > data.length) {
            throw new WireFormatException("option area out of bounds");
        }
        if (length == 0) {
            return EMPTY;
        }
        Option6[] out = new Option6[4];
        int n = 0;
        int p = offset;
        while (end - p >= 4) {
            int code = ((data[p] & 0xff) << 8) | (data[p + 1] & 0xff);
            int len = ((data[p + 2] & 0xff) << 8) | (data[p + 3] & 0xff);
            p += 4;
            if (len > end - p) {
                break;
            }
            if (n == out.length) {
                out = Arrays.copyOf(out, n * 2);
            }
            out[n++] = Option6.owning(code, Arrays.copyOfRange(data, p, p + len));
            p += len;
        }
        return n == 0 ? EMPTY : new Dhcp6Options(n == out.length ? out : Arrays.copyOf(out, n));
    }

    public static Dhcp6Options parse(byte[] data) throws WireFormatException {
        return parse(data, 0, data.length);
    }

    /** Bytes the options take on the wire. */
    public int wireSize() {
        int size = 0;
        for (Option6 o : options) {
            size += o.wireSize();
        }
        return size;
    }

    /** Writes the options at {@code pos}; returns the position after them. */
    public int write(byte[] out, int pos) {
        for (Option6 o : options) {
            o.write(out, pos);
            pos += o.wireSize();
        }
        return pos;
    }

    public byte[] toBytes() {
        byte[] out = new byte[wireSize()];
        write(out, 0);
        return out;
    }

    /** The options in order (unmodifiable). */
    public List<Option6> list() {
        return Collections.unmodifiableList(Arrays.asList(options));
    }

    @Override
    public Iterator<Option6> iterator() {
        return list().iterator();
    }

    public int size() {
        return options.length;
    }

    public boolean isEmpty() {
        return options.length == 0;
    }

    public boolean has(int code) {
        for (Option6 o : options) {
            if (o.code() == code) {
                return true;
            }
        }
        return false;
    }

    /** How many instances of {@code code}. */
    public int count(int code) {
        int n = 0;
        for (Option6 o : options) {
            if (o.code() == code) {
                n++;
            }
        }
        return n;
    }

    /** The data of the first instance of {@code code}. */
    public Optional<byte[]> get(int code) {
        for (Option6 o : options) {
            if (o.code() == code) {
                return Optional.of(o.data());
            }
        }
        return Optional.empty();
    }

    /** Every instance of {@code code}, in order. */
    public List<Option6> all(int code) {
        int n = count(code);
        if (n == 0) {
            return List.of();
        }
        Option6[] out = new Option6[n];
        int i = 0;
        for (Option6 o : options) {
            if (o.code() == code) {
                out[i++] = o;
            }
        }
        return List.of(out);
    }

    /** The first instance's data itself, or null (package use: read only). */
    byte[] firstRaw(int code) {
        for (Option6 o : options) {
            if (o.code() == code) {
                return o.raw();
            }
        }
        return null;
    }

    /** A 16-bit option's value (elapsed time, relay source port), when it has exactly two bytes. */
    public OptionalInt u16(int code) {
        for (Option6 o : options) {
            if (o.code() == code) {
                byte[] d = o.raw();
                return d.length == 2 ? OptionalInt.of(((d[0] & 0xff) << 8) | (d[1] & 0xff)) : OptionalInt.empty();
            }
        }
        return OptionalInt.empty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Dhcp6Options other && Arrays.equals(other.options, options);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(options);
    }

    @Override
    public String toString() {
        return Arrays.toString(options);
    }

    /** Builds an option list; instances stay in the order added unless {@link #sorted()} is asked for. */
    public static final class Builder {
        private final List<Option6> options = new ArrayList<>();

        private Builder() {
        }

        public Builder add(int code, byte[] data) {
            options.add(new Option6(code, data));
            return this;
        }

        public Builder add(Option6 option) {
            options.add(option);
            return this;
        }

        public Builder addAll(Iterable<Option6> more) {
            for (Option6 o : more) {
                options.add(o);
            }
            return this;
        }

        /** Replaces every instance of the code with one instance holding {@code data}. */
        public Builder set(int code, byte[] data) {
            remove(code);
            return add(code, data);
        }

        public Builder remove(int code) {
            options.removeIf(o -> o.code() == code);
            return this;
        }

        public boolean has(int code) {
            for (Option6 o : options) {
                if (o.code() == code) {
                    return true;
                }
            }
            return false;
        }

        /** Ascending code order, instances of one code in the order added (Kea's multimap order). */
        public Builder sorted() {
            options.sort(BY_CODE);
            return this;
        }

        public Dhcp6Options build() {
            return options.isEmpty() ? EMPTY : new Dhcp6Options(options.toArray(NONE));
        }
    }
}
