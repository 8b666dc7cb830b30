package ruru.dhcp.engine;

import ruru.daemon.logging.KeaLog;
import ruru.daemon.logging.KeaMessage;

/**
 * A family's reclamation messages from its Kea message table: {@code complete} ("reclaimed %1
 * leases in %2"), {@code slow} ("expired leases still exist after %1 reclamations"), and the two
 * failures (reclaim cycle, flush of reclaimed leases) with %1 the reason. Kea logs every failed
 * cycle; ruru logs the first of an episode and then its end, under the ruru-only IDs given here.
 * {@code trace}: the debug lines of every timer run.
 */
public record ReclaimMessages(KeaMessage complete, KeaMessage slow, KeaMessage reclaimFailed,
                              String reclaimRecoveredId, KeaMessage deleteFailed, String deleteRecoveredId,
                              ReclaimTrace trace) {

    void reclaimRecovered() {
        KeaLog.info(reclaimFailed.logger(), reclaimRecoveredId, "expired leases are reclaimed again");
    }

    void deleteRecovered() {
        KeaLog.info(deleteFailed.logger(), deleteRecoveredId, "expired-reclaimed leases are deleted again");
    }
}
