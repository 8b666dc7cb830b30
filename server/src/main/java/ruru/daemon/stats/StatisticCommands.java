package ruru.daemon.stats;

import java.time.Duration;

import ruru.control.Answer;
import ruru.control.CommandException;
import ruru.control.CommandRegistry;
import ruru.json.Element;
import ruru.json.IntElement;
import ruru.json.MapElement;
import ruru.json.StringElement;

/**
 * The statistic-* commands, with Kea's texts (src/lib/stats/stats_mgr.cc, Kea 3.0). Kea reads the
 * arguments with Element::get and intValue, whose type errors surface through the command
 * manager as "Error during command processing: ... in (position)"; those texts are reproduced.
 */
public final class StatisticCommands {

    private StatisticCommands() {
    }

    /**
     * Registers the statistic commands. {@code full} (kea-dhcp4/6) registers all ten; otherwise
     * (kea-dhcp-ddns) only statistic-get, -get-all, -reset and -reset-all.
     */
    public static void register(CommandRegistry registry, StatsManager stats, boolean full) {
        registry.register("statistic-get", cmd -> Answer.okArgs(stats.get(name(cmd.arguments()))));
        registry.register("statistic-get-all", cmd -> Answer.okArgs(stats.getAll()));
        registry.register("statistic-reset", cmd -> {
            String name = name(cmd.arguments());
            return stats.reset(name) ? Answer.ok("Statistic '" + name + "' reset.") : notFound(name);
        });
        registry.register("statistic-reset-all", cmd -> {
            stats.resetAll();
            return Answer.ok("All statistics reset to neutral values.");
        });
        if (!full) {
            return;
        }
        registry.register("statistic-remove", cmd -> {
            String name = name(cmd.arguments());
            return stats.remove(name) ? Answer.ok("Statistic '" + name + "' removed.") : notFound(name);
        });
        registry.register("statistic-remove-all", cmd -> {
            stats.removeAll();
            return Answer.ok("Warning: statistic-remove-all command is deprecated. All statistics removed.");
        });
        registry.register("statistic-sample-age-set", cmd -> {
            String name = name(cmd.arguments());
            Duration age = duration(cmd.arguments());
            return stats.setMaxSampleAge(name, age)
                    ? Answer.ok("Statistic '" + name + "' duration limit is set.") : notFound(name);
        });
        registry.register("statistic-sample-age-set-all", cmd -> {
            Duration age = duration(cmd.arguments());
            // Kea also makes the age limit the default for statistics created later.
            stats.setDefaults(0, age);
            stats.setMaxSampleAgeAll(age);
            return Answer.ok("All statistics duration limit are set.");
        });
        registry.register("statistic-sample-count-set", cmd -> {
            String name = name(cmd.arguments());
            long max = maxSamples(cmd.arguments());
            if (max == 0) {
                // As the -all variant: a limit of no samples would make the statistic unreadable.
                throw new CommandException("'max-samples' parameter must not be zero");
            }
            return stats.setMaxSampleCount(name, max)
                    ? Answer.ok("Statistic '" + name + "' count limit is set.") : notFound(name);
        });
        registry.register("statistic-sample-count-set-all", cmd -> {
            long max = maxSamples(cmd.arguments());
            if (max == 0) {
                throw new CommandException("'max-samples' parameter must not be zero");
            }
            stats.setDefaultSampleCount(max);
            stats.setMaxSampleCountAll(max);
            return Answer.ok("All statistics count limit are set.");
        });
    }

    private static Answer notFound(String name) {
        return Answer.error("No '" + name + "' statistic found");
    }

    private static String name(Element args) throws CommandException {
        Element name = param(args, "name");
        if (name == null) {
            throw new CommandException("Missing mandatory 'name' parameter.");
        }
        if (!(name instanceof StringElement s)) {
            throw new CommandException("'name' parameter expected to be a string.");
        }
        return s.value();
    }

    /** Kea: {@code chrono::seconds(duration->intValue())}, no further checks. */
    private static Duration duration(Element args) throws CommandException {
        Element duration = param(args, "duration");
        if (duration == null) {
            throw new CommandException("Missing mandatory 'duration' parameter.");
        }
        if (!(duration instanceof IntElement i)) {
            throw new CommandException("Error during command processing: intValue() called on non-integer Element in ("
                    + duration.position() + ")");
        }
        return Duration.ofSeconds(i.value());
    }

    /** Kea stores max-samples in a uint32_t, so the value wraps modulo 2^32. */
    private static long maxSamples(Element args) throws CommandException {
        Element max = param(args, "max-samples");
        if (max == null) {
            throw new CommandException("Missing mandatory 'max-samples' parameter.");
        }
        if (!(max instanceof IntElement i)) {
            throw new CommandException("'max-samples' parameter expected to be an integer.");
        }
        return i.value() & 0xFFFF_FFFFL;
    }

    /** Absent arguments give null; arguments that are not a map fail as Kea's Element::get does. */
    private static Element param(Element args, String key) throws CommandException {
        if (args == null) {
            return null;
        }
        if (!(args instanceof MapElement map)) {
            throw new CommandException("Error during command processing: get(string) called on a non-map Element in ("
                    + args.position() + ")");
        }
        return map.get(key);
    }
}
