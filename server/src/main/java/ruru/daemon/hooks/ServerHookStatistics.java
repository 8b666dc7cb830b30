package ruru.daemon.hooks;

import java.util.OptionalLong;

import ruru.daemon.stats.StatValue;
import ruru.daemon.stats.StatsManager;
import ruru.hooks.HookStatistics;

/** The daemon's {@link StatsManager} seen through the hooks API. */
record ServerHookStatistics(StatsManager stats) implements HookStatistics {

    @Override
    public void set(String name, long value) {
        stats.setValue(name, value);
    }

    @Override
    public void add(String name, long delta) {
        stats.addValue(name, delta);
    }

    @Override
    public OptionalLong get(String name) {
        return stats.value(name).filter(v -> v instanceof StatValue.IntegerValue)
                .map(v -> OptionalLong.of(((StatValue.IntegerValue) v).value())).orElse(OptionalLong.empty());
    }
}
