package ruru.dhcp4.service;

import java.util.List;
import java.util.Optional;

import ruru.classify.ClassSet;
import ruru.daemon.hooks.CalloutRegistry;
import ruru.dhcp4.config.Pool4;
import ruru.dhcp4.config.Reservation4;
import ruru.dhcp4.config.Subnet4;
import ruru.ddns.names.NameDecision;
import ruru.hooks.HookPoint;
import ruru.hooks.Lease4RenewCallout;
import ruru.hooks.Lease4SelectCallout;
import ruru.hooks.NextStep;
import ruru.lease.Lease4;
import ruru.lease.LeaseState;
import ruru.lease.LeaseStoreException;
import ruru.wire.Ipv4Address;
import ruru.wire.v4.OptionCodes;

/**
 * Decides which address a client gets. Offers are neither written nor held (as in Kea, with
 * offer-lifetime 0): the iterative allocator's shared cursor already gives concurrent DISCOVERs
 * different addresses, and a REQUEST's lease is written with a compare-and-set on its address
 * before the ACK is built, so two clients can never hold one address and an ACKed lease is always
 * on disk.
 *
 * <p>Preference, per candidate subnet (the selected one, then its shared network): the client's
 * reserved address, its existing lease, the address it asks for (option 50), then the pools.
 */
final class AllocationEngine {

    /**
     * An address chosen for a client. {@code current} is the lease at that address, if any;
     * {@code reusedLifetime}, when not 0, is what is left of the client's current lease, offered
     * as it is (Kea's lease caching).
     */
    record Choice(Subnet4 subnet, Optional<Pool4> pool, Ipv4Address address, Optional<Reservation4> host,
                  Lease4 current, long reusedLifetime) {

        Choice(Subnet4 subnet, Optional<Pool4> pool, Ipv4Address address, Optional<Reservation4> host,
               Lease4 current) {
            this(subnet, pool, address, host, current, 0);
        }
    }

    /** What a REQUEST gets. */
    sealed interface Outcome permits Granted, Refused, Ignored {
    }

    /**
     * The lease as it now is in the store. {@code reusedLifetime}, when not 0, means the lease was
     * young enough to be handed out again unchanged (not rewritten) and is what is left of it.
     * {@code deleted} are the client's other leases in the subnet, removed by this grant.
     */
    record Granted(Lease4 lease, Subnet4 subnet, Optional<Reservation4> host, long reusedLifetime, Lease4 previous,
                   List<Lease4> deleted) implements Outcome {

        Granted(Lease4 lease, Subnet4 subnet, Optional<Reservation4> host, long reusedLifetime) {
            this(lease, subnet, host, reusedLifetime, null, List.of());
        }

        /** Whether the store now holds a lease written for this request (NCRs follow it). */
        boolean written() {
            return previous != lease && reusedLifetime == 0;
        }

        boolean reused() {
            return reusedLifetime > 0;
        }

        /** The lease time to send: the remaining one of a reused lease, else the lease's own. */
        long lifetime() {
            return reused() ? reusedLifetime : lease.validLifetime();
        }
    }

    /** Answer with a NAK. */
    record Refused(String reason) implements Outcome {
    }

    /** Stay silent (RFC 2131 4.3.2: no record of an INIT-REBOOT client on a non-authoritative server). */
    record Ignored(String reason) implements Outcome {
    }

    private static final org.slf4j.Logger ALLOC = org.slf4j.LoggerFactory.getLogger("kea-dhcp4.alloc-engine");

    private final AddressPicker picker = new AddressPicker();
    private final LeaseStats stats;

    AllocationEngine(LeaseStats stats) {
        this.stats = stats;
    }

    /** The subnets an allocation may use: the selected one, then its shared network's, those the classes admit. */
    private static List<Subnet4> candidates(Exchange ex, Subnet4 selected) {
        List<Subnet4> all = ex.snap().candidates(selected);
        if (all.size() == 1) {
            return all;
        }
        ClassSet classes = ex.classes().classes();
        return all.stream().filter(s -> s == selected || s.admits(classes)).toList();
    }

    /** Kea's inAllowedPool: the address lies in a pool of the subnet whose guard admits the client. */
    static boolean inAllowedPool(Exchange ex, Subnet4 subnet, Ipv4Address a) {
        for (Pool4 p : subnet.pools()) {
            if (p.contains(a) && p.classes().admits(ex.classes().classes())) {
                return true;
            }
        }
        return false;
    }

    /** DISCOVER: the address to offer, or empty when every candidate subnet is full. */
    Optional<Choice> offer(Exchange ex, Subnet4 selected) {
        Optional<Ipv4Address> requested = ex.query().options().address(OptionCodes.REQUESTED_ADDRESS);
        for (Subnet4 subnet : candidates(ex, selected)) {
            Optional<Reservation4> host = Hosts.find(ex.snap(), subnet, ex.query());
            Optional<Choice> c = reserved(ex, subnet, host)
                    .or(() -> existing(ex, subnet, host))
                    .or(() -> requested.flatMap(a -> fromPool(ex, subnet, host, a)))
                    .or(() -> anyFree(ex, subnet, host));
            if (c.isPresent()) {
                if (!selectedByHooks(ex, c.get())) {
                    return Optional.empty();
                }
                return Optional.of(withReuse(ex, c.get()));
            }
        }
        // Kea's failure kinds: no pool anywhere to try, a full shared network, or a full subnet.
        ClassSet classes = ex.classes().classes();
        boolean noPools = candidates(ex, selected).stream()
                .allMatch(s -> s.pools().stream().noneMatch(p -> p.classes().admits(classes)));
        stats.allocationFailed(selected.id(), "");
        stats.allocationFailed(selected.id(), noPools ? "-no-pools"
                : selected.sharedNetworkName().isPresent() ? "-shared-network" : "-subnet");
        // Every query is in ALL, so Kea 2.2 counts this one too whenever allocation fails.
        stats.allocationFailed(selected.id(), "-classes");
        ALLOC.info("ALLOC_ENGINE_V4_ALLOC_FAIL_CLASSES {}: Failed to allocate an IPv4 address for client with"
                + " classes: {}", ex.client(), classes);
        return Optional.empty();
    }

    /** lease4_select for an offer (fake allocation): SKIP means no offer. */
    private static boolean selectedByHooks(Exchange ex, Choice c) {
        CalloutRegistry hooks = ex.snap().hooks().callouts();
        if (!hooks.has(HookPoint.LEASE4_SELECT)) {
            return true;
        }
        Lease4 offered = newLease(ex, c.subnet(), c.host(), c.address(), c.pool());
        var args = new Lease4SelectCallout.Args(ex.query(), Dhcp4Hooks.view(c.subnet()), true, Dhcp4Hooks.view(offered));
        return hooks.call(HookPoint.LEASE4_SELECT, args, Lease4SelectCallout::lease4Select) != NextStep.SKIP;
    }

    /**
     * The lease about to be written, through lease4_renew (a renewal) or lease4_select (a new
     * allocation); a callout may change it. Null when a callout said SKIP.
     */
    private static Lease4 hooked(Exchange ex, Subnet4 subnet, Lease4 lease, boolean renewal) {
        CalloutRegistry hooks = ex.snap().hooks().callouts();
        if (renewal && hooks.has(HookPoint.LEASE4_RENEW)) {
            var args = new Lease4RenewCallout.Args(ex.query(), Dhcp4Hooks.view(subnet),
                    Optional.ofNullable(ex.client().clientId()), ex.client().hwAddress(), Dhcp4Hooks.view(lease));
            if (hooks.call(HookPoint.LEASE4_RENEW, args, Lease4RenewCallout::lease4Renew) == NextStep.SKIP) {
                return null;
            }
            return Dhcp4Hooks.fromView(args.lease4(), lease);
        }
        if (!renewal && hooks.has(HookPoint.LEASE4_SELECT)) {
            var args = new Lease4SelectCallout.Args(ex.query(), Dhcp4Hooks.view(subnet), false, Dhcp4Hooks.view(lease));
            if (hooks.call(HookPoint.LEASE4_SELECT, args, Lease4SelectCallout::lease4Select) == NextStep.SKIP) {
                return null;
            }
            return Dhcp4Hooks.fromView(args.lease4(), lease);
        }
        return lease;
    }

    /**
     * Kea runs a DISCOVER from a client that has a lease through the same renewal as a REQUEST, so
     * lease caching applies to the offer too (and is counted in v4-lease-reuses).
     */
    private Choice withReuse(Exchange ex, Choice c) {
        Lease4 current = c.current();
        if (current == null || !ex.client().owns(current, c.subnet().matchClientId())) {
            return c;
        }
        long left = reuse(ex, c.subnet(), current, newLease(ex, c.subnet(), c.host(), c.address(), c.pool()));
        return left == 0 ? c : new Choice(c.subnet(), c.pool(), c.address(), c.host(), current, left);
    }

    /**
     * What is left of {@code current} when it can be handed out again instead of being replaced by
     * {@code fresh}, counting the reuse; 0 when it must be rewritten. As Kea's
     * {@code updateLease4Information}, any change to what the lease records (subnet, hardware
     * address, client identifier, valid lifetime, DNS flags, hostname) forces a rewrite.
     */
    private long reuse(Exchange ex, Subnet4 subnet, Lease4 current, Lease4 fresh) {
        if (!sameRecord(current, fresh)) {
            return 0;
        }
        long left = Lifetimes.reusable(subnet, current, fresh.validLifetime(), ex.now());
        if (left > 0) {
            stats.leaseReused(subnet.id());
        }
        return left;
    }

    private static boolean sameRecord(Lease4 current, Lease4 fresh) {
        return current.subnetId() == fresh.subnetId()
                && java.util.Objects.equals(current.hwAddress(), fresh.hwAddress())
                && java.util.Arrays.equals(current.clientId(), fresh.clientId())
                && current.validLifetime() == fresh.validLifetime()
                && current.fqdnFwd() == fresh.fqdnFwd() && current.fqdnRev() == fresh.fqdnRev()
                && current.hostname().equals(fresh.hostname());
    }

    private Optional<Choice> reserved(Exchange ex, Subnet4 subnet, Optional<Reservation4> host) {
        Optional<Ipv4Address> a = host.flatMap(Reservation4::address).filter(subnet::contains);
        if (a.isEmpty()) {
            return Optional.empty();
        }
        Lease4 current = ex.snap().leases().get(a.get()).orElse(null);
        if (current != null && !ex.client().owns(current, subnet.matchClientId()) && !reusable(current, ex.now())) {
            stats.reservationConflict(subnet.id());
            return Optional.empty();
        }
        return Optional.of(new Choice(subnet, poolOf(subnet, a.get()), a.get(), host, current));
    }

    private Optional<Choice> existing(Exchange ex, Subnet4 subnet, Optional<Reservation4> host) {
        for (Lease4 l : clientLeases(ex, subnet)) {
            if (l.state() != LeaseState.DECLINED && !reservedForOther(ex, subnet, host, l.address())
                    && inAllowedPool(ex, subnet, l.address())) {
                return Optional.of(new Choice(subnet, poolOf(subnet, l.address()), l.address(), host, l));
            }
        }
        return Optional.empty();
    }

    private Optional<Choice> fromPool(Exchange ex, Subnet4 subnet, Optional<Reservation4> host, Ipv4Address a) {
        Optional<Pool4> pool = poolOf(subnet, a);
        if (pool.isEmpty() || !pool.get().classes().admits(ex.classes().classes()) || !free(ex, subnet, host, a)) {
            return Optional.empty();
        }
        return Optional.of(new Choice(subnet, pool, a, host, ex.snap().leases().get(a).orElse(null)));
    }

    private Optional<Choice> anyFree(Exchange ex, Subnet4 subnet, Optional<Reservation4> host) {
        ClassSet classes = ex.classes().classes();
        for (Pool4 pool : subnet.pools()) {
            if (!pool.classes().admits(classes)) {
                continue;
            }
            Optional<Ipv4Address> a = picker.pick(subnet.id(), pool, subnet.allocator(), x -> free(ex, subnet, host, x));
            if (a.isPresent()) {
                return Optional.of(new Choice(subnet, Optional.of(pool), a.get(), host,
                        ex.snap().leases().get(a.get()).orElse(null)));
            }
        }
        return Optional.empty();
    }

    /**
     * Free for this client: unleased or reusable, not reserved for another, not offered to another.
     * Called for every address an allocator walks past, so the cheap, usually decisive test (an
     * unexpired lease) comes first.
     */
    private boolean free(Exchange ex, Subnet4 subnet, Optional<Reservation4> host, Ipv4Address a) {
        Lease4 l = ex.snap().leases().get(a).orElse(null);
        if (l != null && !reusable(l, ex.now())
                && !(l.state() != LeaseState.DECLINED && ex.client().owns(l, subnet.matchClientId()))) {
            return false;
        }
        return !reservedForOther(ex, subnet, host, a);
    }

    private static boolean reservedForOther(Exchange ex, Subnet4 subnet, Optional<Reservation4> host, Ipv4Address a) {
        Optional<Reservation4> holder = ex.snap().hosts().byAddress(subnet.id(), a);
        return holder.isPresent() && (host.isEmpty() || holder.get() != host.get());
    }

    /** An expired lease (or one past its decline probation) may go to anyone. */
    static boolean reusable(Lease4 l, long now) {
        return l.expiredAt(now);
    }

    static Optional<Pool4> poolOf(Subnet4 subnet, Ipv4Address a) {
        for (Pool4 p : subnet.pools()) {
            if (p.contains(a)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static List<Lease4> clientLeases(Exchange ex, Subnet4 subnet) {
        List<Lease4> byId = ex.client().clientId() != null && subnet.matchClientId()
                ? ex.snap().leases().byClientId(ex.client().clientId()) : List.of();
        List<Lease4> found = byId.isEmpty() ? ex.snap().leases().byHwAddress(ex.client().hwAddress()) : byId;
        return found.stream().filter(l -> l.subnetId() == subnet.id() && ex.client().owns(l, subnet.matchClientId()))
                .toList();
    }

    /**
     * REQUEST for {@code address}: grants (writing the lease), refuses (NAK) or ignores. {@code knownOnly}
     * is the INIT-REBOOT rule: a non-authoritative server stays silent about clients it has no record of.
     */
    Outcome request(Exchange ex, Subnet4 selected, Ipv4Address address, boolean initReboot) throws LeaseStoreException {
        Subnet4 subnet = null;
        for (Subnet4 s : candidates(ex, selected)) {
            if (s.contains(address)) {
                subnet = s;
                break;
            }
        }
        if (subnet == null) {
            return new Refused("requested address " + address + " is not in the client's subnet");
        }
        Optional<Reservation4> host = Hosts.find(ex.snap(), subnet, ex.query());
        Optional<Ipv4Address> reservedAddress = host.flatMap(Reservation4::address).filter(subnet::contains);
        if (reservedAddress.isPresent() && !reservedAddress.get().equals(address)) {
            return new Refused("client has a reservation for " + reservedAddress.get());
        }
        List<Lease4> own = clientLeases(ex, subnet);
        if (initReboot && !selected.authoritative() && own.isEmpty()) {
            return new Ignored("no record of the client (INIT-REBOOT, not authoritative)");
        }
        if (initReboot && !own.isEmpty() && own.stream().noneMatch(l -> l.address().equals(address))) {
            // RFC 2131 4.3.2: the client's notion of its address is wrong; Kea NAKs a known client here.
            return new Refused("client's lease is " + own.get(0).address() + ", not " + address);
        }
        if (reservedForOther(ex, subnet, host, address)) {
            return new Refused("address " + address + " is reserved for another client");
        }
        Lease4 current = ex.snap().leases().get(address).orElse(null);
        boolean mine = current != null && ex.client().owns(current, subnet.matchClientId())
                && current.state() != LeaseState.DECLINED;
        if (current != null && !mine && !reusable(current, ex.now())) {
            return new Refused("address " + address + " is leased to another client");
        }
        Optional<Pool4> pool = poolOf(subnet, address);
        boolean allowed = pool.isPresent() || reservedAddress.isPresent() || mine;
        if (!allowed) {
            return new Refused("address " + address + " is not in a pool of subnet " + subnet.id());
        }
        if (pool.isPresent() && reservedAddress.isEmpty() && !pool.get().classes().admits(ex.classes().classes())) {
            // Kea's ALLOC_ENGINE_V4_REQUEST_OUT_OF_POOL: not in a pool this client's classes allow.
            return new Refused("address " + address + " is not in a pool the client's classes allow");
        }
        Lease4 lease = newLease(ex, subnet, host, address, pool);
        long left = mine ? reuse(ex, subnet, current, lease) : 0;
        if (left > 0) {
            // Lease caching: the lease stays as it is on disk; the client hears what is left of it.
            return new Granted(current, subnet, host, left, current, deleteOthers(ex, own, address));
        }
        Lease4 chosen = hooked(ex, subnet, lease, mine);
        if (chosen == null && mine) {
            // lease4_renew SKIP: the lease stays as it is in the store; the client still hears it
            return new Granted(current, subnet, host, 0, current, List.of());
        }
        if (chosen == null) {
            return new Refused("a lease4_select callout skipped the allocation of " + address);
        }
        lease = chosen;
        boolean written = current == null ? ex.snap().leases().insert(lease) : ex.snap().leases().replace(current, lease);
        if (!written) {
            return new Refused("address " + address + " was taken by another client at the same time");
        }
        count(subnet, lease, current, mine);
        return new Granted(lease, subnet, host, 0, current, deleteOthers(ex, own, address));
    }

    /** Removes the client's leases other than {@code kept}; returns those removed. */
    private List<Lease4> deleteOthers(Exchange ex, List<Lease4> own, Ipv4Address kept) throws LeaseStoreException {
        List<Lease4> deleted = new java.util.ArrayList<>();
        for (Lease4 old : own) {
            if (!old.address().equals(kept) && ex.snap().leases().delete(old)) {
                stats.assigned(old.subnetId(), old.poolId(), -1);
                deleted.add(old);
            }
        }
        return deleted;
    }

    private void count(Subnet4 subnet, Lease4 lease, Lease4 previous, boolean renewal) {
        if (previous == null) {
            stats.assigned(subnet.id(), lease.poolId(), 1);
        } else if (previous.state() == LeaseState.DECLINED) {
            stats.declined(previous.subnetId(), previous.poolId(), -1);
        } else if (previous.state() != LeaseState.DEFAULT) {
            stats.assigned(subnet.id(), lease.poolId(), 1);
        }
        if (!renewal) {
            stats.cumulativeAssigned(subnet.id(), lease.poolId());
        }
    }

    private static Lease4 newLease(Exchange ex, Subnet4 subnet, Optional<Reservation4> host, Ipv4Address address,
                                   Optional<Pool4> pool) {
        long valid = Lifetimes.valid(subnet, ex);
        // Kea's processClientName: option 81 / 12, the reservation's hostname, the scope's ddns-* keys.
        NameDecision name = DdnsFlow.name(ex, subnet, host.map(Reservation4::hostname).filter(h -> !h.isEmpty()),
                address);
        return new Lease4(address, ex.client().hwAddress(), ex.client().clientId(), valid, ex.now(), subnet.id(),
                name.forward(), name.reverse(), name.hostname(), LeaseState.DEFAULT, null,
                pool.map(Pool4::poolId).orElse(0L));
    }
}
