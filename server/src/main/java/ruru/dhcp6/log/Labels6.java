package ruru.dhcp6.log;

import java.util.HexFormat;

import ruru.wire.v6.Dhcp6Packet;
import ruru.wire.v6.Option6Codes;
import ruru.wire.v6.StatusCode;

/** How kea-dhcp6 prints a query, a DUID and a status code in its log messages. */
public final class Labels6 {

    private static final HexFormat COLONS = HexFormat.ofDelimiter(":");
    private static final String[] STATUS_NAMES = {"Success", "UnspecFail", "NoAddrsAvail", "NoBinding", "NotOnLink",
        "UseMulticast", "NoPrefixAvail"};

    /** Kea's label of a packet not parsed yet (no client identifier, transaction id 0). */
    public static final String UNPARSED = "duid=[no info], tid=0x0";

    private Labels6() {
    }

    /** Kea's {@code Pkt6::getLabel}: {@code duid=[00:01:...], tid=0x1a2b} ({@code [no info]} without client id). */
    public static String label(Dhcp6Packet query) {
        byte[] duid = query.options().get(Option6Codes.CLIENTID).orElse(null);
        return "duid=[" + (duid == null ? "no info" : COLONS.formatHex(duid)) + "], tid=0x"
                + Integer.toHexString(query.transactionId());
    }

    /** A DUID as Kea's {@code DUID::toText}: colon-separated hex bytes. */
    public static String duid(byte[] duid) {
        return COLONS.formatHex(duid);
    }

    /** Kea's status code option text: {@code NoBinding(3) "message"}. */
    public static String status(StatusCode s) {
        String name = s.code() >= 0 && s.code() < STATUS_NAMES.length ? STATUS_NAMES[s.code()]
                : "(unknown status code)";
        return name + "(" + s.code() + ") \"" + s.message() + "\"";
    }

    /** Kea's {@code Lease::lifetimeToText}: the number, or {@code infinity} for 0xffffffff. */
    public static String lifetime(long seconds) {
        return seconds == 0xffffffffL ? "infinity" : Long.toString(seconds);
    }
}
