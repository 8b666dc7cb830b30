package ruru.dhcp.config;

import ruru.daemon.config.ConfigException;
import ruru.json.MapElement;

/**
 * Kea's {@code expired-leases-processing}: how often and how much lease reclamation runs. Times
 * are seconds except {@code maxReclaimTime} (milliseconds), as in Kea.
 */
public record ExpiredLeasesProcessing(long reclaimTimerWaitTime, long flushReclaimedTimerWaitTime,
        long holdReclaimedTime, long maxReclaimLeases, long maxReclaimTime, long unwarnedReclaimCycles) {

    /** Kea's defaults (CfgExpiration). */
    public static ExpiredLeasesProcessing defaults() {
        return new ExpiredLeasesProcessing(10, 25, 3600, 100, 250, 5);
    }

    /** Lease affinity: a released or expired lease is kept (as released / expired-reclaimed) for its client. */
    public boolean affinity() {
        return holdReclaimedTime > 0 && flushReclaimedTimerWaitTime > 0;
    }

    /** Kea's defaults and upper limits (CfgExpiration); the schema has already checked uint32. */
    public static ExpiredLeasesProcessing parse(MapElement daemon) throws ConfigException {
        MapElement m = Fields.map(daemon, "expired-leases-processing").orElse(MapElement.empty());
        ExpiredLeasesProcessing d = defaults();
        return new ExpiredLeasesProcessing(
                bounded(m, "reclaim-timer-wait-time", d.reclaimTimerWaitTime(), 0xFFFF),
                bounded(m, "flush-reclaimed-timer-wait-time", d.flushReclaimedTimerWaitTime(), 0xFFFF),
                bounded(m, "hold-reclaimed-time", d.holdReclaimedTime(), 0xFFFF_FFFFL),
                bounded(m, "max-reclaim-leases", d.maxReclaimLeases(), 0xFFFF_FFFFL),
                bounded(m, "max-reclaim-time", d.maxReclaimTime(), 10_000),
                bounded(m, "unwarned-reclaim-cycles", d.unwarnedReclaimCycles(), 0xFFFF));
    }

    private static long bounded(MapElement m, String key, long dflt, long max) throws ConfigException {
        long v = Fields.integer(m, key, dflt);
        if (v > max) {
            throw new ConfigException(Fields.at(m, key), "out range value '" + v + "' for configuration parameter '"
                    + key + "', expected maximum value of '" + max + "'");
        }
        return v;
    }
}
