package ruru.dhcp.leasecmds;

import java.net.Inet6Address;

import ruru.control.CommandException;
import ruru.json.BoolElement;
import ruru.json.Element;
import ruru.json.IntElement;
import ruru.json.MapElement;
import ruru.json.StringElement;
import ruru.wire.Ipv4Address;
import ruru.wire.Ipv6Address;
import ruru.wire.WireFormatException;

/**
 * Argument reading for lease_cmds of both families, with the texts of Kea's SimpleParser (which
 * lease_cmds uses): a missing mandatory key names the map's position, a wrong type or range names
 * the value's position.
 */
public final class Args {

    public static final long UINT32_MAX = 0xffffffffL;

    private Args() {
    }

    /** Kea's text when a handler calls {@code operation} (get, contains) on arguments that are not a map. */
    public static CommandException notAMap(String operation, Element args) {
        return new CommandException(operation + "(string) called on a non-map Element in (" + args.position() + ")");
    }

    /** The arguments of a command whose handler reads them with get(): {@code missing} when there are none. */
    public static MapElement map(Element arguments, String missing) throws CommandException {
        if (arguments == null) {
            throw new CommandException(missing);
        }
        if (!(arguments instanceof MapElement args)) {
            throw notAMap("get", arguments);
        }
        return args;
    }

    public static String string(MapElement args, String name) throws CommandException {
        Element e = mandatory(args, name);
        if (!(e instanceof StringElement s)) {
            throw invalidType(name, e);
        }
        return s.value();
    }

    public static long integer(MapElement args, String name) throws CommandException {
        Element e = mandatory(args, name);
        if (!(e instanceof IntElement i)) {
            throw invalidType(name, e);
        }
        return i.value();
    }

    /** SimpleParser::getIntType: an integer within [0, max]. */
    public static long unsigned(MapElement args, String name, long max) throws CommandException {
        long v = integer(args, name);
        if (v < 0 || v > max) {
            throw new CommandException("out of range value (" + v + ") specified for parameter '" + name + "' ("
                    + args.get(name).position() + ")");
        }
        return v;
    }

    /** A uint32 ({@link #unsigned(MapElement, String, long)} up to 0xffffffff). */
    public static long uint32(MapElement args, String name) throws CommandException {
        return unsigned(args, name, UINT32_MAX);
    }

    public static boolean bool(MapElement args, String name) throws CommandException {
        Element e = mandatory(args, name);
        if (!(e instanceof BoolElement b)) {
            throw invalidType(name, e);
        }
        return b.value();
    }

    /** An optional boolean: {@code dflt} when absent. */
    public static boolean bool(MapElement args, String name, boolean dflt) throws CommandException {
        return args.has(name) ? bool(args, name) : dflt;
    }

    /** SimpleParser::getAddress: the text must be an IP address of either family (callers check theirs). */
    public static ParsedAddress address(MapElement args, String name) throws CommandException {
        String text = string(args, name);
        ParsedAddress a = ParsedAddress.parse(text);
        if (a == null) {
            // Kea glues the position to the text without a space
            throw new CommandException("Failed to convert '" + text + "' to address: Failed to convert string to address '"
                    + text + "': Invalid argument(" + args.get(name).position() + ")");
        }
        return a;
    }

    /** IOAddress's text for something that is no address. */
    /**
     * The lease's user-context (lease4/lease6-add and -update): a map, with a "comment" folded into
     * it as Kea's lease parsers do; kept as compact text, null when there is none.
     */
    public static String userContext(MapElement args) throws CommandException {
        Element ctx = args.get("user-context");
        if (ctx != null && !(ctx instanceof MapElement)) {
            throw new CommandException("Invalid user context '" + ruru.json.Json.toCompact(ctx) + "' is not a JSON map.");
        }
        Element comment = args.get("comment");
        if (comment != null) {
            MapElement map = (MapElement) ctx;
            if (map != null && map.has("comment")) {
                throw new CommandException("Duplicated comment entry '" + ruru.json.Json.toCompact(comment)
                        + "' in user context '" + ruru.json.Json.toCompact(map) + "'");
            }
            ctx = (map == null ? MapElement.empty() : map).with("comment", comment);
        }
        return ctx == null ? null : ruru.json.Json.toCompact(ctx);
    }

    public static CommandException notAnAddress(String text) {
        return new CommandException("Failed to convert string to address '" + text + "': Invalid argument");
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

    /**
     * An address as Kea's IOAddress reads it: IPv4 ({@code v4}), IPv6 ({@code v6}), or an IPv6
     * literal this codec does not hold (a scoped one: both null), which no lease has.
     */
    public record ParsedAddress(String text, Ipv4Address v4, Ipv6Address v6) {

        /** null when the text is no address at all. */
        public static ParsedAddress parse(String text) {
            try {
                return new ParsedAddress(text, Ipv4Address.parse(text), null);
            } catch (WireFormatException notV4) {
                if (text.indexOf(':') < 0) {
                    return null;
                }
                try {
                    return new ParsedAddress(text, null, Ipv6Address.parse(text));
                } catch (WireFormatException notCodec) {
                    try {
                        // a literal only: never a name lookup
                        Inet6Address.ofLiteral(text);
                        return new ParsedAddress(text, null, null);
                    } catch (IllegalArgumentException notV6) {
                        return null;
                    }
                }
            }
        }
    }
}
