package ruru.dhcp6.service;

import java.util.Optional;

import ruru.dhcp.config.HostIdentifierType;
import ruru.dhcp6.config.Reservation6;
import ruru.dhcp6.config.Subnet6;
import ruru.hooks.Host6IdentifierCallout;
import ruru.hooks.HookPoint;

/**
 * Finds a DHCPv6 client's host reservation: each identifier type in the order of
 * {@code host-reservation-identifiers}, in the subnet when {@code reservations-in-subnet}, then
 * among the global ones when {@code reservations-global}.
 */
final class Hosts6 {

    private Hosts6() {
    }

    static Optional<Reservation6> find(Snapshot6 snap, Subnet6 subnet, Exchange6 ex) {
        if (snap.hosts().isEmpty()) {
            return Optional.empty();
        }
        if (subnet != null && subnet.reservationsInSubnet()) {
            Optional<Reservation6> r = lookup(snap, subnet.id(), ex);
            if (r.isPresent()) {
                return r;
            }
        }
        return subnet == null || subnet.reservationsGlobal() ? lookup(snap, 0, ex) : Optional.empty();
    }

    /** The client's global reservation (early-global-reservations-lookup, before subnet selection). */
    static Optional<Reservation6> global(Snapshot6 snap, Exchange6 ex) {
        return snap.hosts().isEmpty() ? Optional.empty() : lookup(snap, 0, ex);
    }

    private static Optional<Reservation6> lookup(Snapshot6 snap, long subnetId, Exchange6 ex) {
        for (HostIdentifierType type : snap.config().hostIdentifiers()) {
            byte[] id = switch (type) {
                case DUID -> ex.client().duid();
                case HW_ADDRESS -> ex.client().hwAddress() == null ? null : ex.client().hwAddress().bytes();
                case FLEX_ID -> flexId(snap, ex);
                default -> null;
            };
            Optional<Reservation6> r = snap.hosts().find(subnetId, type, id);
            if (r.isPresent()) {
                return r;
            }
        }
        return Optional.empty();
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
