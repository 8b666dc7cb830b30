package ruru.dhcp4.service;

import java.util.Arrays;
import java.util.Optional;

import ruru.dhcp.config.HostIdentifierType;
import ruru.dhcp.engine.HostLookup;
import ruru.dhcp4.config.Reservation4;
import ruru.dhcp4.config.Subnet4;
import ruru.hooks.Host4IdentifierCallout;
import ruru.hooks.HookPoint;
import ruru.wire.v4.Dhcp4Packet;
import ruru.wire.v4.OptionCodes;

/**
 * Finds a DHCPv4 client's host reservation in the shared {@link HostLookup} order: this class gives
 * the query's bytes for each identifier type.
 */
final class Hosts {

    private static final int RAI_CIRCUIT_ID = 1;
    private static final int CLIENT_ID_DUID_TYPE = 255;

    private Hosts() {
    }

    static Optional<Reservation4> find(Snapshot snap, Subnet4 subnet, Dhcp4Packet query) {
        return HostLookup.find(snap.hosts(), snap.config().hostIdentifiers(), subnet.id(),
                subnet.reservationsInSubnet(), subnet.reservationsGlobal(), type -> identifier(snap, type, query));
    }

    /** The client's global reservation (Kea's globalHost), whatever the subnet. */
    static Optional<Reservation4> global(Snapshot snap, Dhcp4Packet query) {
        return HostLookup.find(snap.hosts(), snap.config().hostIdentifiers(), 0, false, true,
                type -> identifier(snap, type, query));
    }

    private static byte[] identifier(Snapshot snap, HostIdentifierType type, Dhcp4Packet query) {
        return type == HostIdentifierType.FLEX_ID ? flexId(snap.hooks(), query) : identifier(type, query);
    }

    /** The query's bytes for one identifier type, or null when it carries none. */
    static byte[] identifier(HostIdentifierType type, Dhcp4Packet query) {
        return switch (type) {
            case HW_ADDRESS -> query.chaddr().bytes();
            case CLIENT_ID -> query.options().get(OptionCodes.CLIENT_ID).orElse(null);
            case DUID -> {
                // RFC 4361: client identifier type 255, then a 4-byte IAID, then the DUID.
                byte[] id = query.options().get(OptionCodes.CLIENT_ID).orElse(null);
                yield id != null && id.length > 5 && (id[0] & 0xff) == CLIENT_ID_DUID_TYPE
                        ? Arrays.copyOfRange(id, 5, id.length) : null;
            }
            case CIRCUIT_ID -> subOption(query.options().get(OptionCodes.AGENT_INFO).orElse(null), RAI_CIRCUIT_ID);
            case FLEX_ID -> null; // only a host4_identifier callout can tell (flexId)
        };
    }

    /** Kea's flex-id comes from the host4_identifier callouts; none registered means no flex-id. */
    static byte[] flexId(Dhcp4Hooks hooks, Dhcp4Packet query) {
        if (!hooks.callouts().has(HookPoint.HOST4_IDENTIFIER)) {
            return null;
        }
        var args = new Host4IdentifierCallout.Args(query);
        hooks.callouts().call(HookPoint.HOST4_IDENTIFIER, args, Host4IdentifierCallout::host4Identifier);
        return args.idValue().orElse(null);
    }

    static byte[] subOption(byte[] data, int wanted) {
        if (data == null) {
            return null;
        }
        for (int i = 0; i + 1 < data.length; ) {
            int code = data[i] & 0xff;
            int len = data[i + 1] & 0xff;
            if (i + 2 + len > data.length) {
                return null;
            }
            if (code == wanted) {
                return Arrays.copyOfRange(data, i + 2, i + 2 + len);
            }
            i += 2 + len;
        }
        return null;
    }
}
