package ruru.dhcp6.service;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import ruru.json.Element;
import ruru.json.Json;
import ruru.json.MapElement;
import ruru.wire.v6.Dhcp6Options;
import ruru.wire.v6.Dhcp6Packet;
import ruru.wire.v6.RelayInfo;

/**
 * {@code store-extended-info} for DHCPv6 leases, as Kea 3 keeps it: the relay levels a query came
 * through go into the lease's user context under {@code ISC.relay-info}, outermost relay first, each
 * as {@code hop}, {@code link}, {@code peer}, its options packed and hex-encoded ({@code "0x..."}),
 * and the data of its remote-id (37) and relay-id (53) options when present. Kea 2.2 wrote the same
 * list under {@code ISC.relays}; Kea 3's {@code extended-info6-upgrade} renames it, and both are
 * opaque to the lease file. A query that came directly keeps the context unchanged.
 */
final class ExtendedInfo6 {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final int REMOTE_ID = 37;
    private static final int RELAY_ID = 53;

    private ExtendedInfo6() {
    }

    /** The lease's user context (JSON text or null) with this query's relay information stored. */
    static String store(String userContext, Dhcp6Packet query) {
        if (query.relays().isEmpty()) {
            return userContext;
        }
        List<Element> relays = new ArrayList<>();
        for (RelayInfo r : query.relays()) {
            MapElement.Builder b = MapElement.builder().put("hop", r.hopCount())
                    .put("link", r.linkAddress().toString()).put("peer", r.peerAddress().toString());
            Dhcp6Options options = r.options();
            if (!options.isEmpty()) {
                b.put("options", "0x" + HEX.formatHex(options.toBuilder().sorted().build().toBytes()));
                options.get(REMOTE_ID).filter(d -> d.length > 0).ifPresent(d -> b.put("remote-id", HEX.formatHex(d)));
                options.get(RELAY_ID).filter(d -> d.length > 0).ifPresent(d -> b.put("relay-id", HEX.formatHex(d)));
            }
            relays.add(b.build());
        }
        MapElement context = ruru.dhcp.leasecmds.BindingVariables.context(userContext);
        MapElement isc = context.get("ISC") instanceof MapElement m ? m : MapElement.empty();
        isc = isc.without("relays").with("relay-info", Element.list(relays));
        return Json.toCompact(context.with("ISC", isc));
    }

}
