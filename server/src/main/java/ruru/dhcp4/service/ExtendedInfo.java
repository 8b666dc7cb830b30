package ruru.dhcp4.service;

import java.util.HexFormat;

import ruru.json.Json;
import ruru.json.MapElement;
import ruru.wire.v4.Dhcp4Options;
import ruru.wire.v4.Dhcp4Packet;
import ruru.wire.v4.OptionCodes;

/**
 * {@code store-extended-info}: the relay agent information of the query kept in the lease's
 * user-context as Kea 3 keeps it, {@code { "ISC": { "relay-agent-info": { "sub-options":
 * "0x<RAI content>", "remote-id": "<hex>", "relay-id": "<hex>" } } }} (remote-id from sub-option 2,
 * relay-id from sub-option 12, each only when present; hex upper case). Other user-context
 * content, and other keys under ISC, stay as they are. Kea 2.2 stored only the hex string; ruru
 * writes the Kea 3 map, which Kea 3's lease query and lease_cmds read.
 */
final class ExtendedInfo {

    private static final int RAI_REMOTE_ID = 2;
    private static final int RAI_RELAY_ID = 12;

    private ExtendedInfo() {
    }

    /** The user-context to store for a lease granted to {@code query}; {@code existing} otherwise unchanged. */
    static String userContext(String existing, Dhcp4Packet query, boolean store) {
        if (!store) {
            return existing;
        }
        byte[] raw = query.options().peek(OptionCodes.AGENT_INFO);
        // Kea stores the option as it read it: sub-options by code, a truncated tail left out
        byte[] rai = raw == null ? null : Dhcp4Options.repackSubOptions(raw);
        if (rai == null || rai.length == 0) {
            return existing;
        }
        MapElement.Builder info = MapElement.builder();
        byte[] remote = Hosts.subOption(rai, RAI_REMOTE_ID);
        if (remote != null) {
            info.put("remote-id", HexFormat.of().withUpperCase().formatHex(remote));
        }
        byte[] relay = Hosts.subOption(rai, RAI_RELAY_ID);
        if (relay != null) {
            info.put("relay-id", HexFormat.of().withUpperCase().formatHex(relay));
        }
        info.put("sub-options", "0x" + HexFormat.of().withUpperCase().formatHex(rai));
        MapElement context = ruru.dhcp.leasecmds.BindingVariables.context(existing);
        MapElement isc = context.find("ISC").filter(MapElement.class::isInstance).map(MapElement.class::cast)
                .orElse(MapElement.empty());
        return Json.toCompact(context.with("ISC", isc.with("relay-agent-info", info.build())));
    }


}
