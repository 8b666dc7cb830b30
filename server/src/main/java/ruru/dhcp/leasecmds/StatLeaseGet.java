package ruru.dhcp.leasecmds;

import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

import ruru.control.Answer;
import ruru.control.Command;
import ruru.control.CommandException;
import ruru.control.ResultCode;
import ruru.daemon.stats.StatValue;
import ruru.daemon.stats.StatsManager;
import ruru.json.Element;
import ruru.json.IntElement;
import ruru.json.MapElement;

/**
 * stat-lease4-get and stat-lease6-get from Kea's stat_cmds hook library
 * ({@code libdhcp_stat_cmds.so}): which subnets were asked for (subnet-id or subnet-range, checked
 * in Kea's order, the same for both families) and the result-set of one row per subnet. The
 * family gives the columns and the rows.
 */
public final class StatLeaseGet {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS");

    private StatLeaseGet() {
    }

    /** Which subnets were asked for; first and last are inclusive, 0..0 means all. */
    record Selection(String label, long first, long last, boolean single) {

        boolean includes(long id) {
            return first == 0 || id >= first && id <= last;
        }
    }

    /**
     * Answers {@code c} for the configured {@code subnets} (in configuration order).
     *
     * @param rows the result-set rows of the selected subnets, in the order given
     */
    public static <S> Answer answer(Command c, List<S> subnets, ToLongFunction<S> id, List<String> columns,
            Function<List<S>, List<Element>> rows, Clock clock) throws CommandException {
        Selection sel = select(c.arguments());
        List<S> selected = subnets.stream().filter(s -> sel.includes(id.applyAsLong(s))).toList();
        String prefix = c.name() + "[" + sel.label() + "]: ";
        if (selected.isEmpty()) {
            String why = sel.single()
                    ? "subnet-id: " + sel.first() + " does not exist"
                    : "selected ID range: " + sel.first() + " through " + sel.last() + " includes no known subnets";
            return new Answer(ResultCode.EMPTY, prefix + "no matching data, " + why, MapElement.empty());
        }
        List<Element> found = rows.apply(selected);
        MapElement resultSet = MapElement.builder()
                .put("columns", Element.list(columns.stream().map(Element::of).toList()))
                .put("rows", Element.list(found))
                .put("timestamp", TIMESTAMP.format(clock.instant().atZone(clock.getZone())))
                .build();
        return Answer.ok(prefix + found.size() + " rows found", MapElement.builder().put("result-set", resultSet).build());
    }

    /** An integer statistic of a subnet ({@code subnet[id].name}), {@code fallback} when unset. */
    public static long stat(StatsManager stats, long subnetId, String name, long fallback) {
        return stats.value("subnet[" + subnetId + "]." + name)
                .map(v -> v instanceof StatValue.IntegerValue i ? i.value() : fallback)
                .orElse(fallback);
    }

    /**
     * Kea's order (checked live on kea-dhcp4 and kea-dhcp6 2.2): the subnet-id first; with one, a
     * subnet-range is refused before it is read; then the range.
     */
    static Selection select(Element arguments) throws CommandException {
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
        if (range == null) {
            return id == null ? new Selection("all subnets", 0, 0, false) : new Selection("subnet-id=" + id, id, id, true);
        }
        if (id != null) {
            throw new CommandException("cannot specify both subnet-id and subnet-range");
        }
        if (!(range instanceof MapElement r)) {
            throw new CommandException("subnet-range parameter is not a map");
        }
        long first = positive(r, "first-subnet-id");
        long last = positive(r, "last-subnet-id");
        if (last < first) {
            throw new CommandException("'last-subnet-id' must be greater than 'first-subnet-id'");
        }
        if (last == first) {
            // Kea's LeaseStatsQuery refuses a one-subnet range with this (odd) text [OBS 2.2]
            throw new CommandException("LeaseStatsQuery: last_subnet_id_must be > first_subnet_id_");
        }
        return new Selection("subnets " + first + " through " + last, first, last, false);
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
}
