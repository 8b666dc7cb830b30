package ruru.dhcp.config;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One configured option instance: its space and code and the encoded payload. {@code alwaysSend}
 * puts it in a response even when the client did not request it; {@code neverSend} keeps it out
 * even when requested (Kea 2.6+ semantics: never-send wins).
 */
public record OptionValue(String space, int code, byte[] data, boolean alwaysSend, boolean neverSend) {

    public OptionValue {
        Objects.requireNonNull(space, "space");
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /** The precedence key: an option at a more specific level replaces every same-key option below. */
    public String key() {
        return space + "/" + code;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OptionValue v && v.space.equals(space) && v.code == code && Arrays.equals(v.data, data)
                && v.alwaysSend == alwaysSend && v.neverSend == neverSend;
    }

    @Override
    public int hashCode() {
        return Objects.hash(space, code, Arrays.hashCode(data), alwaysSend, neverSend);
    }

    @Override
    public String toString() {
        return "OptionValue[" + space + "." + code + "=" + HexFormat.of().formatHex(data)
                + (alwaysSend ? ", always-send" : "") + (neverSend ? ", never-send" : "") + "]";
    }
}
