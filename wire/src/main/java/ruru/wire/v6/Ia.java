package ruru.wire.v6;

import java.util.List;
import java.util.Objects;

import ruru.wire.WireFormatException;

/**
 * An identity association option: IA_NA and IA_PD carry IAID, T1 and T2; IA_TA only the IAID
 * (RFC 8415 sections 21.4, 21.5, 21.21). Its options hold the IAADDR or IAPREFIX options and
 * a status code.
 */
public record Ia(IaType type, long iaid, long t1, long t2, Dhcp6Options options) {

    public Ia {
        Objects.requireNonNull(type, "type");
        Layout.requireUint32(iaid, "IAID");
        Layout.requireUint32(t1, "T1");
        Layout.requireUint32(t2, "T2");
        Objects.requireNonNull(options, "options");
    }

    public static Ia parse(IaType type, byte[] data) throws WireFormatException {
        if (data.length < type.headerLength()) {
            throw new WireFormatException("Option " + type.optionCode() + " truncated: " + data.length
                    + " bytes, at least " + type.headerLength() + " needed");
        }
        long iaid = Layout.u32(data, 0);
        long t1 = type == IaType.TA ? 0 : Layout.u32(data, 4);
        long t2 = type == IaType.TA ? 0 : Layout.u32(data, 8);
        return new Ia(type, iaid, t1, t2,
                Dhcp6Options.parse(data, type.headerLength(), data.length - type.headerLength()));
    }

    /** Every IA of {@code type} in {@code options}, in order. */
    public static List<Ia> all(Dhcp6Options options, IaType type) throws WireFormatException {
        List<Option6> found = options.all(type.optionCode());
        Ia[] out = new Ia[found.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = parse(type, found.get(i).raw());
        }
        return List.of(out);
    }

    /** The IAADDR options inside (for NA and TA). */
    public List<IaAddress> addresses() throws WireFormatException {
        List<Option6> found = options.all(Option6Codes.IAADDR);
        IaAddress[] out = new IaAddress[found.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = IaAddress.parse(found.get(i).raw());
        }
        return List.of(out);
    }

    /** The IAPREFIX options inside (for PD). */
    public List<IaPrefix> prefixes() throws WireFormatException {
        List<Option6> found = options.all(Option6Codes.IAPREFIX);
        IaPrefix[] out = new IaPrefix[found.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = IaPrefix.parse(found.get(i).raw());
        }
        return List.of(out);
    }

    public byte[] toBytes() {
        int h = type.headerLength();
        byte[] out = new byte[h + options.wireSize()];
        Layout.u32(out, 0, iaid);
        if (type != IaType.TA) {
            Layout.u32(out, 4, t1);
            Layout.u32(out, 8, t2);
        }
        options.write(out, h);
        return out;
    }

    public Option6 toOption() {
        return Option6.owning(type.optionCode(), toBytes());
    }
}
