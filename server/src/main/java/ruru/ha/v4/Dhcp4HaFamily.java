package ruru.ha.v4;

import java.util.List;
import java.util.Set;

import ruru.ha.HaFamily;
import ruru.ha.LeaseChange;
import ruru.ha.peer.PeerCommands;
import ruru.json.MapElement;

/** HA's DHCPv4 side: lease4-update / lease4-del per lease, lease4-get-page for synchronization. */
public final class Dhcp4HaFamily implements HaFamily {

    /** Kea 3's CommandCreator::ha_commands4_, what a partner may send with restrict-commands on. */
    public static final Set<String> PEER_COMMANDS = Set.of("list-commands", "status-get", "dhcp-disable",
            "dhcp-enable", "ha-reset", "ha-heartbeat", "lease4-update", "lease4-del", "lease4-get-all",
            "lease4-get-page", "ha-maintenance-notify", "ha-sync-complete-notify");

    /** Stores a lease fetched from the partner (the server's lease commands do it). */
    @FunctionalInterface
    public interface SyncStore {
        SyncOutcome apply(MapElement lease) throws Exception;
    }

    private final SyncStore store;

    public Dhcp4HaFamily(SyncStore store) {
        this.store = store;
    }

    @Override
    public String service() {
        return "dhcp4";
    }

    @Override
    public String dhcpName() {
        return "DHCPv4";
    }

    @Override
    public String pageCommand() {
        return "lease4-get-page";
    }

    @Override
    public Set<String> peerCommands() {
        return PEER_COMMANDS;
    }

    @Override
    public List<MapElement> updateCommands(List<LeaseChange> changes, PeerForm form) {
        return changes.stream().map(c -> c.op() == LeaseChange.Op.UPDATE
                ? PeerCommands.command("lease4-update", PeerCommands.leaseForPeer(c.lease(), true), service())
                : PeerCommands.command("lease4-del", PeerCommands.leaseForPeer(c.lease(), false), service()))
                .toList();
    }

    @Override
    public SyncOutcome applySynced(MapElement lease) throws Exception {
        return store.apply(lease);
    }
}
