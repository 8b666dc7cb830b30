package ruru.dhcp4.leasecmds;

import java.net.Inet6Address;
import java.util.Optional;

import ruru.control.CommandException;
import ruru.json.BoolElement;
import ruru.json.Element;
import ruru.json.IntElement;
import ruru.json.MapElement;
import ruru.json.StringElement;
import ruru.wire.Ipv4Address;
import ruru.wire.WireFormatException;

/**
 * Argument reading with the texts of Kea's SimpleParser, which lease_cmds uses: a missing
 * mandatory key names the map's position, a wrong type or range names the value's position.
 */
final class Args {

    static final long UINT32_MAX = 0xffffffffL;

    private Args() {
    }

    /** Kea's text when a handler calls get() on arguments that are not a map. */
    static CommandException notAMap(String operation, Element args) {
        return new CommandException(operation + "(string) called on a non-map Element in (" + args.position() + ")");
    }

    static Optional<Element> find(MapElement args, String name) {
        return args.find(name);
    }

    static String string(MapElement args, String name) throws CommandException {
        Element e = mandatory(args, name);
        if (!(e instanceof StringElement s)) {
            throw invalidType(name, e);
        }
        return s.value();
    }

    static long integer(MapElement args, String name) throws CommandException {
        Element e = mandatory(args, name);
        if (!(e instanceof IntElement i)) {
            throw invalidType(name, e);
        }
        return i.value();
    }

    /** SimpleParser::getIntType: an integer within [0, max]. */
    static long unsigned(MapElement args, String name, long max) throws CommandException {
        long v = integer(args, name);
        if (v < 0 || v > max) {
            throw new CommandException("out of range value (" + v + ") specified for parameter '" + name + "' ("
                    + args.get(name).position() + ")");
        }
        return v;
    }

    static boolean bool(MapElement args, String name) throws CommandException {
        Element e = mandatory(args, name);
        if (!(e instanceof BoolElement b)) {
            throw invalidType(name, e);
        }
        return b.value();
    }

    /** SimpleParser::getAddress: the text must be an IP address (either family; callers check v4). */
    static ParsedAddress address(MapElement args, String name) throws CommandException {
        String text = string(args, name);
        Element e = args.get(name);
        ParsedAddress a = ParsedAddress.parse(text);
        if (a == null) {
            // Kea glues the position to the text without a space
            throw new CommandException("Failed to convert '" + text + "' to address: Failed to convert string to address '"
                    + text + "': Invalid argument(" + e.position() + ")");
        }
        return a;
    }

    private static Element mandatory(MapElement args, String name) throws CommandException {
        Element e = args.get(name);
        if (e == null) {
            throw new CommandException("missing parameter '" + name + "' (" + args.position() + ")");
        }
        return e;
    }

    private static CommandException invalidType(String name, Element e) {
        return new CommandException("invalid type specified for parameter '" + name + "' (" + e.position() + ")");
    }

    /** An address as Kea's IOAddress reads it: IPv4 (v4 non-null) or some IPv6 literal (v4 null). */
    record ParsedAddress(Ipv4Address v4, String text) {

        boolean isV4() {
            return v4 != null;
        }

        static ParsedAddress parse(String text) {
            try {
                return new ParsedAddress(Ipv4Address.parse(text), text);
            } catch (WireFormatException notV4) {
                if (text.indexOf(':') < 0) {
                    return null;
                }
                try {
                    // a literal only: never a name lookup
                    Inet6Address.ofLiteral(text);
                    // Kea prints the canonical (compressed) form; the text as sent is that form in practice
                    return new ParsedAddress(null, text);
                } catch (IllegalArgumentException notV6) {
                    return null;
                }
            }
        }
    }
}
