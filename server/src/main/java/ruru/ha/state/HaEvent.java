package ruru.ha.state;

/** What makes the HA state machine run (Kea's StateModel and HAService events). */
public enum HaEvent {
    NOP,
    START,
    HEARTBEAT_COMPLETE,
    LEASE_UPDATES_COMPLETE,
    SYNCING_FAILED,
    SYNCING_SUCCEEDED,
    MAINTENANCE_NOTIFY,
    MAINTENANCE_START,
    MAINTENANCE_CANCEL,
    SYNCED_PARTNER_UNAVAILABLE
}
