package ruru.wire.v6;

import java.util.ArrayList;
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

    private static final Dhcp6Options EMPTY = new Dhcp6Options(List.of());

    private final List<Option6> options;

    private Dhcp6Options(List<Option6> options) {
        this.options = options;
    }

    public static Dhcp6Options empty() {
        return EMPTY;
    }

    public static Dhcp6Options of(List<Option6> options) {
        return options.isEmpty() ? EMPTY : new Dhcp6Options(List.copyOf(options));
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.options.addAll(options);
        return b;
    }

    /**
     * Parses options from {@code [offset, offset + length)}. Every option header must be complete
     * and every length must stay inside the area: a truncated option is a format error (Kea stops
     * quietly at such an option; ruru counts the whole message as malformed instead).
     */
    public static Dhcp6Options parse(byte[] data, int offset, int length) throws WireFormatException {
        int end = offset + length;
        if (offset < 0 || length < 0 || end > data.length) {
            throw new WireFormatException("option area out of bounds");
        }
        if (length == 0) {
            return EMPTY;
        }
        List<Option6> out = new ArrayList<>();
        int p = offset;
        while (p < end) {
            if (end - p < 4) {
                throw new WireFormatException("truncated option header: " + (end - p) + " byte(s) left");
            }
            int code = ((data[p] & 0xff) << 8) | (data[p + 1] & 0xff);
            int len = ((data[p + 2] & 0xff) << 8) | (data[p + 3] & 0xff);
            p += 4;
            if (len > end - p) {
                throw new WireFormatException("option " + code + " claims " + len + " bytes but only " + (end - p)
                        + " remain");
            }
            byte[] value = new byte[len];
            System.arraycopy(data, p, value, 0, len);
            out.add(new Option6(code, value));
            p += len;
        }
        return new Dhcp6Options(Collections.unmodifiableList(out));
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

    public List<Option6> list() {
        return options;
    }

    @Override
    public Iterator<Option6> iterator() {
        return options.iterator();
    }

    public int size() {
        return options.size();
    }

    public boolean isEmpty() {
        return options.isEmpty();
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
        List<Option6> out = new ArrayList<>(2);
        for (Option6 o : options) {
            if (o.code() == code) {
                out.add(o);
            }
        }
        return out;
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
        return o instanceof Dhcp6Options other && other.options.equals(options);
    }

    @Override
    public int hashCode() {
        return options.hashCode();
    }

    @Override
    public String toString() {
        return options.toString();
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
            options.sort(Comparator.comparingInt(Option6::code));
            return this;
        }

        public Dhcp6Options build() {
            return options.isEmpty() ? EMPTY : new Dhcp6Options(List.copyOf(options));
        }
    }
}
