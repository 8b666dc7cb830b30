package ruru.dhcp4.leasecmds;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import ruru.control.Answer;
import ruru.control.Command;
import ruru.control.CommandException;
import ruru.control.CommandHandler;
import ruru.control.ResultCode;
import ruru.daemon.stats.StatValue;
import ruru.dhcp4.config.Subnet4;
import ruru.json.Element;
import ruru.json.IntElement;
import ruru.json.MapElement;
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

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS");

    private StatCommands() {
    }

    public static Map<String, CommandHandler> handlers(LeaseCommandContext ctx) {
        return Map.of("stat-lease4-get", c -> statLease4Get(ctx, c));
    }

    /** Which subnets were asked for; first and last are inclusive, 0..0 means all. */
    private record Selection(String label, long first, long last, boolean single) {
    }

    private static Answer statLease4Get(LeaseCommandContext ctx, Command c) throws CommandException {
        Selection sel = select(c.arguments());
        List<Subnet4> subnets = ctx.config().subnets().stream()
                .filter(s -> sel.first() == 0 || (s.id() >= sel.first() && s.id() <= sel.last()))
                .toList();
        String prefix = "stat-lease4-get[" + sel.label() + "]: ";
        if (subnets.isEmpty()) {
            String why = sel.single()
                    ? "subnet-id: " + sel.first() + " does not exist"
                    : "selected ID range: " + sel.first() + " through " + sel.last() + " includes no known subnets";
            return new Answer(ResultCode.EMPTY, prefix + "no matching data, " + why, MapElement.empty());
        }
        Map<Long, long[]> byState = new java.util.HashMap<>();
        for (LeaseCount lc : ctx.leases().counts()) {
            long[] n = byState.computeIfAbsent(lc.subnetId(), k -> new long[2]);
            n[lc.state() == LeaseState.DECLINED ? 1 : 0] += lc.leases();
        }
        List<Element> rows = subnets.stream().map(s -> row(ctx, s, byState.getOrDefault(s.id(), new long[2]))).toList();
        MapElement resultSet = MapElement.builder()
                .put("columns", Element.list(COLUMNS.stream().map(Element::of).toList()))
                .put("rows", Element.list(rows))
                .put("timestamp", TIMESTAMP.format(ctx.clock().instant().atZone(ctx.clock().getZone())))
                .build();
        return Answer.ok(prefix + rows.size() + " rows found", MapElement.builder().put("result-set", resultSet).build());
    }

    private static Selection select(Element arguments) throws CommandException {
        if (arguments == null) {
            return new Selection("all subnets", 0, 0, false);
        }
        if (!(arguments instanceof MapElement args)) {
            throw new CommandException("'arguments' parameter is not a map");
        }
        Long id = null;
        Element sid = args.get("subnet-id");
        if (sid != null) {
            if (!(sid instanceof IntElement i)) {
                throw new CommandException("'subnet-id' parameter is not integer");
            }
            if (i.value() <= 0) {
                throw new CommandException("'subnet-id' parameter must be > 0");
            }
            id = i.value();
        }
        Element range = args.get("subnet-range");
        if (range != null) {
            if (!(range instanceof MapElement r)) {
                throw new CommandException("subnet-range parameter is not a map");
            }
            long first = positive(r, "first-subnet-id");
            long last = positive(r, "last-subnet-id");
            if (last < first) {
                throw new CommandException("'last-subnet-id' must be greater than 'first-subnet-id'");
            }
            if (id != null) {
                throw new CommandException("cannot specify both subnet-id and subnet-range");
            }
            if (last == first) {
                // Kea's LeaseStatsQuery refuses a one-subnet range with this (odd) text [OBS 2.2]
                throw new CommandException("LeaseStatsQuery: last_subnet_id_must be > first_subnet_id_");
            }
            return new Selection("subnets " + first + " through " + last, first, last, false);
        }
        if (id != null) {
            return new Selection("subnet-id=" + id, id, id, true);
        }
        return new Selection("all subnets", 0, 0, false);
    }

    private static long positive(MapElement range, String name) throws CommandException {
        if (!(range.get(name) instanceof IntElement i)) {
            throw new CommandException("'" + name + "' parameter missing or not an integer");
        }
        if (i.value() <= 0) {
            throw new CommandException("'" + name + "' parameter must be > 0");
        }
        return i.value();
    }

    private static Element row(LeaseCommandContext ctx, Subnet4 s, long[] counts) {
        long assigned = counts[0];
        long declined = counts[1];
        long total = stat(ctx, s.id(), "total-addresses", s.totalAddresses());
        long cumulative = stat(ctx, s.id(), "cumulative-assigned-addresses", 0);
        return Element.list(Element.of(s.id()), Element.of(total), Element.of(cumulative),
                Element.of(assigned), Element.of(declined));
    }

    private static long stat(LeaseCommandContext ctx, long subnetId, String name, long fallback) {
        return ctx.stats().value("subnet[" + subnetId + "]." + name)
                .map(v -> v instanceof StatValue.IntegerValue i ? i.value() : fallback)
                .orElse(fallback);
    }
}
