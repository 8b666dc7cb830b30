package ruru.dhcp6.leasecmds;

import java.util.Optional;

import ruru.control.CommandException;
import ruru.json.BoolElement;
import ruru.json.Element;
import ruru.json.IntElement;
import ruru.json.MapElement;
import ruru.json.StringElement;
import ruru.wire.Hex;
import ruru.wire.Ipv4Address;
import ruru.wire.Ipv6Address;
import ruru.wire.WireFormatException;
import ruru.wire.v6.IaType;

/** Argument reading for the DHCPv6 lease commands, with the texts of Kea's SimpleParser and lease_cmds. */
final class Lease6Args {

    static final long UINT32_MAX = 0xffffffffL;

    private Lease6Args() {
    }

    static MapElement map(Element arguments, String missing) throws CommandException {
        if (arguments == null) {
            throw new CommandException(missing);
        }
        if (!(arguments instanceof MapElement m)) {
            throw new CommandException("Parameters missing or are not a map.");
        }
        return m;
    }

    static Element mandatory(MapElement args, String name) throws CommandException {
        Element e = args.get(name);
        if (e == null) {
            throw new CommandException("missing parameter '" + name + "' (" + args.position() + ")");
        }
        return e;
    }

    static String string(MapElement args, String name) throws CommandException {
        if (!(mandatory(args, name) instanceof StringElement s)) {
            throw invalidType(args, name);
        }
        return s.value();
    }

    static long unsigned(MapElement args, String name) throws CommandException {
        if (!(mandatory(args, name) instanceof IntElement i)) {
            throw invalidType(args, name);
        }
        if (i.value() < 0 || i.value() > UINT32_MAX) {
            throw new CommandException("out of range value (" + i.value() + ") specified for parameter '" + name
                    + "' (" + i.position() + ")");
        }
        return i.value();
    }

    static Optional<Long> optionalUnsigned(MapElement args, String name) throws CommandException {
        return args.has(name) ? Optional.of(unsigned(args, name)) : Optional.empty();
    }

    static boolean bool(MapElement args, String name, boolean dflt) throws CommandException {
        Element e = args.get(name);
        if (e == null) {
            return dflt;
        }
        if (!(e instanceof BoolElement b)) {
            throw invalidType(args, name);
        }
        return b.value();
    }

    private static CommandException invalidType(MapElement args, String name) {
        return new CommandException("invalid type specified for parameter '" + name + "' (" + args.get(name).position()
                + ")");
    }

    /** An IPv6 address; an IPv4 one is Kea's "Invalid IPv6 address specified". */
    static Ipv6Address address(String text) throws CommandException {
        return address(text, "Invalid IPv6 address specified: ");
    }

    /** A lease's own address: Kea's lease parser words an IPv4 one differently from the queries. */
    static Ipv6Address leaseAddress(String text) throws CommandException {
        return address(text, "Non-IPv6 address specified: ");
    }

    private static Ipv6Address address(String text, String ipv4Text) throws CommandException {
        try {
            return Ipv6Address.parse(text);
        } catch (WireFormatException e) {
            try {
                Ipv4Address.parse(text);
                throw new CommandException(ipv4Text + text);
            } catch (WireFormatException notV4) {
                throw new CommandException("Failed to convert string to address '" + text + "': Invalid argument");
            }
        }
    }

    /** Kea's lease type names in lease commands. */
    static IaType type(MapElement args) throws CommandException {
        Element e = args.get("type");
        if (e == null) {
            return IaType.NA;
        }
        if (!(e instanceof StringElement s)) {
            throw new CommandException("lease type is not a string");
        }
        return switch (s.value()) {
            case "IA_NA" -> IaType.NA;
            case "IA_TA" -> IaType.TA;
            case "IA_PD" -> IaType.PD;
            default -> throw new CommandException("Invalid lease type specified: " + s.value()
                    + ", only supported values are: IA_NA, IA_TA, IA_PD and V4");
        };
    }

    static byte[] duid(String text) throws CommandException {
        try {
            byte[] d = Hex.parseBytes(text, 130);
            if (d.length == 0) {
                throw new CommandException("empty DUIDs are not allowed");
            }
            return d;
        } catch (WireFormatException e) {
            throw new CommandException("invalid DUID '" + text + "': " + e.getMessage());
        }
    }
}
