package ruru.ha;

import java.util.List;
import java.util.Set;

import ruru.json.MapElement;

/**
 * The address-family side of HA. The protocol, the state machine and the transport are one for
 * DHCPv4 and DHCPv6; what differs is here: the service name peers are addressed with, the lease
 * commands that carry updates and pages, and how a synchronized lease is stored.
 */
public interface HaFamily {

    /** {@code dhcp4} or {@code dhcp6}: the {@code service} of every command sent to a peer. */
    String service();

    /** {@code DHCPv4} or {@code DHCPv6}, as log messages name the family. */
    String dhcpName();

    /** {@code lease4-get-page} or {@code lease6-get-page}. */
    String pageCommand();

    /** The commands a peer may send when {@code restrict-commands} is on (Kea 3's allow-list). */
    Set<String> peerCommands();

    /**
     * The commands carrying {@code changes} to a peer, in order: DHCPv4 one {@code lease4-update} or
     * {@code lease4-del} per lease, DHCPv6 one {@code lease6-bulk-apply}. Each already has its
     * {@code service}.
     */
    List<MapElement> updateCommands(List<LeaseChange> changes, PeerForm form);

    /**
     * The message forms a peer takes. Kea 3 sends a DHCPv6 lease released and kept for lease
     * affinity in {@code leases} with state 3; Kea 2.2 refuses state 3 (the whole lease6-bulk-apply
     * fails with "Invalid state value: 3, ..."), so such a peer gets the release as a deletion,
     * Kea 2.2's own form.
     */
    enum PeerForm { KEA3, KEA22 }

    /** Whether a peer's error text for an update in Kea 3's form means it takes Kea 2.2's forms only. */
    default boolean refusesKea3Form(String errorText) {
        return false;
    }

    /** What became of a lease fetched from the partner. */
    enum SyncOutcome { ADDED, UPDATED, STALE }

    /**
     * Stores a lease fetched from the partner unless the local copy is as new or newer (by cltt),
     * Kea's rule. Throws with a text for the log when the lease cannot be stored.
     */
    SyncOutcome applySynced(MapElement lease) throws Exception;
}
