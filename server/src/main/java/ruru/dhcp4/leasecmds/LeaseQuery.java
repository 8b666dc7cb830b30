package ruru.dhcp4.leasecmds;

import java.util.Optional;

import ruru.control.CommandException;
import ruru.json.Element;
import ruru.json.IntElement;
import ruru.json.MapElement;
import ruru.json.StringElement;
import ruru.lease.Lease4;
import ruru.lease.Lease4Store;
import ruru.wire.HardwareAddress;
import ruru.wire.Ipv4Address;

/**
 * The lease named by lease4-get / lease4-del arguments (Kea's LeaseCmdsImpl::getParameters):
 * {ip-address}, or {identifier-type, identifier, subnet-id}. An ip-address wins over the rest.
 */
sealed interface LeaseQuery {

    record ByAddress(Ipv4Address address) implements LeaseQuery {
    }

    record ByHwAddress(HardwareAddress hw, long subnetId) implements LeaseQuery {
    }

    record ByClientId(byte[] clientId, long subnetId) implements LeaseQuery {
    }

    /** Valid syntax, but a DHCPv6 identifier: the handler refuses it with its own text. */
    record ByDuid() implements LeaseQuery {
    }

    default Optional<Lease4> find(Lease4Store store) {
        return switch (this) {
            case ByAddress a -> store.get(a.address());
            case ByHwAddress h -> store.byHwAddress(h.hw()).stream().filter(l -> l.subnetId() == h.subnetId()).findFirst();
            case ByClientId c -> store.byClientId(c.clientId()).stream().filter(l -> l.subnetId() == c.subnetId()).findFirst();
            case ByDuid d -> Optional.empty();
        };
    }

    static LeaseQuery parse(Element arguments) throws CommandException {
        if (!(arguments instanceof MapElement args)) {
            throw new CommandException("Parameters missing or are not a map.");
        }
        Element ddns = args.get("update-ddns");
        if (ddns != null && ddns.asBoolean().isEmpty()) {
            throw new CommandException("'update-ddns' is not a boolean");
        }
        Element ip = args.get("ip-address");
        if (ip != null) {
            if (!(ip instanceof StringElement s)) {
                throw new CommandException("'ip-address' is not a string.");
            }
            Args.ParsedAddress a = Args.ParsedAddress.parse(s.value());
            if (a == null) {
                throw new CommandException("Failed to convert string to address '" + s.value() + "': Invalid argument");
            }
            if (!a.isV4()) {
                throw new CommandException("Invalid IPv4 address specified: " + s.value());
            }
            return new ByAddress(a.v4());
        }
        Element subnet = args.get("subnet-id");
        if (subnet == null) {
            throw new CommandException("Mandatory 'subnet-id' parameter missing.");
        }
        if (!(subnet instanceof IntElement sid)) {
            throw new CommandException("'subnet-id' parameter is not integer.");
        }
        Element type = args.get("identifier-type");
        Element ident = args.get("identifier");
        if (!(type instanceof StringElement t)) {
            throw new CommandException("No 'ip-address' provided and 'identifier-type' is either missing or not a string.");
        }
        if (!(ident instanceof StringElement id)) {
            throw new CommandException("No 'ip-address' provided and 'identifier' is either missing or not a string.");
        }
        return switch (t.value()) {
            // Kea returns an unset (0.0.0.0) address here, which finds nothing
            case "address" -> new ByAddress(Ipv4Address.ANY);
            case "hw-address" -> new ByHwAddress(Identifiers.hwAddress(id.value()), sid.value());
            case "client-id" -> new ByClientId(Identifiers.clientIdentifier(id.value()), sid.value());
            case "duid" -> {
                Identifiers.clientId(id.value());
                yield new ByDuid();
            }
            default -> throw new CommandException("Incorrect identifier type: " + t.value()
                    + ", the only supported values are: address, hw-address, duid");
        };
    }
}
