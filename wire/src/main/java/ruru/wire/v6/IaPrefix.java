package ruru.wire.v6;

import java.util.Objects;

import ruru.wire.Ipv6Address;
import ruru.wire.Ipv6Prefix;
import ruru.wire.WireFormatException;

/** The IA Prefix option (RFC 8415 section 21.22): lifetimes, a prefix and its options (status, PD_EXCLUDE). */
public record IaPrefix(long preferredLifetime, long validLifetime, int prefixLength, Ipv6Address prefix,
                       Dhcp6Options options) {

    static final int LENGTH = 25;

    public IaPrefix {
        Layout.requireUint32(preferredLifetime, "preferred lifetime");
        Layout.requireUint32(validLifetime, "valid lifetime");
        if (prefixLength < 0 || prefixLength > 128) {
            throw new IllegalArgumentException("prefix length " + prefixLength);
        }
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(options, "options");
    }

    public IaPrefix(long preferredLifetime, long validLifetime, Ipv6Prefix p) {
        this(preferredLifetime, validLifetime, p.length(), p.address(), Dhcp6Options.empty());
    }

    public static IaPrefix parse(byte[] data) throws WireFormatException {
        if (data.length < LENGTH) {
            throw new WireFormatException("Option " + Option6Codes.IAPREFIX + " truncated: " + data.length
                    + " bytes, at least " + LENGTH + " needed");
        }
        int len = data[8] & 0xff;
        if (len > 128) {
            throw new WireFormatException("IAPREFIX prefix length " + len + " is above 128");
        }
        return new IaPrefix(Layout.u32(data, 0), Layout.u32(data, 4), len, Ipv6Address.of(data, 9),
                Dhcp6Options.parse(data, LENGTH, data.length - LENGTH));
    }

    /**
     * The prefix as a server reads it: masked to the option's own length, so that bits past the
     * length are never seen (Kea's Option6IAPrefix does this when it unpacks the option).
     */
    public Ipv6Address network() {
        return prefixLength >= 128 ? prefix : prefix.masked(prefixLength);
    }

    public Ipv6Prefix toPrefix() {
        return new Ipv6Prefix(prefix, prefixLength);
    }

    public byte[] toBytes() {
        byte[] out = new byte[LENGTH + options.wireSize()];
        Layout.u32(out, 0, preferredLifetime);
        Layout.u32(out, 4, validLifetime);
        out[8] = (byte) prefixLength;
        prefix.write(out, 9);
        options.write(out, LENGTH);
        return out;
    }

    public Option6 toOption() {
        return Option6.owning(Option6Codes.IAPREFIX, toBytes());
    }
}
