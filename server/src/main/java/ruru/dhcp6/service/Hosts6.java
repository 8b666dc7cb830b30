package ruru.dhcp6.service;

import java.util.Optional;

import ruru.dhcp.engine.HostLookup;
import ruru.dhcp6.config.Reservation6;
import ruru.dhcp6.config.Subnet6;
import ruru.hooks.Host6IdentifierCallout;
import ruru.hooks.HookPoint;

/**
 * Finds a DHCPv6 client's host reservation in the shared {@link HostLookup} order: this class gives
 * the query's bytes for each identifier type (DUID, hardware address, flex-id).
 */
final class Hosts6 {

    private Hosts6() {
    }

    /** @param subnet the selected subnet, or null: then only the global reservations */
    static Optional<Reservation6> find(Snapshot6 snap, Subnet6 subnet, Exchange6 ex) {
        return HostLookup.find(snap.hosts(), snap.config().hostIdentifiers(), subnet == null ? 0 : subnet.id(),
                subnet != null && subnet.reservationsInSubnet(), subnet == null || subnet.reservationsGlobal(),
                type -> switch (type) {
                    case DUID -> ex.client().duid();
                    case HW_ADDRESS -> ex.client().hwAddress() == null ? null : ex.client().hwAddress().bytes();
                    case FLEX_ID -> flexId(snap, ex);
                    default -> null;
                });
    }

    /** Kea's flex-id comes from the host6_identifier callouts; none registered means no flex-id. */
    private static byte[] flexId(Snapshot6 snap, Exchange6 ex) {
        var callouts = snap.hooks().callouts();
        if (!callouts.has(HookPoint.HOST6_IDENTIFIER)) {
            return null;
        }
        var args = new Host6IdentifierCallout.Args(ex.query());
        callouts.call(HookPoint.HOST6_IDENTIFIER, args, Host6IdentifierCallout::host6Identifier);
        return args.idValue().orElse(null);
    }
}
