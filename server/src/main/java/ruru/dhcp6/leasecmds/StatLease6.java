package ruru.dhcp6.leasecmds;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import ruru.control.Answer;
import ruru.control.Command;
import ruru.control.CommandException;
import ruru.control.CommandHandler;
import ruru.control.ResultCode;
import ruru.daemon.stats.StatValue;
import ruru.dhcp6.config.Subnet6;
import ruru.json.Element;
import ruru.json.IntElement;
import ruru.json.MapElement;
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
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS");

    private StatLease6() {
    }

    public static Map<String, CommandHandler> handlers(Lease6CommandContext ctx) {
        return Map.of("stat-lease6-get", c -> get(ctx, c));
    }

    private static Answer get(Lease6CommandContext ctx, Command c) throws CommandException {
        long[] range = select(c.arguments());
        String label = range[0] == 0 ? "all subnets" : range[2] == 1 ? "subnet-id=" + range[0]
                : "subnets " + range[0] + " through " + range[1];
        List<Subnet6> subnets = ctx.config().subnets().stream()
                .filter(s -> range[0] == 0 || s.id() >= range[0] && s.id() <= range[1]).toList();
        String prefix = "stat-lease6-get[" + label + "]: ";
        if (subnets.isEmpty()) {
            String why = range[2] == 1 ? "subnet-id: " + range[0] + " does not exist"
                    : "selected ID range: " + range[0] + " through " + range[1] + " includes no known subnets";
            return new Answer(ResultCode.EMPTY, prefix + "no matching data, " + why, MapElement.empty());
        }
        // Kea's stat_cmds read the trigger-kept lease6_stat of a database; memfile counts its leases
        List<LeaseCount> counts = ctx.leases().counts();
        List<Element> rows = subnets.stream().map(s -> row(ctx, s, counts)).toList();
        MapElement resultSet = MapElement.builder()
                .put("columns", Element.list(COLUMNS.stream().map(Element::of).toList()))
                .put("rows", Element.list(rows))
                .put("timestamp", TIMESTAMP.format(ctx.clock().instant().atZone(ctx.clock().getZone())))
                .build();
        return Answer.ok(prefix + rows.size() + " rows found", MapElement.builder().put("result-set", resultSet).build());
    }

    /** {first, last, single}: 0 first means all subnets. */
    private static long[] select(Element arguments) throws CommandException {
        if (arguments == null) {
            return new long[] {0, 0, 0};
        }
        if (!(arguments instanceof MapElement args)) {
            throw new CommandException("'arguments' parameter is not a map");
        }
        Element sid = args.get("subnet-id");
        Element range = args.get("subnet-range");
        if (sid != null && range != null) {
            throw new CommandException("cannot specify both subnet-id and subnet-range");
        }
        if (sid != null) {
            if (!(sid instanceof IntElement i)) {
                throw new CommandException("'subnet-id' parameter is not integer");
            }
            if (i.value() <= 0) {
                throw new CommandException("'subnet-id' parameter must be > 0");
            }
            return new long[] {i.value(), i.value(), 1};
        }
        if (range != null) {
            if (!(range instanceof MapElement r)) {
                throw new CommandException("subnet-range parameter is not a map");
            }
            long first = positive(r, "first-subnet-id");
            long last = positive(r, "last-subnet-id");
            if (last <= first) {
                throw new CommandException(last < first ? "'last-subnet-id' must be greater than 'first-subnet-id'"
                        : "LeaseStatsQuery: last_subnet_id_must be > first_subnet_id_");
            }
            return new long[] {first, last, 0};
        }
        return new long[] {0, 0, 0};
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
        return ctx.stats().value("subnet[" + subnetId + "]." + name)
                .map(v -> v instanceof StatValue.IntegerValue i ? i.value() : 0L).orElse(0L);
    }
}
