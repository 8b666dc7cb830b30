package ruru.dhcp4.leasecmds;

import java.util.Locale;

import ruru.control.CommandException;
import ruru.dhcp.leasecmds.Args;
import ruru.dhcp.leasecmds.LeaseFamily.LeaseParse;
import ruru.dhcp4.config.Dhcp4ServiceConfig;
import ruru.dhcp4.config.Pool4;
import ruru.dhcp4.config.Subnet4;
import ruru.json.MapElement;
import ruru.lease.Lease4;
import ruru.lease.LeaseState;
import ruru.wire.HardwareAddress;

/**
 * Reads the lease of lease4-add and lease4-update as Kea's Lease4Parser does, in the same order,
 * so the first error reported is Kea's first error.
 */
final class LeaseParser {

    private LeaseParser() {
    }

    static LeaseParse<Lease4> parse(MapElement args, Dhcp4ServiceConfig config, long nowEpoch) throws CommandException {
        Args.ParsedAddress parsed = Args.address(args, "ip-address");
        if (parsed.v4() == null) {
            throw new CommandException("Non-IPv4 address specified: " + parsed.text());
        }
        var addr = parsed.v4();
        HardwareAddress hw = Identifiers.hwAddress(Args.string(args, "hw-address"));

        long subnetId = args.has("subnet-id") ? Args.unsigned(args, "subnet-id", Args.UINT32_MAX) : 0;
        Subnet4 subnet;
        if (subnetId != 0) {
            subnet = config.subnetById(subnetId).orElseThrow(() -> new CommandException(
                    "Invalid subnet-id: No IPv4 subnet with subnet-id=" + subnetId + " currently configured."));
            if (!subnet.contains(addr)) {
                throw new CommandException("The address " + addr + " does not belong to subnet "
                        + subnet.prefixText() + ", subnet-id=" + subnetId);
            }
        } else {
            // CfgSubnets4::selectSubnet(address): the first subnet whose prefix holds the address
            subnet = config.subnets().stream().filter(s -> s.contains(addr)).findFirst()
                    .orElseThrow(() -> new CommandException(
                            "subnet-id not specified and failed to find a subnet for address " + addr));
        }

        byte[] clientId = args.has("client-id") ? Identifiers.clientId(Args.string(args, "client-id")) : null;
        long valid = args.has("valid-lft") ? Args.unsigned(args, "valid-lft", Args.UINT32_MAX)
                : subnet.validLifetime().dflt();

        long cltt = nowEpoch;
        if (args.has("expire")) {
            // Kea accepts expired leases on purpose (migrations), so the past is allowed
            long expire = Args.integer(args, "expire");
            if (expire <= 0) {
                throw new CommandException("expiration time must be positive for address " + addr);
            }
            if (expire < valid) {
                throw new CommandException("expiration time must be greater than valid lifetime for address " + addr);
            }
            cltt = expire - valid;
        }

        boolean fwd = args.has("fqdn-fwd") && Args.bool(args, "fqdn-fwd");
        boolean rev = args.has("fqdn-rev") && Args.bool(args, "fqdn-rev");
        String hostname = args.has("hostname") ? Args.string(args, "hostname") : "";
        if (hostname.isEmpty() && (fwd || rev)) {
            throw new CommandException("No hostname specified and either forward or reverse fqdn was set to true.");
        }

        int state = args.has("state") ? (int) Args.unsigned(args, "state", 255) : 0;
        if (state > LeaseState.RELEASED.code()) {
            throw new CommandException("Invalid state value: " + state + ", supported values are: 0 (default), "
                    + "1 (declined), 2 (expired-reclaimed) and 3 (released)");
        }

        String context = Args.userContext(args);
        boolean forceCreate = args.has("force-create") && Args.bool(args, "force-create");

        if (hw.length() == 0 && clientId == null && state != LeaseState.DECLINED.code()) {
            // the memfile's sanity check on insert, same text as Kea's
            throw new CommandException("Lease4: " + addr + ", state: " + LeaseState.of(state).keaName()
                    + " has neither hardware address or client id");
        }
        long poolId = subnet.poolOf(addr).map(Pool4::poolId).orElse(0L);
        // Kea stores hostnames lower-case (lease4-get-by-hostname lower-cases its argument too)
        Lease4 lease = new Lease4(addr, hw, clientId, valid, cltt, subnet.id(), fwd, rev,
                hostname.toLowerCase(Locale.ROOT), LeaseState.of(state), context, poolId);
        return new LeaseParse<>(lease, forceCreate);
    }
}
