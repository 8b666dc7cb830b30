package ruru.dhcp6.leasecmds;

import java.util.Optional;

import ruru.control.CommandException;
import ruru.control.ResultCode;
import ruru.dhcp.leasecmds.Args;
import ruru.dhcp.leasecmds.LeaseFamily.LeaseParse;
import ruru.dhcp6.config.Dhcp6ServiceConfig;
import ruru.dhcp6.config.Subnet6;
import ruru.json.MapElement;
import ruru.lease.Lease6;
import ruru.lease.LeaseState;
import ruru.wire.HardwareAddress;
import ruru.wire.Ipv6Address;
import ruru.wire.WireFormatException;
import ruru.wire.v6.IaType;

/**
 * lease6-add / lease6-update arguments to a lease, as Kea's {@code Lease6Parser}: the subnet from
 * {@code subnet-id} or, without one, the subnet containing the address; lifetimes default to the
 * subnet's valid lifetime (both of them, as Kea does); cltt from {@code expire}, else now.
 */
final class Lease6Parser {

    private Lease6Parser() {
    }

    static LeaseParse<Lease6> parse(MapElement args, Dhcp6ServiceConfig config, long now) throws CommandException {
        // Kea's Lease6Parser order, so the first error reported is Kea's: address, duid, type (and a
        // prefix's length), subnet, iaid, hw-address, lifetimes, expire, names, state, user context
        Args.ParsedAddress parsed = Args.address(args, "ip-address");
        if (parsed.v6() == null) {
            throw new CommandException("Non-IPv6 address specified: " + parsed.text());
        }
        Ipv6Address address = parsed.v6();
        byte[] duid = Lease6Args.duid(Args.string(args, "duid"));
        IaType type = Lease6Args.type(args);
        int prefixLength = 128;
        if (type == IaType.PD) {
            long len = Args.uint32(args, "prefix-len");
            if (len < 1 || len > 128) {
                throw new CommandException("Invalid prefix length: " + len);
            }
            prefixLength = (int) len;
        }
        Subnet6 subnet = subnet(args, config, address, type);
        if (type == IaType.NA && !subnet.contains(address)) {
            throw new CommandException(ResultCode.CONFLICT, "The address " + address + " does not belong to subnet "
                    + subnet.prefixText() + ", subnet-id=" + subnet.id());
        }
        long iaid = Args.uint32(args, "iaid");
        // Kea's lease6-add gives the hardware address no source (0: unknown), as kea-dhcp6 2.2 stores it
        HardwareAddress hw = null;
        if (args.has("hw-address")) {
            try {
                hw = HardwareAddress.parse(Args.string(args, "hw-address"));
            } catch (WireFormatException e) {
                throw new CommandException("invalid hw-address: " + e.getMessage());
            }
        }
        long valid = Lease6Args.optionalUnsigned(args, "valid-lft").orElse(subnet.validLifetime().dflt());
        long preferred = Lease6Args.optionalUnsigned(args, "preferred-lft").orElse(subnet.validLifetime().dflt());
        long cltt = now;
        Optional<Long> expire = Lease6Args.optionalUnsigned(args, "expire");
        if (expire.isPresent()) {
            if (expire.get() <= 0) {
                throw new CommandException("expiration time must be positive for address " + address);
            }
            if (expire.get() < valid) {
                throw new CommandException("expiration time must be greater than valid lifetime for address "
                        + address);
            }
            cltt = expire.get() - valid;
        }
        boolean fwd = Args.bool(args, "fqdn-fwd", false);
        boolean rev = Args.bool(args, "fqdn-rev", false);
        String hostname = args.has("hostname") ? Args.string(args, "hostname") : "";
        if (hostname.isEmpty() && (fwd || rev)) {
            throw new CommandException("No hostname specified and either forward or reverse fqdn was set to true.");
        }
        LeaseState state = LeaseState.DEFAULT;
        if (args.has("state")) {
            long s = Args.uint32(args, "state");
            if (s > 3) {
                throw new CommandException("Invalid state value: " + s + ", supported values are: 0 (default), 1"
                        + " (declined), 2 (expired-reclaimed) and 3 (released)");
            }
            state = LeaseState.of((int) s);
            if (state == LeaseState.DECLINED && type == IaType.PD) {
                throw new CommandException("Invalid declined state for PD prefix.");
            }
        }
        String userContext = Args.userContext(args);
        // Kea stores hostnames lower-case, as lease4-add does (kea-dhcp6 2.2 observed)
        Lease6 lease = new Lease6(address, type, prefixLength, iaid, duid, preferred, valid, cltt, subnet.id(),
                fwd, rev, hostname.toLowerCase(java.util.Locale.ROOT), hw,
                0, state, userContext, poolId(subnet, type, address, prefixLength));
        return new LeaseParse<>(lease, Args.bool(args, "force-create", false));
    }

    private static long poolId(Subnet6 subnet, IaType type, Ipv6Address address, int prefixLength) {
        if (type == IaType.PD) {
            return subnet.pdPoolOf(new ruru.wire.Ipv6Prefix(address, prefixLength)).map(p -> p.poolId()).orElse(0L);
        }
        return subnet.poolOf(address).map(p -> p.poolId()).orElse(0L);
    }

    private static Subnet6 subnet(MapElement args, Dhcp6ServiceConfig config, Ipv6Address address, IaType type)
            throws CommandException {
        long id = args.has("subnet-id") ? Args.uint32(args, "subnet-id") : 0;
        if (id == 0 && type != IaType.NA) {
            throw new CommandException("Subnet-id is 0 or not specified. This is allowed for address leases only,"
                    + " not prefix leases.");
        }
        if (id == 0) {
            for (Subnet6 s : config.subnets()) {
                if (s.contains(address)) {
                    return s;
                }
            }
            throw new CommandException("subnet-id not specified and failed to find a subnet for address " + address);
        }
        return config.subnetById(id).orElseThrow(() -> new CommandException("Invalid subnet-id: No IPv6 subnet with"
                + " subnet-id=" + id + " currently configured."));
    }
}
