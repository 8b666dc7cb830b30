package ruru.dhcp6.leasecmds;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import ruru.control.CommandException;
import ruru.dhcp.leasecmds.Args;
import ruru.dhcp.leasecmds.LeaseFamily;
import ruru.dhcp.leasecmds.LeaseMaps;
import ruru.dhcp6.config.Dhcp6ServiceConfig;
import ruru.dhcp6.config.Subnet6;
import ruru.json.IntElement;
import ruru.json.MapElement;
import ruru.lease.Lease6;
import ruru.lease.Lease6Store;
import ruru.wire.Ipv6Address;
import ruru.wire.v6.IaType;

/**
 * lease_cmds' DHCPv6 binding: Kea's Lease6::toElement and Lease6Parser, the lease type that
 * narrows every lookup, leases by DUID and IAID.
 */
final class Lease6Family implements LeaseFamily<Ipv6Address, Lease6, Lease6Store, Dhcp6ServiceConfig> {

    static final Lease6Family INSTANCE = new Lease6Family();

    private Lease6Family() {
    }

    @Override
    public int version() {
        return 6;
    }

    @Override
    public Ipv6Address of(Args.ParsedAddress parsed) {
        return parsed.v6();
    }

    /** The store's pages start before every address with null. */
    @Override
    public Ipv6Address pageStart() {
        return null;
    }

    @Override
    public MapElement toElement(Lease6 l) {
        MapElement.Builder b = MapElement.builder();
        b.put("cltt", l.cltt());
        b.put("duid", LeaseMaps.COLON_HEX.formatHex(l.duid()));
        b.put("fqdn-fwd", l.fqdnFwd());
        b.put("fqdn-rev", l.fqdnRev());
        b.put("hostname", l.hostname());
        if (l.hwAddress() != null) {
            b.put("hw-address", l.hwAddress().toString());
        }
        b.put("iaid", l.iaid());
        b.put("ip-address", l.address().toString());
        if (l.poolId() != 0) {
            b.put("pool-id", l.poolId());
        }
        b.put("preferred-lft", l.preferredLifetime());
        if (l.type() == IaType.PD) {
            b.put("prefix-len", l.prefixLength());
        }
        b.put("state", l.state().code());
        b.put("subnet-id", l.subnetId());
        b.put("type", l.type().keaName());
        LeaseMaps.putUserContext(b, l.userContext());
        b.put("valid-lft", l.validLifetime());
        return b.build();
    }

    @Override
    public LeaseParse<Lease6> parse(MapElement args, Dhcp6ServiceConfig config, long now) throws CommandException {
        return Lease6Parser.parse(args, config, now);
    }

    @Override
    public List<Long> subnetIds(Dhcp6ServiceConfig config) {
        return config.subnets().stream().map(Subnet6::id).toList();
    }

    @Override
    public String added(Lease6 l) {
        return l.type() == IaType.NA ? "Lease for address " + l.address() + ", subnet-id " + l.subnetId() + " added."
                : "Lease for prefix " + l.address() + "/" + l.prefixLength() + ", subnet-id " + l.subnetId() + " added.";
    }

    @Override
    public Predicate<Lease6> lookupFilter(MapElement args) throws CommandException {
        IaType type = Lease6Args.type(args);
        return l -> l.type() == type;
    }

    @Override
    public Optional<Lease6> byIdentifier(Lease6Store store, MapElement args, String type, String identifier,
            long subnetId, boolean delete) throws CommandException {
        if (!type.equals("duid")) {
            throw new CommandException(type.equals("hw-address") || type.equals("address")
                    ? (delete ? "Delete" : "Query") + " by " + type + " is not allowed in v6."
                    : "Incorrect identifier type: " + type + ", the only supported values are: address, hw-address,"
                    + " duid");
        }
        if (!(args.get("iaid") instanceof IntElement iaid)) {
            throw new CommandException("Parameter 'iaid' is mandatory for identifier-type 'duid'.");
        }
        byte[] duid = Lease6Args.duid(identifier);
        IaType leaseType = Lease6Args.type(args);
        List<Lease6> found = store.byDuid(duid).stream().filter(l -> l.type() == leaseType && l.iaid() == iaid.value()
                && l.subnetId() == subnetId).toList();
        if (found.size() > 1) {
            // Kea's LeaseMgr::getLease6(type, duid, iaid, subnet-id): kea-dhcp6 2.2 answers lease6-get,
            // lease6-del and lease6-bulk-apply with this text (result 1); Kea 3's source is the same
            throw new CommandException("More than one lease found for type " + keaTypeNumber(leaseType) + ", duid "
                    + java.util.HexFormat.ofDelimiter(":").formatHex(duid) + ", iaid " + iaid.value()
                    + " and subnet-id " + subnetId);
        }
        return found.stream().findFirst();
    }

    /** Kea's Lease::Type number: 0 IA_NA, 1 IA_TA, 2 IA_PD. */
    private static int keaTypeNumber(IaType type) {
        return switch (type) {
            case NA -> 0;
            case TA -> 1;
            case PD -> 2;
        };
    }

    /** lease6-resend-ddns sends names for address leases only. */
    @Override
    public Optional<Lease6> resendLease(Lease6Store store, Ipv6Address address) {
        return store.get(address).filter(l -> l.type() == IaType.NA);
    }
}
