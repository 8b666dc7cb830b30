package ruru.wire.v6;

import java.util.Objects;

import ruru.wire.Ipv6Address;
import ruru.wire.WireFormatException;

/** The IA Address option (RFC 8415 section 21.6): an address, its lifetimes and options (a status code). */
public record IaAddress(Ipv6Address address, long preferredLifetime, long validLifetime, Dhcp6Options options) {

    static final int LENGTH = 24;

    public IaAddress {
        Objects.requireNonNull(address, "address");
        Layout.requireUint32(preferredLifetime, "preferred lifetime");
        Layout.requireUint32(validLifetime, "valid lifetime");
        Objects.requireNonNull(options, "options");
    }

    public IaAddress(Ipv6Address address, long preferredLifetime, long validLifetime) {
        this(address, preferredLifetime, validLifetime, Dhcp6Options.empty());
    }

    public static IaAddress parse(byte[] data) throws WireFormatException {
        if (data.length < LENGTH) {
            throw new WireFormatException("Option " + Option6Codes.IAADDR + " truncated: " + data.length
                    + " bytes, at least " + LENGTH + " needed");
        }
        return new IaAddress(Ipv6Address.of(data, 0), Layout.u32(data, 16), Layout.u32(data, 20),
                Dhcp6Options.parse(data, LENGTH, data.length - LENGTH));
    }

    public byte[] toBytes() {
        byte[] out = new byte[LENGTH + options.wireSize()];
        address.write(out, 0);
        Layout.u32(out, 16, preferredLifetime);
        Layout.u32(out, 20, validLifetime);
        options.write(out, LENGTH);
        return out;
    }

    public Option6 toOption() {
        return Option6.owning(Option6Codes.IAADDR, toBytes());
    }
}
