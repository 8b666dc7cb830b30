package ruru.dhcp6.leasecmds;

import java.util.List;
import java.util.Map;

import ruru.control.CommandHandler;
import ruru.dhcp.leasecmds.StatLeaseGet;
import ruru.dhcp6.config.Subnet6;
import ruru.json.Element;
import ruru.lease.LeaseCount;
import ruru.lease.LeaseState;
import ruru.wire.v6.IaType;

/**
 * stat-lease6-get from Kea's stat_cmds hook library: one row per subnet with Kea 3.0's columns
 * (2.2 called the fifth one {@code declined-nas}). Assigned and declined come from the lease store
 * by state (so declined leases are not in assigned, unlike the {@code assigned-nas} statistic);
 * totals and cumulative counts from the statistics.
 */
public final class StatLease6 {

    private static final List<String> COLUMNS = List.of("subnet-id", "total-nas", "cumulative-assigned-nas",
            "assigned-nas", "declined-addresses", "total-pds", "cumulative-assigned-pds", "assigned-pds");

    private StatLease6() {
    }

    public static Map<String, CommandHandler> handlers(Lease6CommandContext ctx) {
        // Kea's stat_cmds read the trigger-kept lease6_stat of a database; memfile counts its leases
        return Map.of("stat-lease6-get", c -> StatLeaseGet.answer(c, ctx.config().subnets(), Subnet6::id, COLUMNS,
                subnets -> {
                    List<LeaseCount> counts = ctx.leases().counts();
                    return subnets.stream().map(s -> row(ctx, s, counts)).toList();
                }, ctx.clock()));
    }

    private static Element row(Lease6CommandContext ctx, Subnet6 s, List<LeaseCount> counts) {
        long nas = 0;
        long declined = 0;
        long pds = 0;
        for (LeaseCount l : counts) {
            if (l.subnetId() != s.id()) {
                continue;
            }
            if (l.state() == LeaseState.DEFAULT) {
                if (l.type() == IaType.PD) {
                    pds += l.leases();
                } else {
                    nas += l.leases();
                }
            } else if (l.state() == LeaseState.DECLINED) {
                declined += l.leases();
            }
        }
        return Element.list(Element.of(s.id()), Element.of(stat(ctx, s.id(), "total-nas")),
                Element.of(stat(ctx, s.id(), "cumulative-assigned-nas")), Element.of(nas), Element.of(declined),
                Element.of(stat(ctx, s.id(), "total-pds")), Element.of(stat(ctx, s.id(), "cumulative-assigned-pds")),
                Element.of(pds));
    }

    private static long stat(Lease6CommandContext ctx, long subnetId, String name) {
        return StatLeaseGet.stat(ctx.stats(), subnetId, name, 0);
    }
}
