package ruru.dhcp4.leasecmds;

import java.util.LinkedHashMap;
import java.util.Map;

import ruru.control.CommandHandler;
import ruru.dhcp.leasecmds.LeaseCommandSet;
import ruru.dhcp4.config.Dhcp4ServiceConfig;
import ruru.lease.Lease4;
import ruru.lease.Lease4Store;
import ruru.wire.Ipv4Address;

/**
 * The DHCPv4 commands of Kea's lease_cmds hook library ({@code libdhcp_lease_cmds.so}): the shared
 * {@link LeaseCommandSet} with the DHCPv4 lookups by hardware address and client id.
 */
public final class LeaseCommands {

    private LeaseCommands() {
    }

    /** Command name to handler, in Kea's registration order. */
    public static Map<String, CommandHandler> handlers(LeaseCommandContext ctx) {
        LeaseCommandSet<Ipv4Address, Lease4, Lease4Store, Dhcp4ServiceConfig> set = commands(ctx);
        Map<String, CommandHandler> lookups = new LinkedHashMap<>();
        lookups.put("lease4-get-by-hw-address", c -> set.leases(
                ctx.leases().byHwAddress(Identifiers.hwAddress(LeaseCommandSet.mandatoryString(c, "hw-address"))), false));
        lookups.put("lease4-get-by-client-id", c -> set.leases(
                ctx.leases().byClientId(Identifiers.clientId(LeaseCommandSet.mandatoryString(c, "client-id"))), false));
        return set.handlers(lookups, Map.of());
    }

    static LeaseCommandSet<Ipv4Address, Lease4, Lease4Store, Dhcp4ServiceConfig> commands(LeaseCommandContext ctx) {
        return new LeaseCommandSet<>(Lease4Family.INSTANCE, ctx);
    }
}
