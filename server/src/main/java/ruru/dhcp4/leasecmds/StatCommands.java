package ruru.dhcp4.leasecmds;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import ruru.control.CommandHandler;
import ruru.dhcp.leasecmds.StatLeaseGet;
import ruru.dhcp4.config.Subnet4;
import ruru.json.Element;
import ruru.lease.LeaseCount;
import ruru.lease.LeaseState;

/**
 * stat-lease4-get from Kea's stat_cmds hook library ({@code libdhcp_stat_cmds.so}): one row per
 * subnet. assigned and declined are the lease store's counts by state, as Kea's lease stats
 * query reads them (a PostgreSQL store: its trigger-maintained lease4_stat tables, so leases of
 * every server on the database count; declined leases are not in assigned, unlike the
 * subnet[id].assigned-addresses statistic); total and cumulative come from the statistics.
 */
public final class StatCommands {

    private static final List<String> COLUMNS = List.of("subnet-id", "total-addresses",
            "cumulative-assigned-addresses", "assigned-addresses", "declined-addresses");

    private StatCommands() {
    }

    public static Map<String, CommandHandler> handlers(LeaseCommandContext ctx) {
        return Map.of("stat-lease4-get", c -> StatLeaseGet.answer(c, ctx.config().subnets(), Subnet4::id, COLUMNS,
                subnets -> rows(ctx, subnets), ctx.clock()));
    }

    private static List<Element> rows(LeaseCommandContext ctx, List<Subnet4> subnets) {
        Map<Long, long[]> byState = new HashMap<>();
        for (LeaseCount lc : ctx.leases().counts()) {
            long[] n = byState.computeIfAbsent(lc.subnetId(), k -> new long[2]);
            n[lc.state() == LeaseState.DECLINED ? 1 : 0] += lc.leases();
        }
        return subnets.stream().map(s -> {
            long[] counts = byState.getOrDefault(s.id(), new long[2]);
            return (Element) Element.list(Element.of(s.id()),
                    Element.of(StatLeaseGet.stat(ctx.stats(), s.id(), "total-addresses", s.totalAddresses())),
                    Element.of(StatLeaseGet.stat(ctx.stats(), s.id(), "cumulative-assigned-addresses", 0)),
                    Element.of(counts[0]), Element.of(counts[1]));
        }).toList();
    }
}
