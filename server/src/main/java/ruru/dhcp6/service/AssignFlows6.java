package ruru.dhcp6.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ruru.dhcp.config.OptionValue;
import ruru.dhcp6.config.Subnet6;
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

    private static final Logger LEASES = LoggerFactory.getLogger("kea-dhcp6.leases");

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
        Dhcp6Options.Builder reply = Reply6.start(ex);
        List<Lease6> committed = new ArrayList<>();
        List<List<OptionValue>> pools = new ArrayList<>();
        for (IaType type : new IaType[] {IaType.NA, IaType.PD}) {
            for (Ia ia : Ia.all(ex.query().options(), type)) {
                IaOutcome o = assignIa(ex, subnet, ia, commit);
                reply.add(Reply6.ia(ex, o));
                collect(o, committed, pools, commit);
            }
        }
        if (rapid) {
            reply.add(Option6Codes.RAPID_COMMIT, new byte[0]);
        }
        ReplyOptions6.add(reply, ex.snap(), ex.query(), subnet.orElse(null), pools,
                subnet.flatMap(s -> Hosts6.find(ex.snap(), s, ex)));
        ReplyOptions6.relaySupplied(reply, ex.snap(), ex.query());
        Dhcp6MessageType type = commit ? Dhcp6MessageType.REPLY : Dhcp6MessageType.ADVERTISE;
        return new Answer6(Reply6.finish(ex, type, reply), subnet.orElse(null), committed, List.of(), commit);
    }

    private IaOutcome assignIa(Exchange6 ex, Optional<Subnet6> subnet, Ia ia, boolean commit)
            throws LeaseStoreException, WireFormatException {
        boolean pd = ia.type() == IaType.PD;
        if (subnet.isEmpty()) {
            return IaOutcome.failed(ia, pd ? new StatusCode(Status6.NO_PREFIX_AVAIL, "Sorry, no subnet available.")
                    : new StatusCode(Status6.NO_ADDRS_AVAIL, "Server could not select subnet for this client"));
        }
        List<IaOutcome.Granted> granted = engine.assign(ex, subnet.get(), ia, commit);
        if (granted.isEmpty()) {
            LEASES.info("DHCP6_LEASE_ALLOC_FAIL {}: failed to grant a{} lease for IA {} {}", ex.label(),
                    pd ? " prefix" : "n address", ia.type().keaName(), ia.iaid());
            return IaOutcome.failed(ia, pd ? new StatusCode(Status6.NO_PREFIX_AVAIL,
                    "Sorry, no prefixes could be allocated.") : new StatusCode(Status6.NO_ADDRS_AVAIL,
                    "Sorry, no address could be allocated."));
        }
        if (commit && LEASES.isInfoEnabled()) {
            for (IaOutcome.Granted g : granted) {
                LEASES.info("DHCP6_{}_ALLOC {}: lease for {} {} and iaid={} has been allocated for {} seconds",
                        pd ? "PD_LEASE" : "LEASE", ex.label(), pd ? "prefix" : "address",
                        g.lease().address() + (pd ? "/" + g.lease().prefixLength() : ""), ia.iaid(),
                        g.lease().validLifetime());
            }
        }
        return IaOutcome.of(ia, granted).withEchoed(LeaseEngine6.notGranted(ia, granted));
    }

    /** RENEW ({@code rebind} false) and REBIND. Empty when a REBIND's IA_PD cannot be placed: Kea discards it. */
    Optional<Answer6> extend(Exchange6 ex, Optional<Subnet6> subnet, boolean rebind) throws LeaseStoreException,
            WireFormatException {
        Dhcp6Options.Builder reply = Reply6.start(ex);
        List<Lease6> committed = new ArrayList<>();
        List<List<OptionValue>> pools = new ArrayList<>();
        for (IaType type : new IaType[] {IaType.NA, IaType.PD}) {
            for (Ia ia : Ia.all(ex.query().options(), type)) {
                if (subnet.isEmpty()) {
                    if (type == IaType.PD && rebind) {
                        return Optional.empty();
                    }
                    reply.add(Reply6.iaStatus(ia, new StatusCode(Status6.NO_BINDING, type == IaType.PD
                            ? "Sorry, no known PD leases for this duid/iaid."
                            : "Sorry, no known leases for this duid/iaid.")));
                    continue;
                }
                IaOutcome o = extendIa(ex, subnet.get(), ia, rebind);
                reply.add(Reply6.ia(ex, o));
                collect(o, committed, pools, true);
            }
        }
        ReplyOptions6.add(reply, ex.snap(), ex.query(), subnet.orElse(null), pools,
                subnet.flatMap(s -> Hosts6.find(ex.snap(), s, ex)));
        ReplyOptions6.relaySupplied(reply, ex.snap(), ex.query());
        return Optional.of(new Answer6(Reply6.finish(ex, Dhcp6MessageType.REPLY, reply), subnet.orElse(null),
                committed, List.of(), true));
    }

    private IaOutcome extendIa(Exchange6 ex, Subnet6 selected, Ia ia, boolean rebind) throws LeaseStoreException,
            WireFormatException {
        for (Subnet6 s : ex.snap().candidates(selected)) {
            List<Lease6> own = LeaseEngine6.own(ex, s, ia);
            if (own.isEmpty()) {
                continue;
            }
            List<IaOutcome.Granted> renewed = engine.renew(ex, s, ia, own, Hosts6.find(ex.snap(), s, ex), true,
                    rebind);
            if (!renewed.isEmpty()) {
                for (IaOutcome.Granted g : LEASES.isInfoEnabled() ? renewed : List.<IaOutcome.Granted>of()) {
                    LEASES.info("DHCP6_LEASE_RENEW {}: lease for {} {} and iaid={} has been renewed for {} seconds",
                            ex.label(), ia.type() == IaType.PD ? "prefix" : "address", g.lease().address(), ia.iaid(),
                            g.lease().validLifetime());
                }
                return IaOutcome.of(ia, renewed).withEchoed(LeaseEngine6.notGranted(ia, renewed));
            }
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

    private static void collect(IaOutcome o, List<Lease6> committed, List<List<OptionValue>> pools, boolean commit) {
        for (IaOutcome.Granted g : o.granted()) {
            if (commit) {
                committed.add(g.lease());
            }
            if (!g.poolOptions().isEmpty()) {
                pools.add(g.poolOptions());
            }
        }
    }
}
