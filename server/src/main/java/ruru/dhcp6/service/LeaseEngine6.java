package ruru.dhcp6.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import ruru.dhcp.config.OptionValue;
import ruru.dhcp.engine.AllocationFailure;
import ruru.dhcp.engine.CandidatePicker;
import ruru.ddns.names.NameDecision;
import ruru.dhcp.engine.LeaseCounters;
import ruru.dhcp6.config.PdPool;
import ruru.dhcp6.config.Pool6;
import ruru.dhcp6.config.Reservation6;
import ruru.dhcp6.config.Subnet6;
import ruru.dhcp6.log.Dhcp6Messages;
import ruru.dhcp6.log.LeaseText6;
import ruru.hooks.HookPoint;
import ruru.hooks.Lease6RebindCallout;
import ruru.hooks.Lease6RenewCallout;
import ruru.hooks.Lease6SelectCallout;
import ruru.hooks.NextStep;
import ruru.lease.Lease6;
import ruru.lease.LeaseState;
import ruru.lease.LeaseStoreException;
import ruru.wire.Ipv6Address;
import ruru.wire.Ipv6Prefix;
import ruru.wire.WireFormatException;
import ruru.wire.v6.Dhcp6MessageType;
import ruru.wire.v6.Ia;
import ruru.wire.v6.IaAddress;
import ruru.wire.v6.IaPrefix;
import ruru.wire.v6.IaType;
import ruru.wire.v6.Option6;
import ruru.wire.v6.Status6;
import ruru.wire.v6.StatusCode;

/**
 * Decides which addresses and prefixes an IA gets, as Kea's allocation engine does for DHCPv6.
 * Per candidate subnet (the preferred one, then the other subnets of its shared network by id):
 * the client's existing leases for this IA, else its reserved addresses or prefixes; then the
 * address or prefix it hinted (when in a pool and free) and the pools, in Kea 3's passes for a PD
 * hint's length ({@link PrefixLengthMatch}). A SOLICIT's allocation is fake:
 * nothing is written (Kea does not write advertised leases). Committed leases are written with a
 * compare-and-set per address before the reply is built, so two clients can never hold one address.
 */
final class LeaseEngine6 {


    private final CandidatePicker picker = new CandidatePicker();

    /**
     * A new configuration is in force: the iterative allocator starts again from each pool's first
     * address and each subnet's first pool, as Kea's freshly built subnets and pools do.
     */
    void reconfigured() {
        picker.reset();
    }
    private final LeaseCounters nas;
    private final LeaseCounters pds;

    LeaseEngine6(LeaseCounters nas, LeaseCounters pds) {
        this.nas = nas;
        this.pds = pds;
    }

    LeaseCounters counters(IaType type) {
        return type == IaType.PD ? pds : nas;
    }

    /** The lease a candidate would become, before hooks and commit. */
    private record Candidate(Subnet6 subnet, Ipv6Address address, int prefixLength, long poolId,
                             List<OptionValue> poolOptions, Optional<Ipv6Prefix> excluded, Lease6 previous,
                             Optional<Reservation6> host, boolean inPool) {
    }

    /**
     * SOLICIT, REQUEST, and RENEW/REBIND of an IA the client has no lease for: a lease per IA
     * (several when several are reserved). Empty granted list when nothing could be found.
     *
     * @param commit false for a SOLICIT without rapid commit (nothing is written)
     */
    List<IaOutcome.Granted> assign(Exchange6 ex, Subnet6 selected, Ia ia, boolean commit) throws LeaseStoreException,
            WireFormatException {
        long[] hints = hints(ia);
        List<Subnet6> candidates = ClassGuards6.candidates(ex, selected);
        Subnet6 preferred = candidates.size() == 1 ? selected : preferred(selected, candidates, ia.type());
        java.util.Map<Long, Optional<Reservation6>> hosts = new java.util.HashMap<>();
        boolean unreserved = false;
        for (Subnet6 subnet : CandidatePicker.fromById(candidates, preferred, Subnet6::id)) {
            Optional<Reservation6> host = host(ex, subnet, hosts);
            List<Lease6> own = own(ex, subnet, ia);
            if (!own.isEmpty()) {
                List<IaOutcome.Granted> renewed = renew(ex, subnet, ia, own, host, commit, false);
                if (!renewed.isEmpty()) {
                    return renewed;
                }
            }
            List<IaOutcome.Granted> out = new ArrayList<>();
            for (Candidate c : reserved(ex, subnet, ia, host)) {
                IaOutcome.Granted g = take(ex, ia, c, hints, commit);
                if (g != null) {
                    reservedGranted(ex, g.lease());
                    out.add(g);
                }
            }
            if (!out.isEmpty()) {
                return out;
            }
            if (subnet == preferred && own.isEmpty() && host.isPresent()) {
                unreserved = true;
            }
        }
        if (unreserved) {
            // Kea's allocateLeases6: a client with a host but nothing reserved for it left goes on unreserved
            Dhcp6Messages.ALLOC_ENGINE_V6_ALLOC_UNRESERVED.log(ex.label());
        }
        // Kea's allocateUnreservedLeases6: per pass (a PD hint's length: equal, shorter, longer), the
        // hint in the subnets from the selected one, then the walk from the preferred one
        int length = PrefixLengthMatch.requested(ia);
        AllocationFailure tally = new AllocationFailure();
        for (PrefixLengthMatch match : PrefixLengthMatch.passes(length)) {
            for (Subnet6 subnet : CandidatePicker.fromById(candidates, selected, Subnet6::id)) {
                Optional<Candidate> hinted = hinted(ex, subnet, ia, host(ex, subnet, hosts), match, length);
                if (hinted.isPresent()) {
                    IaOutcome.Granted g = take(ex, ia, hinted.get(), hints, commit);
                    if (g != null) {
                        return List.of(g);
                    }
                }
            }
            preferred = candidates.size() == 1 ? selected : preferred(selected, candidates, ia.type());
            for (Subnet6 subnet : CandidatePicker.fromById(candidates, preferred, Subnet6::id)) {
                for (int attempt = 0; attempt < 3; attempt++) {
                    Optional<Candidate> free = fromPools(ex, subnet, ia, host(ex, subnet, hosts), match, length,
                            attempt == 0 ? tally : null);
                    if (free.isEmpty()) {
                        break;
                    }
                    IaOutcome.Granted g = take(ex, ia, free.get(), hints, commit);
                    if (g != null) {
                        return List.of(g);
                    }
                }
            }
        }
        failed(ex, preferred, ia.type(), tally);
        return List.of();
    }

    /** The client's reservation in {@code subnet}, looked up once per IA. */
    private static Optional<Reservation6> host(Exchange6 ex, Subnet6 subnet,
                                               java.util.Map<Long, Optional<Reservation6>> hosts) {
        return hosts.computeIfAbsent(subnet.id(), id -> Hosts6.find(ex.snap(), subnet, ex));
    }

    /**
     * Kea's SharedNetwork6::getPreferredSubnet(selected, lease type), as allocateUnreservedLeases6
     * asks it: of the candidates with the selected subnet's class guard, the one whose allocator
     * walked last for this kind of lease. Allocation starts there and a failure is counted there.
     */
    private Subnet6 preferred(Subnet6 selected, List<Subnet6> candidates, IaType type) {
        return picker.preferred(candidates, s -> new WalkKey(s.id(), type == IaType.PD),
                s -> s.classes().allowed());
    }

    /** A subnet and a kind of lease: one iterative walk (Kea keeps one per subnet and lease type). */
    private record WalkKey(long subnet, boolean pd) {
    }

    /**
     * Kea's failure statistics and lines, once after every pass (Kea 3's source; kea-dhcp6 2.2
     * live makes one pass): counted in the subnet the walk of the last pass started from.
     */
    private void failed(Exchange6 ex, Subnet6 preferred, IaType type, AllocationFailure tally) {
        tally.report(counters(type), "v6", FAILURE, ex.label(), preferred.id(), preferred.prefix(),
                preferred.sharedNetworkName().orElse(null), ex.classes());
    }

    private static final AllocationFailure.Messages FAILURE = new AllocationFailure.Messages(
            Dhcp6Messages.ALLOC_ENGINE_V6_ALLOC_FAIL_SHARED_NETWORK, Dhcp6Messages.ALLOC_ENGINE_V6_ALLOC_FAIL_SUBNET,
            Dhcp6Messages.ALLOC_ENGINE_V6_ALLOC_FAIL, Dhcp6Messages.ALLOC_ENGINE_V6_ALLOC_FAIL_NO_POOLS,
            Dhcp6Messages.ALLOC_ENGINE_V6_ALLOC_FAIL_CLASSES);

    /**
     * Kea's lease caching ({@code cache-threshold}, {@code cache-max-age}): when the renewal would
     * change nothing the lease records but its time, and the lease is young enough, the stored lease
     * stays as it is (nothing written) and the client gets what is left of its lifetimes. Null when
     * the lease must be rewritten.
     */
    private static Lease6 cached(Subnet6 subnet, Lease6 old, Lease6 renewed, long now) {
        if (old.validLifetime() != renewed.validLifetime() || old.preferredLifetime() != renewed.preferredLifetime()
                || old.subnetId() != renewed.subnetId() || old.fqdnFwd() != renewed.fqdnFwd()
                || old.fqdnRev() != renewed.fqdnRev() || !old.hostname().equals(renewed.hostname())
                || !java.util.Objects.equals(old.hwAddress(), renewed.hwAddress())
                || !java.util.Objects.equals(old.userContext(), renewed.userContext())) {
            return null;
        }
        long valid = ruru.dhcp.engine.LeaseCache.reusable(subnet.cacheThreshold(), subnet.cacheMaxAge(),
                old.state() == LeaseState.DEFAULT, old.cltt(), old.validLifetime(), renewed.validLifetime(), now);
        if (valid == 0) {
            return null;
        }
        long preferred = valid == Lease6.INFINITE_LIFETIME ? old.preferredLifetime()
                : Math.max(0, old.preferredLifetime() - (now - old.cltt()));
        return new Lease6(old.address(), old.type(), old.prefixLength(), old.iaid(), old.duid(), preferred, valid,
                old.cltt(), old.subnetId(), old.fqdnFwd(), old.fqdnRev(), old.hostname(), old.hwAddress(),
                old.hwSource(), old.state(), old.userContext(), old.poolId());
    }

    /** The client's lifetime hints: the first IAADDR/IAPREFIX with non-zero lifetimes. */
    static long[] hints(Ia ia) throws WireFormatException {
        if (ia.type() == IaType.PD) {
            for (IaPrefix p : ia.prefixes()) {
                if (p.validLifetime() > 0 || p.preferredLifetime() > 0) {
                    return new long[] {p.preferredLifetime(), p.validLifetime()};
                }
            }
        } else {
            for (IaAddress a : ia.addresses()) {
                if (a.validLifetime() > 0 || a.preferredLifetime() > 0) {
                    return new long[] {a.preferredLifetime(), a.validLifetime()};
                }
            }
        }
        return new long[] {0, 0};
    }

    /** The client's leases for this IA in this subnet (any state but declined), by address. */
    static List<Lease6> own(Exchange6 ex, Subnet6 subnet, Ia ia) {
        if (ex.client().duid() == null) {
            return List.of();
        }
        List<Lease6> out = new ArrayList<>();
        for (Lease6 l : ex.snap().leases().byDuid(ex.client().duid())) {
            if (l.belongsTo(ex.client().duid(), ia.iaid(), ia.type()) && l.subnetId() == subnet.id()
                    && l.state() != LeaseState.DECLINED) {
                out.add(l);
            }
        }
        return out;
    }

    /**
     * RENEW/REBIND (and a SOLICIT or REQUEST from a client that holds leases for the IA): the
     * client's leases get new lifetimes from now, through lease6_renew / lease6_rebind.
     */
    List<IaOutcome.Granted> renew(Exchange6 ex, Subnet6 subnet, Ia ia, List<Lease6> own, Optional<Reservation6> host,
                                  boolean commit, boolean rebind) throws LeaseStoreException, WireFormatException {
        long[] hints = hints(ia);
        List<Lease6> kept = new ArrayList<>();
        for (Lease6 old : own) {
            if (keepable(ex, subnet, old, host)) {
                kept.add(old);
            } else if (commit) {
                // Kea has processed the client's option 39 (processClientFqdn) before its allocation
                // engine takes the lease away: the name lines come before the removal's
                DdnsFlow6.decide(ex, subnet, host);
                revoke(ex, old);
            }
        }
        if (host.isPresent()) {
            if (extending(ex)) {
                Dhcp6Messages.ALLOC_ENGINE_V6_RENEW_HR.log(ex.label());
            }
            // Kea's allocateReservedLeases6 stops at the first lease the client holds that is reserved for it
            for (Lease6 l : kept) {
                if (reservedFor(host.get(), l)) {
                    Dhcp6Messages.ALLOC_ENGINE_V6_ALLOC_HR_LEASE_EXISTS.log(ex.label(), l.type().keaName(), l.address());
                    break;
                }
            }
        }
        List<IaOutcome.Granted> reservedNow = commit ? reserveInstead(ex, subnet, ia, kept, host, hints) : List.of();
        List<IaOutcome.Granted> out = new ArrayList<>();
        for (Lease6 old : kept) {
            boolean extending = extending(ex);
            if (extending && Dhcp6Messages.ALLOC_ENGINE_V6_EXTEND_LEASE.enabled()) {
                Dhcp6Messages.ALLOC_ENGINE_V6_EXTEND_LEASE.log(ex.label(), ia.type().keaName(), old.address());
            }
            if (extending && Dhcp6Messages.ALLOC_ENGINE_V6_EXTEND_LEASE_DATA.enabled()) {
                Dhcp6Messages.ALLOC_ENGINE_V6_EXTEND_LEASE_DATA.log(ex.label(), LeaseText6.of(old));
            }
            Lifetimes6.Pair lt = Lifetimes6.grant(subnet, ex.classes(), hints[0], hints[1]);
            NameDecision name = DdnsFlow6.name(ex, subnet, host, old.address(), ia.type(), commit);
            Lease6 renewed = new Lease6(old.address(), old.type(), old.prefixLength(), old.iaid(), old.duid(),
                    lt.preferred(), lt.valid(), ex.now(), subnet.id(), name.forward(), name.reverse(),
                    name.hostname(), hwOr(ex, old), hwSourceOr(ex, old),
                    LeaseState.DEFAULT, subnet.storeExtendedInfo() ? ExtendedInfo6.store(old.userContext(), ex.query())
                            : old.userContext(), old.poolId());
            if (extending && Dhcp6Messages.ALLOC_ENGINE_V6_EXTEND_NEW_LEASE_DATA.enabled()) {
                Dhcp6Messages.ALLOC_ENGINE_V6_EXTEND_NEW_LEASE_DATA.log(ex.label(), LeaseText6.of(renewed));
            }
            renewed = renewHooks(ex, ia, renewed, commit, rebind);
            if (renewed == null) {
                continue;
            }
            Lease6 cached = commit ? cached(subnet, old, renewed, ex.now()) : null;
            if (cached != null) {
                counters(ia.type()).bump(ia.type() == IaType.PD ? "v6-ia-pd-lease-reuses" : "v6-ia-na-lease-reuses",
                        subnet.id());
                DdnsFlow6.reused(ex, cached);
                Ipv6Prefix asPrefix = new Ipv6Prefix(old.address(), old.prefixLength());
                out.add(new IaOutcome.Granted(cached, subnet, poolOptions(subnet, ia.type(), old.address(), asPrefix),
                        excluded(subnet, host, asPrefix, ia.type()), true, true));
                continue;
            }
            if (commit) {
                StoreTraces6.update(ex, old.address());
            }
            if (commit && !ex.snap().leases().replace(old, renewed)) {
                continue;
            }
            if (commit) {
                DdnsFlow6.written(ex, old, renewed);
            }
            if (commit) {
                countRenewal(ex, subnet, old);
            }
            Ipv6Prefix asPrefix = new Ipv6Prefix(old.address(), old.prefixLength());
            out.add(new IaOutcome.Granted(renewed, subnet, poolOptions(subnet, ia.type(), old.address(), asPrefix),
                    excluded(subnet, host, asPrefix, ia.type()), true));
        }
        out.addAll(reservedNow);
        return out;
    }

    /**
     * Kea's allocateReservedLeases6 and removeNonreservedLeases6 before the client's own leases are
     * renewed: when none of those it keeps is reserved for it and one of its reservations is leased
     * to no one, that one is leased, and the kept ones not reserved for it are revoked (removed from
     * {@code kept}); at least one lease stays.
     */
    private List<IaOutcome.Granted> reserveInstead(Exchange6 ex, Subnet6 subnet, Ia ia, List<Lease6> kept,
                                                   Optional<Reservation6> host, long[] hints)
            throws LeaseStoreException {
        if (host.isEmpty() || kept.stream().anyMatch(l -> reservedFor(host.get(), l))) {
            return List.of();
        }
        for (Candidate c : reserved(ex, subnet, ia, host)) {
            if (c.previous() != null) {
                continue;
            }
            IaOutcome.Granted g = takeWithoutNcrs(ex, ia, c, hints, true);
            if (g != null) {
                reservedGranted(ex, g.lease());
                for (java.util.Iterator<Lease6> it = kept.iterator(); it.hasNext();) {
                    Lease6 l = it.next();
                    if (!reservedFor(host.get(), l)) {
                        revoke(ex, l);
                        it.remove();
                    }
                }
                // Kea removes the old leases' names in its allocation engine and adds the new
                // one's after it (createNameChangeRequests): the REMOVE goes out first
                DdnsFlow6.written(ex, c.previous(), g.lease());
                return List.of(g);
            }
        }
        return List.of();
    }

    /** Kea's allocateReservedLeases6: a reserved address or prefix went to the client (SOLICIT included). */
    private static void reservedGranted(Exchange6 ex, Lease6 l) {
        if (l.type() == IaType.PD) {
            Dhcp6Messages.ALLOC_ENGINE_V6_HR_PREFIX_GRANTED.log(l.address(), l.prefixLength(), ex.label());
        } else {
            Dhcp6Messages.ALLOC_ENGINE_V6_HR_ADDR_GRANTED.log(l.address(), ex.label());
        }
    }

    /** Kea's extendLease6 runs (and logs) for a RENEW or REBIND only. */
    private static boolean extending(Exchange6 ex) {
        int t = ex.query().type();
        return t == Dhcp6MessageType.RENEW.code() || t == Dhcp6MessageType.REBIND.code();
    }

    private static Lease6 renewHooks(Exchange6 ex, Ia ia, Lease6 renewed, boolean commit, boolean rebind) {
        var hooks = ex.snap().hooks().callouts();
        if (!commit) {
            return renewed;
        }
        if (rebind && hooks.has(HookPoint.LEASE6_REBIND)) {
            var args = new Lease6RebindCallout.Args(ex.query(), Dhcp6Hooks.view(renewed), ia);
            if (hooks.call(HookPoint.LEASE6_REBIND, args, Lease6RebindCallout::lease6Rebind) == NextStep.SKIP) {
                return null;
            }
            return Dhcp6Hooks.fromView(args.lease6(), renewed);
        }
        if (!rebind && hooks.has(HookPoint.LEASE6_RENEW)) {
            var args = new Lease6RenewCallout.Args(ex.query(), Dhcp6Hooks.view(renewed), ia);
            if (hooks.call(HookPoint.LEASE6_RENEW, args, Lease6RenewCallout::lease6Renew) == NextStep.SKIP) {
                return null;
            }
            return Dhcp6Hooks.fromView(args.lease6(), renewed);
        }
        return renewed;
    }

    private static ruru.wire.HardwareAddress hwOr(Exchange6 ex, Lease6 old) {
        return ex.client().hwAddress() != null ? ex.client().hwAddress() : old.hwAddress();
    }

    private static int hwSourceOr(Exchange6 ex, Lease6 old) {
        return ex.client().hwAddress() != null ? ex.client().hwSource() : old.hwSource();
    }

    /** The client's reserved addresses (or prefixes) in the subnet, each free for it. */
    private List<Candidate> reserved(Exchange6 ex, Subnet6 subnet, Ia ia, Optional<Reservation6> host) {
        if (host.isEmpty()) {
            return List.of();
        }
        List<Candidate> out = new ArrayList<>();
        if (ia.type() == IaType.PD) {
            for (Ipv6Prefix p : host.get().prefixes()) {
                Ipv6Prefix net = new Ipv6Prefix(p.network(), p.length());
                StoreTraces6.get(ex, net.address(), IaType.PD);
                Lease6 current = ex.snap().leases().get(net.address()).orElse(null);
                if (freeFor(ex, current)) {
                    Optional<PdPool> pool = subnet.pdPoolOf(net);
                    out.add(new Candidate(subnet, net.address(), net.length(), pool.map(PdPool::poolId).orElse(0L),
                            poolOptions(subnet, IaType.PD, net.address(), net), excluded(subnet, host, net, IaType.PD),
                            current, host, pool.isPresent()));
                } else {
                    counters(IaType.PD).bump("v6-reservation-conflicts", subnet.id());
                }
            }
            return out;
        }
        for (Ipv6Address a : host.get().addresses()) {
            if (!subnet.contains(a)) {
                continue;
            }
            StoreTraces6.get(ex, a, IaType.NA);
            Lease6 current = ex.snap().leases().get(a).orElse(null);
            if (freeFor(ex, current)) {
                Optional<Pool6> pool = subnet.poolOf(a);
                out.add(new Candidate(subnet, a, 128, pool.map(Pool6::poolId).orElse(0L),
                        pool.map(Pool6::options).orElse(List.of()), Optional.empty(), current, host, pool.isPresent()));
            }
        }
        return out;
    }

    /**
     * The first address the client hinted that lies in one of the subnet's pools and is free; for a
     * prefix, the first IAPREFIX's address in a pd-pool of this pass, delegated at the pool's length
     * (Kea 2.2 live and Kea 3: a hint of another length in the pool still gets the pool's length).
     */
    private Optional<Candidate> hinted(Exchange6 ex, Subnet6 subnet, Ia ia, Optional<Reservation6> host,
                                       PrefixLengthMatch match, int length) throws WireFormatException {
        if (ia.type() == IaType.PD) {
            List<IaPrefix> given = ia.prefixes();
            // the hint as Kea reads it: masked to its own length first (a /0 hint is no address);
            // then delegated at the pool's length from the start of its prefix (kea-dhcp6 2.2 live:
            // 2001:db8:a000:280::/64 in a pool delegating /56 gets 2001:db8:a000:200::/56, and
            // 2001:db8:a000:3ff::/48 is 2001:db8:a000::, taken, so the walk goes on)
            if (given.isEmpty() || given.getFirst().network().isUnspecified()) {
                return Optional.empty();
            }
            Ipv6Address a = given.getFirst().network();
            for (PdPool pool : subnet.pdPools()) {
                if (!pool.containsAddress(a) || !ClassGuards6.admits(ex, pool)) {
                    continue;
                }
                if (!match.admits(pool.delegatedLength(), length)) {
                    return Optional.empty();
                }
                Ipv6Prefix p = new Ipv6Prefix(new Ipv6Prefix(a, pool.delegatedLength()).network(),
                        pool.delegatedLength());
                Lease6[] seen = new Lease6[1];
                if (free(ex, subnet, host, p.address(), p.length(), IaType.PD, seen)) {
                    return Optional.of(new Candidate(subnet, p.address(), p.length(), pool.poolId(),
                            pool.options(), pool.excluded(), seen[0], host, true));
                }
                return Optional.empty();
            }
            return Optional.empty();
        }
        Lease6[] seen = new Lease6[1];
        for (IaAddress hint : ia.addresses()) {
            Ipv6Address a = hint.address();
            Optional<Pool6> pool = subnet.poolOf(a);
            if (pool.isPresent() && ClassGuards6.admits(ex, pool.get()) && free(ex, subnet, host, a, 128, IaType.NA, seen)) {
                return Optional.of(new Candidate(subnet, a, 128, pool.get().poolId(), pool.get().options(),
                        Optional.empty(), seen[0], host, true));
            }
        }
        return Optional.empty();
    }

    /**
     * A free address (prefix) from the subnet's pools, by its allocator. The walk is bounded by the
     * number of leases and reservations that could stand in the way, never by the pool's size.
     * For a prefix, only the pd-pools of this pass (a PD hint's length) take part.
     */
    private Optional<Candidate> fromPools(Exchange6 ex, Subnet6 subnet, Ia ia, Optional<Reservation6> host,
                                          PrefixLengthMatch match, int length, AllocationFailure tally)
            throws WireFormatException {
        long bound = ex.snap().leases().size() + ex.snap().config().globalReservations().size()
                + subnet.reservations().size() + 1;
        if (ia.type() == IaType.PD) {
            // the walk as for addresses, over the pools of this pass (Kea 3's isValidPrefixPool)
            List<PdPool> pools = subnet.pdPools();
            List<CandidatePicker.Span> spans = new ArrayList<>(pools.size());
            long capacity = 0;
            for (PdPool pool : pools) {
                boolean admitted = ClassGuards6.admits(ex, pool) && match.admits(pool.delegatedLength(), length);
                spans.add(new CandidatePicker.Span(new PoolKey(pool.first(), -pool.delegatedLength()), pool.span(),
                        admitted));
                capacity = admitted ? Math.min(capacity + pool.span(), Long.MAX_VALUE / 2) : capacity;
            }
            if (tally != null) {
                tally.walked(subnet.id(), capacity);
            }
            Lease6[] seen = new Lease6[1];
            CandidatePicker.Pick pick = picker.pickAcross(new WalkKey(subnet.id(), true), spans,
                    Math.min(bound, capacity), subnet.pdAllocator(), (i, o) -> {
                        Ipv6Prefix p = pools.get(i).prefixAt(o);
                        return free(ex, subnet, host, p.address(), p.length(), IaType.PD, seen);
                    });
            if (pick == null) {
                return Optional.empty();
            }
            PdPool pool = pools.get(pick.pool());
            Ipv6Prefix p = pool.prefixAt(pick.offset());
            // seen: the lease the picker's last (successful) test found at p
            return Optional.of(new Candidate(subnet, p.address(), p.length(), pool.poolId(), pool.options(),
                    pool.excluded(), seen[0], host, true));
        }
        // Kea's iterative allocator for addresses: on from the subnet's last candidate, pool after
        // pool, rewinding to the first admitted pool only past the last (shared with dhcp4)
        List<Pool6> pools = subnet.pools();
        List<CandidatePicker.Span> spans = new ArrayList<>(pools.size());
        long capacity = 0;
        for (Pool6 pool : pools) {
            boolean admitted = ClassGuards6.admits(ex, pool);
            long span = CandidatePicker.span(pool.first(), pool.last());
            spans.add(new CandidatePicker.Span(new PoolKey(pool.first(), span), span, admitted));
            capacity = admitted ? Math.min(capacity + span, Long.MAX_VALUE / 2) : capacity;
        }
        if (tally != null) {
            tally.walked(subnet.id(), capacity);
        }
        Lease6[] seen = new Lease6[1];
        CandidatePicker.Pick pick = picker.pickAcross(new WalkKey(subnet.id(), false), spans,
                Math.min(bound, capacity), subnet.allocator(),
                (i, o) -> free(ex, subnet, host, pools.get(i).first().plus(o), 128, IaType.NA, seen));
        if (pick == null) {
            return Optional.empty();
        }
        // the picker's last (successful) test was of this address: seen is its lease
        Pool6 pool = pools.get(pick.pool());
        return Optional.of(new Candidate(subnet, pool.first().plus(pick.offset()), 128, pool.poolId(), pool.options(),
                Optional.empty(), seen[0], host, true));
    }

    /**
     * A pool's cursor key: cheap to hash per candidate, equal for an unchanged pool across
     * reconfigurations. {@code extra} (an address pool's size, minus a prefix pool's delegated length)
     * tells pools that start at the same address apart.
     */
    private record PoolKey(Ipv6Address first, long extra) {
    }

    /** Free for this client: unleased or reusable, and not reserved for another client. */
    private static boolean free(Exchange6 ex, Subnet6 subnet, Optional<Reservation6> host, Ipv6Address a,
                                int prefixLength, IaType type, Lease6[] seen) {
        StoreTraces6.get(ex, a, type);
        Lease6 l = ex.snap().leases().get(a).orElse(null);
        seen[0] = l;
        if (!freeFor(ex, l)) {
            return false;
        }
        Hosts6.traceAddress(ex.snap(), subnet, a, prefixLength, true);
        Optional<Reservation6> holder = type == IaType.PD
                ? ex.snap().hosts().holding(subnet.id(), new Ipv6Prefix(a, prefixLength))
                : ex.snap().hosts().holding(subnet.id(), a);
        return holder.isEmpty() || host.isPresent() && holder.get() == host.get();
    }

    /**
     * Only a lease that is gone or expired does not stand in the way (as Kea's allocation engine:
     * an address or prefix leased, even to this client in another IA or subnet, is not taken over;
     * the client's own leases of the IA are renewed instead).
     */
    private static boolean freeFor(Exchange6 ex, Lease6 l) {
        return l == null || l.expiredAt(ex.now());
    }

    /**
     * Kea's removeNonmatchingReservedLeases6: a lease the client holds stays its own when it is
     * reserved for the client, or reserved for no one and in a pool the client may use (an address
     * reserved out of the pools and then given to someone else, or no longer reserved, is not).
     */
    private static boolean keepable(Exchange6 ex, Subnet6 subnet, Lease6 l, Optional<Reservation6> host) {
        if (host.isPresent() && reservedFor(host.get(), l)) {
            return true;
        }
        Hosts6.traceAddress(ex.snap(), subnet, l.address(), l.prefixLength(), false);
        Optional<Reservation6> holder = l.type() == IaType.PD
                ? ex.snap().hosts().holding(subnet.id(), new Ipv6Prefix(l.address(), l.prefixLength()))
                : ex.snap().hosts().holding(subnet.id(), l.address());
        if (holder.isPresent()) {
            return host.isPresent() && holder.get() == host.get();
        }
        return inPool(subnet, l) && !ClassGuards6.inForbiddenPool(ex, subnet, l);
    }

    /** Whether the lease's address (prefix) is one of the host's reservations. */
    static boolean reservedFor(Reservation6 host, Lease6 l) {
        if (l.type() != IaType.PD) {
            return host.addresses().contains(l.address());
        }
        for (Ipv6Prefix p : host.prefixes()) {
            if (p.length() == l.prefixLength() && p.network().equals(l.address())) {
                return true;
            }
        }
        return false;
    }

    /** Whether the lease's address (prefix) lies in one of its subnet's pools (pd-pools). */
    private static boolean inPool(Subnet6 subnet, Lease6 l) {
        return l.type() == IaType.PD ? subnet.pdPoolOf(new Ipv6Prefix(l.address(), l.prefixLength())).isPresent()
                : subnet.poolOf(l.address()).isPresent();
    }

    /**
     * A lease the client may no longer hold is taken away as Kea does it: deleted (its row written),
     * counted out of {@code assigned-*}, its DNS names removed; the client gets it back with zero
     * lifetimes.
     */
    private void revoke(Exchange6 ex, Lease6 l) throws LeaseStoreException {
        StoreTraces6.delete(ex, l.address());
        if (ex.snap().leases().delete(l)) {
            counters(l.type()).assigned(l.subnetId(), l.poolId(), -1);
            DdnsFlow6.removed(ex, l);
        }
    }

    /**
     * Turns a candidate into a lease: through lease6_select, then (when committing) written with a
     * compare-and-set against what was there. Null when a callout said SKIP or another client won.
     */
    private IaOutcome.Granted take(Exchange6 ex, Ia ia, Candidate c, long[] hints, boolean commit)
            throws LeaseStoreException {
        IaOutcome.Granted g = takeWithoutNcrs(ex, ia, c, hints, commit);
        if (g != null && commit) {
            DdnsFlow6.written(ex, c.previous(), g.lease());
        }
        return g;
    }

    /** As {@link #take}; the written lease's NCRs are the caller's ({@code DdnsFlow6.written}). */
    private IaOutcome.Granted takeWithoutNcrs(Exchange6 ex, Ia ia, Candidate c, long[] hints, boolean commit)
            throws LeaseStoreException {
        Lifetimes6.Pair lt = Lifetimes6.grant(c.subnet(), ex.classes(), hints[0], hints[1]);
        NameDecision name = DdnsFlow6.name(ex, c.subnet(), c.host(), c.address(), ia.type(), commit);
        Lease6 lease = new Lease6(c.address(), ia.type(), c.prefixLength(), ia.iaid(), ex.client().duid(),
                lt.preferred(), lt.valid(), ex.now(), c.subnet().id(), name.forward(), name.reverse(),
                name.hostname(), ex.client().hwAddress(), ex.client().hwSource(),
                LeaseState.DEFAULT, c.subnet().storeExtendedInfo() ? ExtendedInfo6.store(null, ex.query()) : null,
                c.poolId());
        var hooks = ex.snap().hooks().callouts();
        if (hooks.has(HookPoint.LEASE6_SELECT)) {
            var args = new Lease6SelectCallout.Args(ex.query(), Dhcp6Hooks.view(c.subnet()), !commit,
                    Dhcp6Hooks.view(lease));
            if (hooks.call(HookPoint.LEASE6_SELECT, args, Lease6SelectCallout::lease6Select) == NextStep.SKIP) {
                return null;
            }
            lease = Dhcp6Hooks.fromView(args.lease6(), lease);
        }
        if (commit) {
            Lease6 previous = c.previous();
            // read after the candidate was judged free: another thread (or a server on the same
            // database) may have taken it since; never overwrite that lease
            if (previous != null && !freeFor(ex, previous)) {
                return null;
            }
            if (previous == null) {
                StoreTraces6.add(ex, lease.address());
            } else {
                StoreTraces6.update(ex, lease.address());
            }
            boolean written = previous == null ? ex.snap().leases().insert(lease)
                    : ex.snap().leases().replace(previous, lease);
            if (!written) {
                return null;
            }
            count(ex, ia.type(), lease, previous, c.inPool());
        }
        return new IaOutcome.Granted(lease, c.subnet(), c.poolOptions(), c.excluded(), false);
    }

    /**
     * Statistics of a new lease, after what it replaced, as Kea's allocation engine counts for
     * DHCPv6: an expired lease taken over is reclaimed first (out of {@code assigned-*}, into
     * {@code reclaimed-leases}; a declined one out of {@code declined-addresses} too); the new lease
     * counts as assigned (and cumulatively) only when it lies in a pool of its subnet (Kea's
     * {@code inPool}: a reserved address or prefix outside the pools is not counted, though it is
     * counted out when it ends). DHCPv4 counts every lease (dhcp4's own accounting).
     */
    private void count(Exchange6 ex, IaType type, Lease6 lease, Lease6 previous, boolean inPool) {
        LeaseCounters c = counters(type);
        if (previous != null && (previous.state() == LeaseState.DEFAULT || previous.state() == LeaseState.DECLINED)) {
            if (!previous.expiredAt(ex.now())) {
                // the client's own lease written again (another IA): it only moves
                if (previous.subnetId() != lease.subnetId() || previous.poolId() != lease.poolId()) {
                    c.assigned(previous.subnetId(), previous.poolId(), -1);
                    c.assigned(lease.subnetId(), lease.poolId(), 1);
                }
                return;
            }
            if (previous.state() == LeaseState.DECLINED) {
                c.declined(previous.subnetId(), previous.poolId(), -1);
                c.reclaimedDeclined(previous.subnetId(), previous.poolId());
            }
            c.assigned(previous.subnetId(), previous.poolId(), -1);
            c.reclaimed(previous.subnetId(), previous.poolId());
        }
        if (inPool) {
            c.assigned(lease.subnetId(), lease.poolId(), 1);
            c.cumulativeAssigned(lease.subnetId(), lease.poolId());
        }
    }

    /**
     * Statistics of a renewal (Kea's extendLease6 / updateLeaseData): a RENEW or REBIND of an
     * expired lease reclaims it first; a reclaimed, released or just reclaimed lease in a pool of
     * its subnet counts as assigned again, and cumulatively.
     */
    private void countRenewal(Exchange6 ex, Subnet6 subnet, Lease6 old) {
        LeaseCounters c = counters(old.type());
        boolean reclaim = old.state() == LeaseState.DEFAULT && extending(ex) && old.expiredAt(ex.now());
        if (reclaim) {
            c.assigned(old.subnetId(), old.poolId(), -1);
            c.reclaimed(old.subnetId(), old.poolId());
        }
        if ((reclaim || old.state() != LeaseState.DEFAULT) && inPool(subnet, old)) {
            c.assigned(subnet.id(), old.poolId(), 1);
            c.cumulativeAssigned(subnet.id(), old.poolId());
        }
    }

    /** The options of the pool an address or prefix lies in (empty when it is not in one). */
    static List<OptionValue> poolOptions(Subnet6 subnet, IaType type, Ipv6Address a, Ipv6Prefix p) {
        if (type == IaType.PD) {
            return subnet.pdPoolOf(p).map(PdPool::options).orElse(List.of());
        }
        return subnet.poolOf(a).map(Pool6::options).orElse(List.of());
    }

    /** The excluded prefix a delegated prefix carries: its reservation's (Kea 3.0), else its pool's. */
    static Optional<Ipv6Prefix> excluded(Subnet6 subnet, Optional<Reservation6> host, Ipv6Prefix p, IaType type) {
        if (type != IaType.PD) {
            return Optional.empty();
        }
        Optional<Ipv6Prefix> own = host.flatMap(h -> h.excludedFor(p));
        return own.isPresent() ? own : subnet.pdPoolOf(p).flatMap(PdPool::excluded);
    }

    /** The client's addresses (prefixes) in the IA that it was not given: sent back with zero lifetimes. */
    static List<Option6> notGranted(Ia ia, List<IaOutcome.Granted> granted) throws WireFormatException {
        List<Option6> out = new ArrayList<>();
        if (ia.type() == IaType.PD) {
            for (IaPrefix p : ia.prefixes()) {
                boolean given = granted.stream().anyMatch(g -> g.lease().address().equals(p.network()));
                if (!given && !p.network().isUnspecified()) {
                    out.add(new IaPrefix(0, 0, p.prefixLength(), p.network(), ruru.wire.v6.Dhcp6Options.empty())
                            .toOption());
                }
            }
            return out;
        }
        for (IaAddress a : ia.addresses()) {
            boolean given = granted.stream().anyMatch(g -> g.lease().address().equals(a.address()));
            if (!given) {
                out.add(new IaAddress(a.address(), 0, 0).toOption());
            }
        }
        return out;
    }

    static StatusCode status(Status6 s, String text) {
        return new StatusCode(s, text);
    }
}
