package ruru.ha;

import ruru.json.MapElement;

/**
 * A lease to send to a peer: added or updated (new allocation, renewal, decline), deleted
 * (release), or released and kept for lease affinity (state 3, Kea 3; DHCPv6 only). {@code lease}
 * is the lease as lease_cmds shows it (Kea's toElement, with {@code cltt}).
 */
public record LeaseChange(Op op, MapElement lease) {

    public enum Op { UPDATE, DELETE, RELEASE }

    public static LeaseChange update(MapElement lease) {
        return new LeaseChange(Op.UPDATE, lease);
    }

    public static LeaseChange delete(MapElement lease) {
        return new LeaseChange(Op.DELETE, lease);
    }

    /** A released lease kept for its client (lease affinity), in its released state. */
    public static LeaseChange release(MapElement lease) {
        return new LeaseChange(Op.RELEASE, lease);
    }
}
