package ruru.dhcp.leasecmds;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import ruru.control.CommandException;
import ruru.json.MapElement;
import ruru.lease.Lease;
import ruru.lease.LeaseStore;

/**
 * What differs between lease4-* and lease6-*: the address family, the lease's map and parser
 * (Kea's Lease4Parser / Lease6Parser), the identifiers a lease is looked up by. Everything else
 * (the handlers, their order of checks and their texts) is {@link LeaseCommandSet}'s, once.
 */
public interface LeaseFamily<A extends Comparable<A>, L extends Lease<A>, S extends LeaseStore<A, L>, C> {

    /** 4 or 6: "IPv4 lease found.", "lease4-write". */
    int version();

    /** The address of this family that {@code parsed} holds; null when it holds another family's. */
    A of(Args.ParsedAddress parsed);

    /** Where lease-get-page's {@code "from": "start"} starts (the pages are of addresses above it). */
    A pageStart();

    /** Kea's LeaseN::toElement. */
    MapElement toElement(L lease);

    /** leaseN-add / leaseN-update arguments to a lease, as Kea's LeaseNParser. */
    LeaseParse<L> parse(MapElement args, C config, long now) throws CommandException;

    /** The subnets leaseN-wipe empties when no subnet-id is given: every configured one, in order. */
    List<Long> subnetIds(C config);

    /** leaseN-add's answer: "Lease for address ..., subnet-id N added." */
    String added(L lease);

    /** Narrows a lookup by the family's own keys of the lookup arguments (DHCPv6: the lease type). */
    default Predicate<L> lookupFilter(MapElement args) throws CommandException {
        return l -> true;
    }

    /**
     * The lease named by {@code {identifier-type, identifier, subnet-id}} (after the shared checks
     * of Kea's getParameters), or Kea's refusal of an identifier type for this family.
     *
     * @param delete leaseN-del (Kea words some refusals "Delete by" instead of "Query by")
     */
    Optional<L> byIdentifier(S store, MapElement args, String type, String identifier, long subnetId, boolean delete)
            throws CommandException;

    /** The lease leaseN-resend-ddns sends names for (DHCPv6: address leases only). */
    default Optional<L> resendLease(S store, A address) {
        return store.get(address);
    }

    /** A parsed leaseN-add / leaseN-update: the lease and whether leaseN-update may create it. */
    record LeaseParse<L>(L lease, boolean forceCreate) {
    }
}
