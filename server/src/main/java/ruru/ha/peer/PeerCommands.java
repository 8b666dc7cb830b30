package ruru.ha.peer;

import java.util.List;

import ruru.json.Element;
import ruru.json.MapElement;

/**
 * The commands one HA server sends another, in Kea 3's form: {@code service} for a peer behind a
 * Control Agent (Kea 2.2), {@code server-name} and {@code origin-id} for Kea 3 (a Kea 2.2 peer
 * ignores them, as checked against kea-dhcp4 2.2), {@code origin: "ha-partner"} for Kea up to 2.4.
 */
public final class PeerCommands {

    private PeerCommands() {
    }

    public static MapElement command(String name, MapElement arguments, String service) {
        MapElement.Builder b = MapElement.builder();
        if (arguments != null) {
            b.put("arguments", arguments);
        }
        return b.put("command", name).put("service", Element.list(Element.of(service))).build();
    }

    public static MapElement heartbeat(String serverName, String service) {
        return command("ha-heartbeat", MapElement.builder().put("server-name", serverName).build(), service);
    }

    public static MapElement dhcpDisable(long originId, long maxPeriod, String service) {
        MapElement.Builder args = MapElement.builder().put("origin", "ha-partner").put("origin-id", originId);
        if (maxPeriod > 0) {
            args.put("max-period", maxPeriod);
        }
        return command("dhcp-disable", args.build(), service);
    }

    public static MapElement dhcpEnable(long originId, String service) {
        return command("dhcp-enable", MapElement.builder().put("origin", "ha-partner").put("origin-id", originId)
                .build(), service);
    }

    public static MapElement haReset(String serverName, String service) {
        return command("ha-reset", MapElement.builder().put("server-name", serverName).build(), service);
    }

    public static MapElement maintenanceNotify(String serverName, boolean cancel, String state, String service) {
        return command("ha-maintenance-notify", MapElement.builder().put("cancel", cancel)
                .put("server-name", serverName).put("state", state).build(), service);
    }

    public static MapElement syncCompleteNotify(long originId, String serverName, String service) {
        return command("ha-sync-complete-notify", MapElement.builder().put("origin", "ha-partner")
                .put("origin-id", originId).put("server-name", serverName).build(), service);
    }

    /** {@code from} is "start" for the first page, else the last address of the previous page. */
    public static MapElement leasePage(String command, String from, long limit, String service) {
        return command(command, MapElement.builder().put("from", from).put("limit", limit).build(), service);
    }

    /**
     * A lease as lease updates carry it: {@code cltt} replaced by {@code expire} (cltt + valid-lft),
     * and {@code origin: "ha-partner"}; lease4-update adds {@code force-create}.
     */
    public static MapElement leaseForPeer(MapElement lease, boolean forceCreate) {
        MapElement m = withExpire(lease).with("origin", Element.of("ha-partner"));
        return forceCreate ? m.with("force-create", Element.of(true)) : m;
    }

    /** A lease with {@code cltt} replaced by {@code expire} (cltt + valid-lft): Kea's insertLeaseExpireTime. */
    public static MapElement withExpire(MapElement lease) {
        long cltt = lease.get("cltt").asLong().orElse(0L);
        long valid = lease.get("valid-lft").asLong().orElse(0L);
        return lease.without("cltt").with("expire", Element.of(cltt + valid));
    }

    /** A list of maps as an element. */
    public static Element list(List<MapElement> items) {
        return Element.list(items);
    }
}
