package ruru.dhcp4.leasecmds;

import java.io.ByteArrayOutputStream;

import ruru.control.CommandException;
import ruru.wire.HardwareAddress;

/** Kea's text forms of hardware addresses and client identifiers, with its error texts. */
final class Identifiers {

    private Identifiers() {
    }

    /**
     * HWAddr::fromText: colon-separated groups of one or two hex digits; an empty text is an
     * empty address (which matches no lease).
     */
    static HardwareAddress hwAddress(String text) throws CommandException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!text.isEmpty()) {
            for (String group : text.split(":", -1)) {
                if (group.isEmpty() || group.length() > 2) {
                    throw new CommandException("'" + text + "' is not a valid string of hexadecimal digits");
                }
                for (int i = 0; i < group.length(); i++) {
                    if (Character.digit(group.charAt(i), 16) < 0) {
                        throw new CommandException("'" + group.charAt(i)
                                + "' is not a valid hexadecimal digit in decoded string '" + group + "'");
                    }
                }
                out.write(Integer.parseInt(group, 16));
            }
        }
        byte[] bytes = out.toByteArray();
        if (bytes.length > 20) {
            throw new CommandException("'" + text + "' is not a valid string of hexadecimal digits");
        }
        return new HardwareAddress(HardwareAddress.ETHERNET, bytes);
    }

    /** ClientId::fromText (and DUID::fromText, the same rules): colon-separated hex, not empty. */
    static byte[] clientId(String text) throws CommandException {
        if (text.isEmpty()) {
            throw new CommandException("Empty DUIDs are not allowed");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String[] groups = text.contains(":") ? text.split(":", -1) : splitPairs(text);
        for (String group : groups) {
            if (group.isEmpty() || group.length() > 2 || !isHex(group)) {
                throw new CommandException("'" + text + "' is not a valid string of hexadecimal digits");
            }
            out.write(Integer.parseInt(group, 16));
        }
        return out.toByteArray();
    }

    /** Kea's shortest client identifier (ClientId::MIN_CLIENT_ID_LEN). */
    static final int CLIENT_ID_MIN = 2;

    /**
     * An {@code identifier} of type client-id (lease4-get, lease4-del), with Kea 3's texts: hex as
     * ClientId::fromText reads it, at least 2 bytes ("bad 'client-id' parameter: identifier is too
     * short (0), at least 2 is required" for an empty one; Kea 2.2 said "Empty DUIDs are not allowed").
     */
    static byte[] clientIdentifier(String text) throws CommandException {
        byte[] id = text.isEmpty() ? new byte[0] : clientId(text);
        if (id.length < CLIENT_ID_MIN) {
            throw new CommandException("bad 'client-id' parameter: identifier is too short (" + id.length + "), at least "
                    + CLIENT_ID_MIN + " is required");
        }
        return id;
    }

    private static String[] splitPairs(String text) {
        if (text.length() % 2 != 0) {
            return new String[] {text + "?"};
        }
        String[] pairs = new String[text.length() / 2];
        for (int i = 0; i < pairs.length; i++) {
            pairs[i] = text.substring(2 * i, 2 * i + 2);
        }
        return pairs;
    }

    private static boolean isHex(String s) {
        return s.chars().allMatch(c -> Character.digit(c, 16) >= 0);
    }
}
