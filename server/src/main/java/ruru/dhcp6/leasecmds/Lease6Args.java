package ruru.dhcp6.leasecmds;

import java.util.Optional;

import ruru.control.CommandException;
import ruru.dhcp.leasecmds.Args;
import ruru.json.Element;
import ruru.json.MapElement;
import ruru.json.StringElement;
import ruru.wire.Hex;
import ruru.wire.WireFormatException;
import ruru.wire.v6.IaType;

/** What the DHCPv6 lease commands read beyond {@link Args}: lease types, DUIDs, the lease's own address. */
final class Lease6Args {

    private Lease6Args() {
    }

    static Optional<Long> optionalUnsigned(MapElement args, String name) throws CommandException {
        return args.has(name) ? Optional.of(Args.uint32(args, name)) : Optional.empty();
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
