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

    /** All changes of a query (or of a backlog) in one lease6-bulk-apply; nothing when there are none. */
    @Override
    public List<MapElement> updateCommands(List<LeaseChange> changes) {
        if (changes.isEmpty()) {
            return List.of();
        }
        List<MapElement> deleted = new ArrayList<>();
        List<MapElement> leases = new ArrayList<>();
        for (LeaseChange c : changes) {
            (c.op() == LeaseChange.Op.DELETE ? deleted : leases).add(PeerCommands.withExpire(c.lease()));
        }
        MapElement args = MapElement.builder().put("deleted-leases", Element.list(deleted))
                .put("leases", Element.list(leases)).put("origin", "ha-partner").build();
        return List.of(PeerCommands.command("lease6-bulk-apply", args, service()));
    }

    @Override
    public SyncOutcome applySynced(MapElement lease) throws Exception {
        return store.apply(lease);
    }
}
