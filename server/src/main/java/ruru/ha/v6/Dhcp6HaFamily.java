package ruru.ha.v6;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import ruru.ha.HaFamily;
import ruru.ha.LeaseChange;
import ruru.ha.peer.PeerCommands;
import ruru.json.Element;
import ruru.json.MapElement;

/**
 * HA's DHCPv6 side: one {@code lease6-bulk-apply} per committed query (deleted leases and new or
 * changed leases in one command, each lease with {@code expire} for {@code cltt}, Kea's
 * CommandCreator::createLease6BulkApply), {@code lease6-get-page} for synchronization.
 */
public final class Dhcp6HaFamily implements HaFamily {

    /** Kea 3's CommandCreator::ha_commands6_, what a partner may send with restrict-commands on. */
    public static final Set<String> PEER_COMMANDS = Set.of("list-commands", "status-get", "dhcp-disable",
            "dhcp-enable", "ha-reset", "ha-heartbeat", "lease6-bulk-apply", "lease6-update", "lease6-del",
            "lease6-get-all", "lease6-get-page", "ha-maintenance-notify", "ha-sync-complete-notify");

    /** Stores a lease fetched from the partner (the server's lease commands do it). */
    @FunctionalInterface
    public interface SyncStore {
        SyncOutcome apply(MapElement lease) throws Exception;
    }

    private final SyncStore store;

    public Dhcp6HaFamily(SyncStore store) {
        this.store = store;
    }

    @Override
    public String service() {
        return "dhcp6";
    }

    @Override
    public String dhcpName() {
        return "DHCPv6";
    }

    @Override
    public String pageCommand() {
        return "lease6-get-page";
    }

    @Override
    public Set<String> peerCommands() {
        return PEER_COMMANDS;
    }

    /**
     * All changes of a query (or of a backlog) in one lease6-bulk-apply; nothing when there are none.
     * A lease released and kept for affinity goes in {@code leases} with state 3 (Kea 3), or to a
     * Kea 2.2 peer in {@code deleted-leases} (in its last state before the release: 2.2 parses the
     * state of a deleted lease too).
     */
    @Override
    public List<MapElement> updateCommands(List<LeaseChange> changes, PeerForm form) {
        if (changes.isEmpty()) {
            return List.of();
        }
        List<MapElement> deleted = new ArrayList<>();
        List<MapElement> leases = new ArrayList<>();
        for (LeaseChange c : changes) {
            MapElement lease = PeerCommands.withExpire(c.lease());
            switch (c.op()) {
                case DELETE -> deleted.add(lease);
                case UPDATE -> leases.add(lease);
                case RELEASE -> {
                    if (form == PeerForm.KEA22) {
                        deleted.add(lease.with("state", Element.of(0)));
                    } else {
                        leases.add(lease);
                    }
                }
            }
        }
        MapElement args = MapElement.builder().put("deleted-leases", Element.list(deleted))
                .put("leases", Element.list(leases)).put("origin", "ha-partner").build();
        return List.of(PeerCommands.command("lease6-bulk-apply", args, service()));
    }

    /** Kea 2.2's lease_cmds text for a lease state above 2, which fails the whole lease6-bulk-apply. */
    @Override
    public boolean refusesKea3Form(String errorText) {
        return errorText.contains("Invalid state value: 3");
    }

    @Override
    public SyncOutcome applySynced(MapElement lease) throws Exception {
        return store.apply(lease);
    }
}
