package ruru.dhcp6.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import ruru.dhcp.config.OptionValue;
import ruru.dhcp6.config.Reservation6;
import ruru.dhcp6.config.Subnet6;
import ruru.dhcp6.log.Dhcp6Messages;
import ruru.dhcp6.log.Labels6;
import ruru.dhcp6.log.LeaseText6;
import ruru.lease.Lease6;
import ruru.lease.LeaseStoreException;
import ruru.wire.WireFormatException;
import ruru.wire.v6.Dhcp6MessageType;
import ruru.wire.v6.Dhcp6Options;
import ruru.wire.v6.Ia;
import ruru.wire.v6.IaType;
import ruru.wire.v6.Option6Codes;
import ruru.wire.v6.Status6;
import ruru.wire.v6.StatusCode;

/**
 * The flows that hand out leases (RFC 8415 sections 18.3.1-18.3.5), with Kea's status texts
 * (FACTS 10.2): SOLICIT (ADVERTISE, or REPLY with rapid commit), REQUEST, RENEW and REBIND. An
 * unknown IA in a RENEW or REBIND gets a new binding, as Kea does.
 */
final class AssignFlows6 {

    private final LeaseEngine6 engine;

    AssignFlows6(LeaseEngine6 engine) {
        this.engine = engine;
    }

    /** SOLICIT and REQUEST. */
    Answer6 assign(Exchange6 ex, Optional<Subnet6> subnet, boolean request) throws LeaseStoreException,
            WireFormatException {
        boolean rapid = !request && subnet.map(Subnet6::rapidCommit).orElse(false)
                && ex.query().options().has(Option6Codes.RAPID_COMMIT);
        boolean commit = request || rapid;
        if (rapid && Dhcp6Messages.DHCP6_RAPID_COMMIT.enabled()) {
            Dhcp6Messages.DHCP6_RAPID_COMMIT.log(ex.label());
        }
        Dhcp6Options.Builder reply = Reply6.start(ex);
        List<Lease6> committed = new ArrayList<>();
        List<List<OptionValue>> pools = new ArrayList<>();
        List<IaOutcome.Granted> granted = new ArrayList<>();
        for (IaType type : new IaType[] {IaType.NA, IaType.PD}) {
            for (Ia ia : Ia.all(ex.query().options(), type)) {
                IaOutcome o = assignIa(ex, subnet, ia, commit);
                reply.add(Reply6.ia(ex, o));
                collect(o, committed, pools, commit);
                granted.addAll(o.granted());
            }
        }
        if (commit) {
            DdnsFlow6.requests(ex);
        }
        ex.classes().additional(ex, used(subnet, granted), ClassGuards6.poolsOf(granted));
        if (rapid) {
            reply.add(Option6Codes.RAPID_COMMIT, new byte[0]);
        }
        DdnsFlow6.reply(ex, subnet, reply);
        ReplyOptions6.add(reply, ex.snap(), ex.query(), subnet.orElse(null), pools,
                subnet.flatMap(s -> Hosts6.find(ex.snap(), s, ex)), ex.classes());
        ReplyOptions6.relaySupplied(reply, ex.snap(), ex.query());
        Dhcp6MessageType type = commit ? Dhcp6MessageType.REPLY : Dhcp6MessageType.ADVERTISE;
        return new Answer6(Reply6.finish(ex, type, reply), subnet.orElse(null), committed, List.of(), commit);
    }

    private IaOutcome assignIa(Exchange6 ex, Optional<Subnet6> subnet, Ia ia, boolean commit)
            throws LeaseStoreException, WireFormatException {
        boolean pd = ia.type() == IaType.PD;
        if (Dhcp6Messages.DHCP6_PROCESS_IA_NA_REQUEST.enabled()) {
            String hint = pd ? ia.prefixes().stream().findFirst().map(p -> p.network().toString()).orElse("(no hint)")
                    : ia.addresses().stream().findFirst().map(a -> a.address().toString()).orElse("(no hint)");
            (pd ? Dhcp6Messages.DHCP6_PROCESS_IA_PD_REQUEST : Dhcp6Messages.DHCP6_PROCESS_IA_NA_REQUEST)
                    .log(ex.label(), ia.iaid(), hint);
        }
        if (subnet.isEmpty()) {
            return IaOutcome.failed(ia, pd ? new StatusCode(Status6.NO_PREFIX_AVAIL, "Sorry, no subnet available.")
                    : new StatusCode(Status6.NO_ADDRS_AVAIL, "Server could not select subnet for this client"));
        }
        StoreTraces6.byIaid(ex, ia.iaid(), ia.type());
        if (Dhcp6Messages.ALLOC_ENGINE_V6_ALLOC_UNRESERVED.enabled()) {
            boolean leases = !LeaseEngine6.own(ex, subnet.get(), ia).isEmpty();
            // Kea: a host for the client, whatever it reserves
            boolean reserved = Hosts6.find(ex.snap(), subnet.get(), ex).isPresent();
            (leases ? reserved ? Dhcp6Messages.ALLOC_ENGINE_V6_ALLOC_LEASES_HR
                    : Dhcp6Messages.ALLOC_ENGINE_V6_ALLOC_LEASES_NO_HR : reserved
                    ? Dhcp6Messages.ALLOC_ENGINE_V6_ALLOC_NO_LEASES_HR : Dhcp6Messages.ALLOC_ENGINE_V6_ALLOC_UNRESERVED)
                    .log(ex.label());
        }
        List<IaOutcome.Granted> granted = engine.assign(ex, subnet.get(), ia, commit);
        if (granted.isEmpty()) {
            (pd ? commit ? Dhcp6Messages.DHCP6_PD_LEASE_ALLOC_FAIL : Dhcp6Messages.DHCP6_PD_LEASE_ADVERT_FAIL
                    : commit ? Dhcp6Messages.DHCP6_LEASE_ALLOC_FAIL : Dhcp6Messages.DHCP6_LEASE_ADVERT_FAIL)
                    .log(ex.label(), ia.iaid());
            return IaOutcome.failed(ia, pd ? new StatusCode(Status6.NO_PREFIX_AVAIL,
                    "Sorry, no prefixes could be allocated.") : new StatusCode(Status6.NO_ADDRS_AVAIL,
                    "Sorry, no address could be allocated."));
        }
        Dhcp6Messages granting = pd ? commit ? Dhcp6Messages.DHCP6_PD_LEASE_ALLOC : Dhcp6Messages.DHCP6_PD_LEASE_ADVERT
                : commit ? Dhcp6Messages.DHCP6_LEASE_ALLOC : Dhcp6Messages.DHCP6_LEASE_ADVERT;
        if (granting.enabled()) {
            for (IaOutcome.Granted g : granted) {
                Lease6 l = g.lease();
                if (g.reused()) {
                    reused(ex, ia, g);
                } else if (pd && commit) {
                    granting.log(ex.label(), l.address(), l.prefixLength(), ia.iaid(), Labels6.lifetime(l.validLifetime()));
                } else if (pd) {
                    granting.log(ex.label(), l.address(), l.prefixLength(), ia.iaid());
                } else if (commit) {
                    granting.log(ex.label(), l.address(), ia.iaid(), Labels6.lifetime(l.validLifetime()));
                } else {
                    granting.log(ex.label(), l.address(), ia.iaid());
                }
            }
        }
        if (!pd && Dhcp6Messages.DHCP6_LEASE_DATA.enabled()) {
            for (IaOutcome.Granted g : granted) {
                // a reused lease prints as Kea's in-memory copy: what is left of it, the cltt of now
                Lease6 l = g.reused() ? g.lease().withLifetimes(g.lease().preferredLifetime(),
                        g.lease().validLifetime(), ex.now()) : g.lease();
                Dhcp6Messages.DHCP6_LEASE_DATA.log(ex.label(), ia.iaid(), LeaseText6.of(l));
            }
        }
        // Kea answers a SOLICIT or REQUEST with what it grants only (no hint echoed with zero lifetimes)
        return IaOutcome.of(ia, granted);
    }

    /** RENEW ({@code rebind} false) and REBIND. Empty when a REBIND's IA_PD cannot be placed: Kea discards it. */
    Optional<Answer6> extend(Exchange6 ex, Optional<Subnet6> subnet, boolean rebind) throws LeaseStoreException,
            WireFormatException {
        Dhcp6Options.Builder reply = Reply6.start(ex);
        List<Lease6> committed = new ArrayList<>();
        List<List<OptionValue>> pools = new ArrayList<>();
        List<IaOutcome.Granted> granted = new ArrayList<>();
        for (IaType type : new IaType[] {IaType.NA, IaType.PD}) {
            for (Ia ia : Ia.all(ex.query().options(), type)) {
                if (subnet.isEmpty()) {
                    if (type == IaType.PD && rebind) {
                        return Optional.empty();
                    }
                    (type == IaType.PD ? Dhcp6Messages.DHCP6_PROCESS_IA_PD_EXTEND : Dhcp6Messages.DHCP6_PROCESS_IA_NA_EXTEND)
                            .log(ex.label(), ia.iaid());
                    reply.add(Reply6.iaStatus(ex, ia, new StatusCode(Status6.NO_BINDING, type == IaType.PD
                            ? "Sorry, no known PD leases for this duid/iaid."
                            : "Sorry, no known leases for this duid/iaid.")));
                    continue;
                }
                IaOutcome o = extendIa(ex, subnet.get(), ia, rebind);
                reply.add(Reply6.ia(ex, o));
                collect(o, committed, pools, true);
                granted.addAll(o.granted());
            }
        }
        DdnsFlow6.requests(ex);
        ex.classes().additional(ex, used(subnet, granted), ClassGuards6.poolsOf(granted));
        DdnsFlow6.reply(ex, subnet, reply);
        ReplyOptions6.add(reply, ex.snap(), ex.query(), subnet.orElse(null), pools,
                subnet.flatMap(s -> Hosts6.find(ex.snap(), s, ex)), ex.classes());
        ReplyOptions6.relaySupplied(reply, ex.snap(), ex.query());
        return Optional.of(new Answer6(Reply6.finish(ex, Dhcp6MessageType.REPLY, reply), subnet.orElse(null),
                committed, List.of(), true));
    }

    private IaOutcome extendIa(Exchange6 ex, Subnet6 selected, Ia ia, boolean rebind) throws LeaseStoreException,
            WireFormatException {
        (ia.type() == IaType.PD ? Dhcp6Messages.DHCP6_PROCESS_IA_PD_EXTEND : Dhcp6Messages.DHCP6_PROCESS_IA_NA_EXTEND)
                .log(ex.label(), ia.iaid());
        IaOutcome o = extendIaLeases(ex, selected, ia, rebind);
        if (Dhcp6Messages.DHCP6_LEASE_RENEW.enabled()) {
            for (IaOutcome.Granted g : o.granted()) {
                if (g.reused()) {
                    reused(ex, ia, g);
                } else if (ia.type() == IaType.PD) {
                    Dhcp6Messages.DHCP6_PD_LEASE_RENEW.log(ex.label(), g.lease().address(), g.lease().prefixLength(),
                            ia.iaid());
                } else {
                    Dhcp6Messages.DHCP6_LEASE_RENEW.log(ex.label(), g.lease().address(), ia.iaid());
                }
            }
        }
        return o;
    }

    private IaOutcome extendIaLeases(Exchange6 ex, Subnet6 selected, Ia ia, boolean rebind)
            throws LeaseStoreException, WireFormatException {
        for (Subnet6 s : ClassGuards6.candidates(ex, selected)) {
            StoreTraces6.byIaidInSubnet(ex, ia.iaid(), s.id(), ia.type());
        }
        for (Subnet6 s : ClassGuards6.candidates(ex, selected)) {
            List<Lease6> own = LeaseEngine6.own(ex, s, ia);
            if (own.isEmpty()) {
                continue;
            }
            if (Dhcp6Messages.ALLOC_ENGINE_V6_RENEW_REMOVE_RESERVED.enabled()) {
                Dhcp6Messages.ALLOC_ENGINE_V6_RENEW_REMOVE_RESERVED.log(ex.label());
            }
            Optional<Reservation6> host = Hosts6.find(ex.snap(), s, ex);
            List<IaOutcome.Granted> renewed = engine.renew(ex, s, ia, own, host, true, rebind);
            if (!renewed.isEmpty()) {
                return IaOutcome.of(ia, renewed).withEchoed(LeaseEngine6.notGranted(ia, renewed));
            }
        }
        if (Dhcp6Messages.ALLOC_ENGINE_V6_EXTEND_ALLOC_UNRESERVED.enabled()) {
            Dhcp6Messages.ALLOC_ENGINE_V6_EXTEND_ALLOC_UNRESERVED.log(ex.label());
        }
        List<IaOutcome.Granted> granted = engine.assign(ex, selected, ia, true);
        if (granted.isEmpty()) {
            boolean pd = ia.type() == IaType.PD;
            return new IaOutcome(ia, List.of(), LeaseEngine6.notGranted(ia, List.of()), Optional.of(pd
                    ? new StatusCode(Status6.NO_PREFIX_AVAIL, "Sorry, no prefixes could be assigned at this time.")
                    : new StatusCode(Status6.NO_ADDRS_AVAIL, "Sorry, no addresses could be assigned at this time.")),
                    true);
        }
        return IaOutcome.of(ia, granted).withEchoed(LeaseEngine6.notGranted(ia, granted));
    }

    /** Kea's DHCP6_LEASE_REUSE / DHCP6_PD_LEASE_REUSE: a cached lease handed out again for what is left of it. */
    private static void reused(Exchange6 ex, Ia ia, IaOutcome.Granted g) {
        Lease6 l = g.lease();
        if (ia.type() == IaType.PD) {
            Dhcp6Messages.DHCP6_PD_LEASE_REUSE.log(ex.label(), l.address(), l.prefixLength(), ia.iaid(),
                    Labels6.lifetime(l.validLifetime()));
        } else {
            Dhcp6Messages.DHCP6_LEASE_REUSE.log(ex.label(), l.address(), ia.iaid(), Labels6.lifetime(l.validLifetime()));
        }
    }

    /** The subnet the leases came from (Kea's context subnet after allocation): the first lease's, else the selected one. */
    private static Subnet6 used(Optional<Subnet6> selected, List<IaOutcome.Granted> granted) {
        return granted.isEmpty() ? selected.orElse(null) : granted.getFirst().subnet();
    }

    private static void collect(IaOutcome o, List<Lease6> committed, List<List<OptionValue>> pools, boolean commit) {
        for (IaOutcome.Granted g : o.granted()) {
            // a lease reused from the cache was not written: as Kea, it is not among leases6_committed's leases
            if (commit && !g.reused()) {
                committed.add(g.lease());
            }
            if (!g.poolOptions().isEmpty()) {
                pools.add(g.poolOptions());
            }
        }
    }
}
