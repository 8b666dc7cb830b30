package ruru.dhcp.engine;

import ruru.daemon.logging.KeaMessage;

/**
 * The debug lines Kea writes on every run of the two reclamation timers, from a family's table
 * (texts, severities, debug levels and loggers as kea-dhcp4/kea-dhcp6 2.2 write them,
 * ReclamationLogAgainstKeaTest). Reclaim timer: {@code runTimer} (%1 the timer), {@code start}
 * (%1 lease limit, %2 time limit in ms), {@code getExpired} (%1 the store's fetch limit, limit + 1),
 * per lease {@code leaseReclaim} (the family's client label and address), the memfile store's
 * {@code update} or {@code deleteAddress} (%1 address; written after the family's DNS lines as Kea
 * orders them, though ruru changes the store first) and {@code leaseReclaimed} (%1 address),
 * then the family's COMPLETE line, {@code noMore} when nothing was left, and {@code startTimer}. A
 * declined address whose probation is over: {@code declinedRecovered} (INFO, %1 address, %2 its valid
 * lifetime) after the DNS lines and before the store's. {@code timeout} (%1 max-reclaim-time in ms) when
 * the time ran out after a lease. Flush timer: {@code delete} and {@code deleteExpired} (%1 hold-reclaimed-time),
 * {@code deleteStart} (%1 found, only when some were), {@code deleteComplete} (%1 deleted). The
 * DHCPSRV_MEMFILE_* lines are the memfile backend's; with PostgreSQL, {@code database}'s take their
 * places (kea-dhcp4/kea-dhcp6 2.2 on one cluster, ReclamationLogAgainstKeaTest), with no count before
 * a flush (one statement deletes them).
 */
public record ReclaimTrace(KeaMessage runTimer, KeaMessage startTimer, KeaMessage start, KeaMessage getExpired,
                           KeaMessage leaseReclaim, KeaMessage update, KeaMessage deleteAddress,
                           KeaMessage leaseReclaimed, KeaMessage noMore, KeaMessage declinedRecovered,
                           KeaMessage timeout,
                           KeaMessage delete, KeaMessage deleteExpired, KeaMessage deleteStart,
                           KeaMessage deleteComplete, Database database) {

    /**
     * The PostgreSQL backend's lines: {@code getExpired} (%1 the fetch limit), {@code update} (%1
     * address; v6: %2 the lease type's number), {@code deleteAddress} (%1 address), {@code deleteExpired}
     * (%1 hold-reclaimed-time).
     */
    public record Database(KeaMessage getExpired, KeaMessage update, KeaMessage deleteAddress,
                           KeaMessage deleteExpired) {
    }

    /** Kea's timer names (TimerMgr registrations of the DHCP servers). */
    static final String RECLAIM_TIMER = "reclaim-expired-leases";
    static final String FLUSH_TIMER = "flush-reclaimed-leases";
}
