package ruru.dhcp.engine;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import ruru.dhcp.config.HostIdentifierType;
import ruru.dhcp.config.HostReservation;

/**
 * Kea's host lookup order for either family: each identifier type in the order of
 * {@code host-reservation-identifiers}, in the subnet when {@code reservations-in-subnet}, then among
 * the global reservations when {@code reservations-global}. The family supplies the query's bytes
 * for each identifier type (null when the query carries none).
 */
public final class HostLookup {

    private HostLookup() {
    }

    /**
     * @param inSubnet    look in subnet {@code subnetId} first ({@code reservations-in-subnet})
     * @param global      then among the global ones ({@code reservations-global})
     * @param identifiers the query's bytes for an identifier type, or null
     */
    public static <R extends HostReservation> Optional<R> find(HostIndex<R> hosts, List<HostIdentifierType> order,
            long subnetId, boolean inSubnet, boolean global, Function<HostIdentifierType, byte[]> identifiers) {
        if (hosts.isEmpty()) {
            return Optional.empty();
        }
        if (inSubnet) {
            Optional<R> r = lookup(hosts, order, subnetId, identifiers);
            if (r.isPresent()) {
                return r;
            }
        }
        return global ? lookup(hosts, order, 0, identifiers) : Optional.empty();
    }

    private static <R extends HostReservation> Optional<R> lookup(HostIndex<R> hosts, List<HostIdentifierType> order,
            long subnetId, Function<HostIdentifierType, byte[]> identifiers) {
        for (HostIdentifierType type : order) {
            Optional<R> r = hosts.find(subnetId, type, identifiers.apply(type));
            if (r.isPresent()) {
                return r;
            }
        }
        return Optional.empty();
    }
}
