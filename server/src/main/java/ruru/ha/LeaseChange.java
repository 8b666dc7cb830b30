package ruru.ha;

import ruru.json.MapElement;

/**
 * A lease to send to a peer: added or updated (new allocation, renewal, decline), or deleted
 * (release). {@code lease} is the lease as lease_cmds shows it (Kea's toElement, with {@code cltt}).
 */
public record LeaseChange(Op op, MapElement lease) {

    public enum Op { UPDATE, DELETE }

    public static LeaseChange update(MapElement lease) {
        return new LeaseChange(Op.UPDATE, lease);
    }

    public static LeaseChange delete(MapElement lease) {
        return new LeaseChange(Op.DELETE, lease);
    }
}
