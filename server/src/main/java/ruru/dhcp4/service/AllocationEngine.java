package ruru.dhcp4.service;

import java.util.List;
import java.util.Optional;

import ruru.daemon.hooks.CalloutRegistry;
import ruru.dhcp.engine.AllocationFailure;
import ruru.dhcp.engine.CandidatePicker;
import ruru.classify.ClassSet;
import ruru.daemon.logging.KeaMessage;
import ruru.dhcp4.config.Pool4;
import ruru.dhcp4.log.Dhcp4Messages;
import ruru.ddns.names.NameDecision;
import ruru.dhcp4.config.Reservation4;
import ruru.dhcp4.config.Subnet4;
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
 * <p>The decisions are Kea's (AllocEngine discoverLease4 and requestLease4), over the selected
 * subnet and, when it is in a shared network, the network's other subnets:
 * <ul>
 * <li>DISCOVER: the reserved address unless another client holds it; else the client's own lease
 *     (expired ones too: lease affinity) when its address is still in a pool and not reserved for
 *     another; else the hint (option 50, else ciaddr) when it is in a pool, not reserved for another
 *     and free or expired; else the pools in allocator order, where an expired lease counts as free.</li>
 * <li>REQUEST: a hint reserved for another client in the selected subnet, leased to another client, out of every pool
 *     without being the client's reservation, or other than a free reservation of the client is
 *     refused (the last but one flagged "unknown address"); a request for the client's own lease,
 *     or with no hint at all, renews it; otherwise the hint, or with no hint the reservation or any
 *     free address, is allocated and the client's previous lease removed.</li>
 * </ul>
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
    sealed interface Outcome permits Granted, Refused {
    }

    /**
     * The lease as it now is in the store. {@code reusedLifetime}, when not 0, means the lease was
     * young enough to be handed out again unchanged (not rewritten) and is what is left of it.
     * {@code deleted} is the client's previous lease when this grant moved it to another address
     * (removed from the store, as Kea's requestLease4 does; leases4_committed's deleted leases).
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

    /**
     * No lease. {@code unknownAddress}: the client asked for an address that is in no pool and not
     * reserved for it (Kea's unknown_requested_addr_), which the server answers with silence when
     * the address is in no pool of the client's network at all.
     */
    record Refused(KeaMessage message, List<Object> args, boolean unknownAddress) implements Outcome {

        /** Logs why, as Kea's allocation engine does; the query's label is the first argument. */
        void log(Exchange ex) {
            Object[] all = new Object[args.size() + 1];
            all[0] = ex.label();
            for (int i = 0; i < args.size(); i++) {
                all[i + 1] = args.get(i);
            }
            if (message != null) {
                message.log(all);
            }
        }
    }

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

    /**
     * Kea's SharedNetwork4::getPreferredSubnet, applied before a new address is looked for: of the
     * network's subnets with the same class guard as the first candidate, the one whose allocator
     * was used last (so once a subnet is full, the next clients start in the subnet that had room).
     */
    private Subnet4 preferred(List<Subnet4> candidates) {
        return picker.preferred(candidates, s -> s.classes().allowed());
    }

    /** A new configuration is in force. */
    void reconfigured() {
        picker.reset();
    }

    /**
     * DISCOVER: the address to offer, or empty when every candidate subnet is full. The client's
     * hint is option 50, else its ciaddr (Kea takes either).
     */
    Optional<Choice> offer(Exchange ex, Subnet4 selected) {
        Ipv4Address hint = hint(ex);
        List<Subnet4> candidates = candidates(ex, selected);
        Owned own = clientLease(ex, candidates);
        Optional<Choice> c = Optional.empty();
        Reserved reserved = reservation(ex, candidates);
        // Kea's context subnet: moved by the reservation lookup and by inAllowedPool (the client's
        // lease, then the hint) to the subnet they found; a new address is looked for from there
        Subnet4 start = selected;
        if (reserved != null) {
            start = reserved.subnet();
            Dhcp4Messages.ALLOC_ENGINE_V4_DISCOVER_HR.log(ex.label(), reserved.address());
            if (own == null || !own.lease().address().equals(reserved.address())) {
                c = allocateOrReuse(ex, reserved.subnet(), Optional.of(reserved.host()), reserved.address());
                if (c.isEmpty()) {
                    stats.reservationConflict(reserved.subnet().id());
                }
            } else {
                c = Optional.of(renewal(ex, own, Optional.of(reserved.host())));
            }
        }
        Subnet4 ownPool = c.isEmpty() && own != null ? inPool(ex, candidates, own.lease().address()) : null;
        if (ownPool != null) {
            start = ownPool;
        }
        if (ownPool != null && !reservedForOther(ex, own.subnet(), own.lease().address())) {
            Dhcp4Messages.ALLOC_ENGINE_V4_OFFER_EXISTING_LEASE.log(ex.label());
            c = Optional.of(renewal(ex, own, host(ex, own.subnet())));
        }
        if (c.isEmpty() && !hint.isZero()) {
            Subnet4 s = inPool(ex, candidates, hint);
            if (s != null) {
                start = s;
            }
            if (s != null && !reservedForOther(ex, s, hint)) {
                Dhcp4Messages.ALLOC_ENGINE_V4_OFFER_REQUESTED_LEASE.log(hint, ex.label());
                c = allocateOrReuse(ex, s, host(ex, s), hint);
            }
        }
        AllocationFailure tally = new AllocationFailure();
        if (c.isEmpty()) {
            Dhcp4Messages.ALLOC_ENGINE_V4_OFFER_NEW_LEASE.log(ex.label());
            c = anyFree(ex, CandidatePicker.fromById(candidates, start, Subnet4::id), tally);
        }
        if (c.isPresent()) {
            if (!selectedByHooks(ex, c.get())) {
                Subnet4 s = c.get().subnet();
                Dhcp4Messages.ALLOC_ENGINE_V4_ALLOC_FAIL_SUBNET.log(ex.label(), s.prefixText(), s.id(),
                        s.sharedNetworkName().orElse("(none)"));
                return Optional.empty();
            }
            return Optional.of(withReuse(ex, c.get()));
        }
        failed(ex, selected, tally);
        return Optional.empty();
    }

    /**
     * Kea's failure statistics and lines for an unreserved allocation that found nothing (shared
     * with dhcp6, {@link AllocationFailure}; kea-dhcp4 2.2 live: the subnet's line with "(none)",
     * then the attempts or no pools, then the classes), counted in the last subnet walked.
     */
    private void failed(Exchange ex, Subnet4 selected, AllocationFailure tally) {
        long last = tally.lastSubnet() < 0 ? selected.id() : tally.lastSubnet();
        Subnet4 at = ex.snap().subnet(last).orElse(selected);
        tally.report(stats.counters(), "v4", FAILURE, ex.label(), at.id(), at.prefixText(),
                at.sharedNetworkName().orElse(null), ex.classes().classes());
    }

    private static final AllocationFailure.Messages FAILURE = new AllocationFailure.Messages(
            Dhcp4Messages.ALLOC_ENGINE_V4_ALLOC_FAIL_SHARED_NETWORK, Dhcp4Messages.ALLOC_ENGINE_V4_ALLOC_FAIL_SUBNET,
            Dhcp4Messages.ALLOC_ENGINE_V4_ALLOC_FAIL, Dhcp4Messages.ALLOC_ENGINE_V4_ALLOC_FAIL_NO_POOLS,
            Dhcp4Messages.ALLOC_ENGINE_V4_ALLOC_FAIL_CLASSES);

    /**
     * Kea 3's allocation on DISCOVER ({@code offer-lifetime} above 0): the offered address is
     * written to the lease store for {@code offerLifetime} seconds, so that no other client is
     * offered it meanwhile; the REQUEST then extends this lease to the valid lifetime, and an
     * unclaimed one expires and is reclaimed like any other. The offered lease counts in
     * assigned-addresses and cumulative-assigned-addresses (the REQUEST that follows renews it and
     * counts nothing more). Its DNS flags stay off, since no DNS update is made for an offer (so the
     * REQUEST's lease sends the NCRs); its hostname is kept. A client's own lease that is still
     * active is offered as it is, never shortened (nor is a lease handed out again by lease
     * caching). Empty when the address was taken between the choice and the write (another thread
     * or another server on the same database): then no OFFER is sent.
     */
    Optional<Lease4> hold(Exchange ex, Choice c, long offerLifetime) throws LeaseStoreException {
        Lease4 current = c.current();
        if (c.reusedLifetime() > 0 || current != null && !reusable(current, ex.now())) {
            return Optional.of(current);
        }
        Lease4 full = newLease(ex, c.subnet(), c.host(), c.address(), c.pool());
        Lease4 offered = new Lease4(full.address(), full.hwAddress(), full.clientId(), offerLifetime, ex.now(),
                full.subnetId(), false, false, full.hostname(), LeaseState.DEFAULT, full.userContext(), full.poolId());
        traceWrite(ex, current, offered.address());
        boolean written = current == null ? ex.snap().leases().insert(offered) : ex.snap().leases().replace(current, offered);
        if (!written) {
            return Optional.empty();
        }
        count(c.subnet(), offered, current, false);
        return Optional.of(offered);
    }

    /** The lease an OFFER without offer-lifetime stands for (Kea's fake allocation: nothing is stored). */
    static Lease4 candidate(Exchange ex, Choice c) {
        return newLease(ex, c.subnet(), c.host(), c.address(), c.pool());
    }

    /** Option 50, else ciaddr, else 0.0.0.0. */
    static Ipv4Address hint(Exchange ex) {
        return ex.query().options().address(OptionCodes.REQUESTED_ADDRESS).orElse(ex.query().ciaddr());
    }

    /** A client's lease and the subnet it is in. */
    record Owned(Lease4 lease, Subnet4 subnet) {
    }

    /** A reserved address with the reservation and the subnet it falls in. */
    record Reserved(Ipv4Address address, Reservation4 host, Subnet4 subnet) {
    }

    /**
     * The client's lease in the candidate subnets (Kea's findClientLease): by client identifier
     * when the subnet matches on it, else by hardware address; expired ones count (lease affinity),
     * declined ones belong to nobody.
     */
    static Owned clientLease(Exchange ex, List<Subnet4> candidates) {
        Owned found = ownLease(ex, candidates);
        if (Dhcp4Messages.DHCPSRV_MEMFILE_GET_HWADDR.enabled()) {
            traceClientLookup(ex, candidates, found);
        }
        return found;
    }

    private static Owned ownLease(Exchange ex, List<Subnet4> candidates) {
        for (Subnet4 subnet : candidates) {
            for (Lease4 l : clientLeases(ex, subnet)) {
                if (l.state() != LeaseState.DECLINED) {
                    return new Owned(l, subnet);
                }
            }
        }
        return null;
    }

    /**
     * Kea's findClientLease queries the store by client identifier (when a candidate subnet
     * matches on it) and, unless that found the client's lease, by hardware address.
     */
    private static void traceClientLookup(Exchange ex, List<Subnet4> candidates, Owned found) {
        byte[] id = ex.client().clientId();
        boolean byId = false;
        if (id != null) {
            for (Subnet4 s : candidates) {
                byId |= s.matchClientId();
            }
        }
        if (byId) {
            StoreTraces4.byClientId(ex, id);
        }
        boolean foundById = byId && found != null && found.subnet().matchClientId()
                && java.util.Arrays.equals(found.lease().clientId(), id);
        if (!foundById && ex.client().hwAddress() != null) {
            StoreTraces4.byHwAddress(ex, ex.client().hwAddress());
        }
    }

    /** The client's address reservation in a candidate subnet whose range holds the address. */
    private static Reserved reservation(Exchange ex, List<Subnet4> candidates) {
        for (Subnet4 subnet : candidates) {
            Optional<Reservation4> host = host(ex, subnet);
            if (host.isPresent() && host.get().address().filter(subnet::contains).isPresent()) {
                return new Reserved(host.get().address().get(), host.get(), subnet);
            }
        }
        return null;
    }

    private static Optional<Reservation4> host(Exchange ex, Subnet4 subnet) {
        return Hosts.find(ex.snap(), subnet, ex.query());
    }

    /**
     * The candidate subnet with a pool holding {@code a} whose class guard admits the client, or
     * null (Kea's inAllowedPool).
     */
    private static Subnet4 inPool(Exchange ex, List<Subnet4> candidates, Ipv4Address a) {
        for (Subnet4 s : candidates) {
            if (inAllowedPool(ex, s, a)) {
                return s;
            }
        }
        return null;
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

    /** The candidate subnet with a pool holding {@code a}, or null. */
    static Subnet4 containingPool(Exchange ex, List<Subnet4> candidates, Ipv4Address a) {
        return inPool(ex, candidates, a);
    }

    private static boolean inAllowedPool(Exchange ex, List<Subnet4> candidates, Ipv4Address a) {
        return inPool(ex, candidates, a) != null;
    }

    /** The client's own lease offered again (Kea's renewLease4 on a fake allocation). */
    private static Choice renewal(Exchange ex, Owned own, Optional<Reservation4> host) {
        return new Choice(own.subnet(), poolOf(own.subnet(), own.lease().address()), own.lease().address(), host,
                own.lease());
    }

    /** The address if nobody holds it or its lease has expired (Kea's allocateOrReuseLease4). */
    private static Optional<Choice> allocateOrReuse(Exchange ex, Subnet4 subnet, Optional<Reservation4> host,
                                                    Ipv4Address a) {
        StoreTraces4.get(ex, a);
        Lease4 current = ex.snap().leases().get(a).orElse(null);
        if (current != null && !reusable(current, ex.now())
                && !(current.state() != LeaseState.DECLINED && ex.client().owns(current, subnet.matchClientId()))) {
            return Optional.empty();
        }
        return Optional.of(new Choice(subnet, poolOf(subnet, a), a, host, current));
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
        long left = reuse(ex, c.subnet(), current, newLease(ex, c.subnet(), c.host(), c.address(), c.pool(),
                current.userContext()));
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
                && current.hostname().equals(fresh.hostname())
                && java.util.Objects.equals(current.userContext(), fresh.userContext());
    }

    /** The pools of the candidate subnets in order, through the allocator (Kea's allocateUnreservedLease4). */
    private Optional<Choice> anyFree(Exchange ex, List<Subnet4> candidates, AllocationFailure tally) {
        ClassSet classes = ex.classes().classes();
        for (Subnet4 subnet : CandidatePicker.fromById(candidates, preferred(candidates), Subnet4::id)) {
            Optional<Reservation4> host = host(ex, subnet);
            for (int attempt = 0; attempt < 3; attempt++) {
                Optional<AddressPicker.Picked> a = picker.pick(subnet, classes, x -> free(ex, subnet, x),
                        attempt == 0 ? tally : null);
                if (a.isEmpty()) {
                    break;
                }
                // read again after the allocator judged it free: another thread (or a server on the
                // same database) may have taken it since; that lease is never overwritten
                Ipv4Address address = a.get().address();
                Lease4 current = ex.snap().leases().get(address).orElse(null);
                if (current == null || reusable(current, ex.now())) {
                    return Optional.of(new Choice(subnet, Optional.of(a.get().pool()), address, host, current));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Free for a new allocation: unleased or expired, and not reserved for another client. Called
     * for every address an allocator walks past, so the cheap, usually decisive test comes first.
     */
    private static boolean free(Exchange ex, Subnet4 subnet, Ipv4Address a) {
        StoreTraces4.get(ex, a);
        Lease4 l = ex.snap().leases().get(a).orElse(null);
        if (l != null && !reusable(l, ex.now())) {
            return false;
        }
        return !reservedForOther(ex, subnet, a);
    }

    /**
     * Whether {@code a} is reserved in {@code subnet} for a host other than this client's (Kea's
     * addressReserved): only when the subnet has in-subnet reservations, and with
     * reservations-out-of-pool only for addresses outside the pools.
     */
    static boolean reservedForOther(Exchange ex, Subnet4 subnet, Ipv4Address a) {
        if (!subnet.reservationsInSubnet() || subnet.reservationsOutOfPool() && poolOf(subnet, a).isPresent()) {
            return false;
        }
        Hosts.traceAddress(ex.snap(), subnet.id(), a);
        Optional<Reservation4> holder = ex.snap().hosts().holding(subnet.id(), a);
        if (holder.isEmpty()) {
            return false;
        }
        Optional<Reservation4> mine = host(ex, subnet);
        return mine.isEmpty() || holder.get() != mine.get();
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
        if (found.isEmpty()) {
            return found; // a new client: the usual case under load, no list built
        }
        List<Lease4> mine = new java.util.ArrayList<>(found.size());
        for (Lease4 l : found) {
            if (l.subnetId() == subnet.id() && ex.client().owns(l, subnet.matchClientId())) {
                mine.add(l);
            }
        }
        return mine;
    }

    /** REQUEST: grants (writing the lease) or refuses, as Kea's requestLease4; see the class comment. */
    Outcome request(Exchange ex, Subnet4 selected, Ipv4Address hint) throws LeaseStoreException {
        List<Subnet4> candidates = candidates(ex, selected);
        Owned own = clientLease(ex, candidates);
        Reserved reserved = reservation(ex, candidates);
        Ipv4Address wanted = hint;
        if (!wanted.isZero()) {
            // Kea's requestLease4 asks addressReserved with the context's subnet, still the selected
            // one: a shared network's other subnets' reservations are not looked at here (the
            // DISCOVER path's inAllowedPool moves to the subnet holding the hint first)
            if (reservedForOther(ex, selected, wanted)) {
                return new Refused(Dhcp4Messages.ALLOC_ENGINE_V4_REQUEST_ADDRESS_RESERVED, List.of(wanted), false);
            }
        } else if (reserved != null) {
            Dhcp4Messages.ALLOC_ENGINE_V4_REQUEST_USE_HR.log(ex.label(), reserved.address());
            wanted = reserved.address();
        }
        if (!wanted.isZero()) {
            Subnet4 in = containing(candidates, wanted);
            StoreTraces4.get(ex, wanted);
            Lease4 existing = ex.snap().leases().get(wanted).orElse(null);
            boolean match = in == null || in.matchClientId();
            if (existing != null && !reusable(existing, ex.now())
                    && !(existing.state() != LeaseState.DECLINED && ex.client().owns(existing, match))) {
                return new Refused(Dhcp4Messages.ALLOC_ENGINE_V4_REQUEST_IN_USE, List.of(wanted), false);
            }
            if (reserved != null && !reserved.address().equals(wanted)) {
                Lease4 atReserved = ex.snap().leases().get(reserved.address()).orElse(null);
                if (atReserved == null || reusable(atReserved, ex.now())) {
                    return new Refused(Dhcp4Messages.ALLOC_ENGINE_V4_REQUEST_INVALID,
                            List.of(reserved.address(), wanted), false);
                }
            }
            if ((reserved == null || !reserved.address().equals(wanted)) && !inAllowedPool(ex, candidates, wanted)) {
                return new Refused(Dhcp4Messages.ALLOC_ENGINE_V4_REQUEST_OUT_OF_POOL, List.of(wanted), true);
            }
        }
        if (own != null && (own.lease().address().equals(wanted) || wanted.isZero())
                && (reserved != null && reserved.address().equals(wanted)
                    || inAllowedPool(ex, candidates, own.lease().address()))) {
            Dhcp4Messages.ALLOC_ENGINE_V4_REQUEST_EXTEND_LEASE.log(ex.label(), wanted);
            return renew(ex, own, reserved != null && reserved.subnet().id() == own.subnet().id()
                    ? Optional.of(reserved.host()) : host(ex, own.subnet()));
        }
        Optional<Choice> choice;
        AllocationFailure tally = new AllocationFailure();
        if (!wanted.isZero()) {
            Dhcp4Messages.ALLOC_ENGINE_V4_REQUEST_ALLOC_REQUESTED.log(ex.label(), wanted);
            Subnet4 in = reserved != null && reserved.address().equals(wanted) ? reserved.subnet()
                    : inPool(ex, candidates, wanted);
            choice = in == null ? Optional.empty() : allocateOrReuse(ex, in, host(ex, in), wanted);
        } else {
            Dhcp4Messages.ALLOC_ENGINE_V4_REQUEST_PICK_ADDRESS.log(ex.label());
            choice = anyFree(ex, candidates, tally);
        }
        if (choice.isEmpty()) {
            if (wanted.isZero()) {
                failed(ex, selected, tally);
            }
            return new Refused(null, List.of(), false);
        }
        Choice c = choice.get();
        Lease4 lease = hooked(ex, c.subnet(), newLease(ex, c.subnet(), c.host(), c.address(), c.pool()), false);
        if (lease == null) {
            Dhcp4Messages.DHCPSRV_HOOK_LEASE4_SELECT_SKIP.log();
            return new Refused(null, List.of(), false);
        }
        Lease4 current = c.current();
        traceWrite(ex, current, lease.address());
        boolean written = current == null ? ex.snap().leases().insert(lease) : ex.snap().leases().replace(current, lease);
        if (!written) {
            return new Refused(Dhcp4Messages.ALLOC_ENGINE_V4_REQUEST_IN_USE, List.of(c.address()), false);
        }
        count(c.subnet(), lease, current, false);
        List<Lease4> deleted = List.of();
        if (own != null && !own.lease().address().equals(lease.address())) {
            Dhcp4Messages.ALLOC_ENGINE_V4_REQUEST_REMOVE_LEASE.log(ex.label(), own.lease().address());
        }
        if (own != null && !own.lease().address().equals(lease.address())) {
            StoreTraces4.delete(ex, own.lease().address());
        }
        if (own != null && !own.lease().address().equals(lease.address()) && ex.snap().leases().delete(own.lease())) {
            // Kea's requestLease4 removes the client's previous lease; leases4_committed lists it as deleted.
            deleted = List.of(own.lease());
            if (own.lease().state() == LeaseState.DEFAULT) {
                stats.assigned(own.lease().subnetId(), own.lease().poolId(), -1);
            }
        }
        return new Granted(lease, c.subnet(), c.host(), 0, current, deleted);
    }

    /** The client's lease extended (or, with lease caching, handed out again as it is). */
    private Outcome renew(Exchange ex, Owned own, Optional<Reservation4> host) throws LeaseStoreException {
        Subnet4 subnet = own.subnet();
        Lease4 current = own.lease();
        Lease4 lease = newLease(ex, subnet, host, current.address(), poolOf(subnet, current.address()),
                current.userContext());
        long left = reuse(ex, subnet, current, lease);
        if (left > 0) {
            return new Granted(current, subnet, host, left, current, List.of());
        }
        Lease4 chosen = hooked(ex, subnet, lease, true);
        if (chosen == null) {
            // lease4_renew SKIP: the lease stays as it is in the store; the client still hears it
            return new Granted(current, subnet, host, 0, current, List.of());
        }
        StoreTraces4.update(ex, current.address());
        if (!ex.snap().leases().replace(current, chosen)) {
            return new Refused(Dhcp4Messages.ALLOC_ENGINE_V4_REQUEST_IN_USE, List.of(current.address()), false);
        }
        count(subnet, chosen, current, true);
        return new Granted(chosen, subnet, host, 0, current, List.of());
    }

    /** Kea's addLease4 or updateLease4 trace for a lease about to be written. */
    private static void traceWrite(Exchange ex, Lease4 current, Ipv4Address a) {
        if (current == null) {
            StoreTraces4.add(ex, a);
        } else {
            StoreTraces4.update(ex, a);
        }
    }

    /** The candidate subnet whose range holds {@code a}, or null. */
    static Subnet4 containing(List<Subnet4> candidates, Ipv4Address a) {
        for (Subnet4 s : candidates) {
            if (s.contains(a)) {
                return s;
            }
        }
        return null;
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
        return newLease(ex, subnet, host, address, pool, null);
    }

    /**
     * The lease a grant writes: the client's hardware address, its client identifier only where the
     * subnet matches on it (Kea's createLease4), and {@code userContext} (the renewed lease's) with
     * the relay agent information when the subnet stores extended info.
     */
    private static Lease4 newLease(Exchange ex, Subnet4 subnet, Optional<Reservation4> host, Ipv4Address address,
                                   Optional<Pool4> pool, String userContext) {
        long valid = Lifetimes.valid(subnet, ex);
        // Kea's processClientName: option 81 / 12, the reservation's hostname, the scope's ddns-* keys.
        NameDecision name = DdnsFlow.name(ex, subnet, host.map(Reservation4::hostname).filter(h -> !h.isEmpty()),
                address);
        return new Lease4(address, ex.client().hwAddress(), subnet.matchClientId() ? ex.client().clientId() : null,
                valid, ex.now(), subnet.id(), name.forward(), name.reverse(), name.hostname(), LeaseState.DEFAULT,
                ExtendedInfo.userContext(userContext, ex.query(), subnet.storeExtendedInfo()),
                pool.map(Pool4::poolId).orElse(0L));
    }
}
