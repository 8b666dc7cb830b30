package ruru.dhcp4.leasecmds;

import java.util.List;
import java.util.Optional;

import ruru.control.CommandException;
import ruru.dhcp.leasecmds.Args;
import ruru.dhcp.leasecmds.LeaseFamily;
import ruru.dhcp.leasecmds.LeaseMaps;
import ruru.dhcp4.config.Dhcp4ServiceConfig;
import ruru.dhcp4.config.Subnet4;
import ruru.json.MapElement;
import ruru.lease.Lease4;
import ruru.lease.Lease4Store;
import ruru.wire.Ipv4Address;

/** lease_cmds' DHCPv4 binding: Kea's Lease4::toElement and Lease4Parser, leases by hardware address or client id. */
final class Lease4Family implements LeaseFamily<Ipv4Address, Lease4, Lease4Store, Dhcp4ServiceConfig> {

    static final Lease4Family INSTANCE = new Lease4Family();

    private Lease4Family() {
    }

    @Override
    public int version() {
        return 4;
    }

    @Override
    public Ipv4Address of(Args.ParsedAddress parsed) {
        return parsed.v4();
    }

    @Override
    public Ipv4Address pageStart() {
        return Ipv4Address.ANY;
    }

    @Override
    public MapElement toElement(Lease4 l) {
        MapElement.Builder b = MapElement.builder();
        if (l.hasClientId()) {
            b.put("client-id", LeaseMaps.COLON_HEX.formatHex(l.clientId()));
        }
        b.put("cltt", l.cltt());
        b.put("fqdn-fwd", l.fqdnFwd());
        b.put("fqdn-rev", l.fqdnRev());
        b.put("hostname", l.hostname());
        if (l.hwAddress() != null) {
            b.put("hw-address", l.hwAddress().toString());
        }
        b.put("ip-address", l.address().toString());
        if (l.poolId() != 0) {
            b.put("pool-id", l.poolId());
        }
        b.put("state", l.state().code());
        b.put("subnet-id", l.subnetId());
        LeaseMaps.putUserContext(b, l.userContext());
        b.put("valid-lft", l.validLifetime());
        return b.build();
    }

    @Override
    public LeaseParse<Lease4> parse(MapElement args, Dhcp4ServiceConfig config, long now) throws CommandException {
        return LeaseParser.parse(args, config, now);
    }

    @Override
    public List<Long> subnetIds(Dhcp4ServiceConfig config) {
        return config.subnets().stream().map(Subnet4::id).toList();
    }

    @Override
    public String added(Lease4 lease) {
        return "Lease for address " + lease.address() + ", subnet-id " + lease.subnetId() + " added.";
    }

    @Override
    public Optional<Lease4> byIdentifier(Lease4Store store, MapElement args, String type, String identifier,
            long subnetId, boolean delete) throws CommandException {
        return switch (type) {
            // Kea returns an unset (0.0.0.0) address here, which finds nothing
            case "address" -> store.get(Ipv4Address.ANY);
            // several leases: the one Kea's backend finds (memfile: the first to take the key)
            case "hw-address" -> store.byHwAddress(Identifiers.hwAddress(identifier), subnetId);
            case "client-id" -> store.byClientId(Identifiers.clientIdentifier(identifier), subnetId);
            case "duid" -> {
                Identifiers.clientId(identifier);
                throw new CommandException((delete ? "Delete" : "Query") + " by duid is not allowed in v4.");
            }
            default -> throw new CommandException("Incorrect identifier type: " + type
                    + ", the only supported values are: address, hw-address, duid");
        };
    }
}
