package ruru.hooks;

import java.util.OptionalLong;

/** The daemon's statistics, as statistic-get shows them. */
public interface HookStatistics {

    /** Sets an integer statistic (created when absent). */
    void set(String name, long value);

    /** Adds to an integer statistic (created at 0 when absent). */
    void add(String name, long delta);

    /** The current value of an integer statistic. */
    OptionalLong get(String name);
}
