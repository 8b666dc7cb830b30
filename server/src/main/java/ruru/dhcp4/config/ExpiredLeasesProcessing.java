package ruru.dhcp4.config;

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
}
