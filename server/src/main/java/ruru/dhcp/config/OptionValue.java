package ruru.dhcp.config;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * One configured option instance: its space and code and the encoded payload. {@code alwaysSend}
 * puts it in a response even when the client did not request it; {@code neverSend} keeps it out
 * even when requested (Kea 2.6+ semantics: never-send wins). {@code clientClasses} is Kea 3's
 * option class-tagging.
 */
public record OptionValue(String space, int code, byte[] data, boolean alwaysSend, boolean neverSend,
        List<String> clientClasses) {

    public static final String DHCP4 = "dhcp4";
    public static final String DHCP6 = "dhcp6";

    public OptionValue {
        Objects.requireNonNull(space, "space");
        data = data.clone();
        clientClasses = List.copyOf(clientClasses);
    }

    public OptionValue(String space, int code, byte[] data, boolean alwaysSend, boolean neverSend) {
        this(space, code, data, alwaysSend, neverSend, List.of());
    }

    /**
     * Kea 3's option class-tagging: a value with {@code client-classes} counts only for a packet
     * in one of them; at its level it is as if it were not configured for anyone else.
     */
    public boolean appliesTo(ruru.classify.ClassSet classes) {
        return clientClasses.isEmpty() || classes.containsAny(clientClasses);
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
                && v.alwaysSend == alwaysSend && v.neverSend == neverSend && v.clientClasses.equals(clientClasses);
    }

    @Override
    public int hashCode() {
        return Objects.hash(space, code, Arrays.hashCode(data), alwaysSend, neverSend, clientClasses);
    }

    @Override
    public String toString() {
        return "OptionValue[" + space + "." + code + "=" + HexFormat.of().formatHex(data)
                + (alwaysSend ? ", always-send" : "") + (neverSend ? ", never-send" : "")
                + (clientClasses.isEmpty() ? "" : ", client-classes=" + clientClasses) + "]";
    }
}
