package ruru.dhcp6.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import ruru.dhcp.engine.LeaseCounters;
import ruru.dhcp6.log.Dhcp6Messages;
import ruru.dhcp6.log.Labels6;
import ruru.hooks.HookPoint;
import ruru.hooks.Lease6DeclineCallout;
import ruru.hooks.Lease6ReleaseCallout;
import ruru.hooks.NextStep;
import ruru.lease.Lease6;
import ruru.lease.LeaseState;
import ruru.lease.LeaseStoreException;
import ruru.wire.Ipv6Address;
import ruru.wire.WireFormatException;
import ruru.wire.v6.Dhcp6MessageType;
import ruru.wire.v6.Dhcp6Options;
import ruru.wire.v6.Ia;
import ruru.wire.v6.IaAddress;
import ruru.wire.v6.IaPrefix;
import ruru.wire.v6.IaType;
import ruru.wire.v6.Status6;
import ruru.wire.v6.StatusCode;

/**
 * RELEASE and DECLINE (RFC 8415 sections 18.3.7, 18.3.8) with Kea's per-IA status texts. A
 * released lease is deleted, or kept as released for its client when lease affinity is configured
 * (Kea 3); a declined address is withheld for {@code decline-probation-period} and forgets its
 * client (DUID one zero byte).
 */
final class ReturnFlows6 {

    static final String SUMMARY = "Summary status for all processed IA_NAs";

    private final LeaseEngine6 engine;

    ReturnFlows6(LeaseEngine6 engine) {
        this.engine = engine;
    }

    Answer6 release(Exchange6 ex) throws LeaseStoreException, WireFormatException {
        Dhcp6Options.Builder reply = Reply6.start(ex);
        List<Lease6> deleted = new ArrayList<>();
        boolean allOk = true;
        for (IaType type : new IaType[] {IaType.NA, IaType.PD}) {
            for (Ia ia : Ia.all(ex.query().options(), type)) {
                if (type == IaType.NA && Dhcp6Messages.DHCP6_PROCESS_IA_NA_RELEASE.enabled()) {
                    Dhcp6Messages.DHCP6_PROCESS_IA_NA_RELEASE.log(ex.label(), ia.iaid());
                }
                List<Lease6> named = new ArrayList<>();
                StatusCode s = releaseIa(ex, ia, deleted, named);
                allOk &= s.code() == Status6.SUCCESS.code();
                reply.add(Reply6.iaStatus(ex, ia, s));
                // kea-dhcp6 queues the REMOVEs once the IA's status is in the reply
                named.forEach(l -> DdnsFlow6.removed(ex, l));
            }
        }
        reply.add(Reply6.globalStatus(ex, new StatusCode(allOk ? Status6.SUCCESS : Status6.NO_BINDING, SUMMARY)));
        return new Answer6(Reply6.finish(ex, Dhcp6MessageType.REPLY, reply), null, List.of(), deleted, true);
    }

    private StatusCode releaseIa(Exchange6 ex, Ia ia, List<Lease6> deleted, List<Lease6> named)
            throws LeaseStoreException, WireFormatException {
        boolean pd = ia.type() == IaType.PD;
        List<Ipv6Address> asked = new ArrayList<>();
        if (pd) {
            ia.prefixes().stream().map(IaPrefix::network).forEach(asked::add);
        } else {
            ia.addresses().stream().map(IaAddress::address).forEach(asked::add);
        }
        if (asked.isEmpty()) {
            return new StatusCode(Status6.NO_BINDING, pd ? "You did not include a prefix in your RELEASE"
                    : "You did not include an address in your RELEASE");
        }
        StatusCode result = null;
        for (Ipv6Address a : asked) {
            StoreTraces6.get(ex, a, ia.type());
            Optional<Lease6> found = ex.snap().leases().get(a).filter(l -> l.type() == ia.type());
            if (found.isEmpty() || found.get().state() != LeaseState.DEFAULT) {
                return new StatusCode(Status6.NO_BINDING, "Sorry, no known leases for this duid/iaid, can't release.");
            }
            Lease6 l = found.get();
            if (ex.client().duid() == null || !l.hasDuid(ex.client().duid())) {
                if (pd) {
                    Dhcp6Messages.DHCP6_RELEASE_PD_FAIL_WRONG_DUID.log(ex.label(), a, l.prefixLength(),
                            Labels6.duid(l.duid()));
                } else {
                    Dhcp6Messages.DHCP6_RELEASE_NA_FAIL_WRONG_DUID.log(ex.label(), a, Labels6.duid(l.duid()));
                }
                return new StatusCode(Status6.NO_BINDING, "This address does not belong to you, you can't release it");
            }
            if (l.iaid() != ia.iaid()) {
                if (pd) {
                    Dhcp6Messages.DHCP6_RELEASE_PD_FAIL_WRONG_IAID.log(ex.label(), a, l.prefixLength(), l.iaid(),
                            ia.iaid());
                } else {
                    Dhcp6Messages.DHCP6_RELEASE_NA_FAIL_WRONG_IAID.log(ex.label(), a, l.iaid(), ia.iaid());
                }
                return new StatusCode(Status6.NO_BINDING, "This is your address, but you used wrong IAID");
            }
            var hooks = ex.snap().hooks().callouts();
            if (hooks.has(HookPoint.LEASE6_RELEASE)) {
                NextStep step = hooks.call(HookPoint.LEASE6_RELEASE,
                        new Lease6ReleaseCallout.Args(ex.query(), Dhcp6Hooks.view(l)), Lease6ReleaseCallout::lease6Release);
                if (step == NextStep.SKIP || step == NextStep.DROP) {
                    (pd ? Dhcp6Messages.DHCP6_HOOK_LEASE6_RELEASE_PD_SKIP : Dhcp6Messages.DHCP6_HOOK_LEASE6_RELEASE_NA_SKIP)
                            .log(ex.label());
                    result = new StatusCode(Status6.SUCCESS, "Lease released. Thank you, please come again.");
                    continue;
                }
            }
            boolean affinity = ex.snap().config().expiredLeases().affinity();
            if (affinity) {
                StoreTraces6.update(ex, l.address());
            } else {
                StoreTraces6.delete(ex, l.address());
            }
            Lease6 released = affinity ? new Lease6(l.address(), l.type(), l.prefixLength(), l.iaid(),
                    l.duid(), 0, l.validLifetime(), ex.now() - l.validLifetime(), l.subnetId(), false, false,
                    l.hostname(), l.hwAddress(), l.hwSource(), LeaseState.RELEASED, l.userContext(), l.poolId()) : l;
            boolean done = affinity ? ex.snap().leases().replace(l, released) : ex.snap().leases().delete(l);
            if (!done) {
                if (pd) {
                    Dhcp6Messages.DHCP6_RELEASE_PD_FAIL.log(ex.label(), a, l.prefixLength(), l.iaid());
                } else {
                    Dhcp6Messages.DHCP6_RELEASE_NA_FAIL.log(ex.label(), a, l.iaid());
                }
                return new StatusCode(Status6.UNSPEC_FAIL, "Server failed to release a lease");
            }
            engine.counters(ia.type()).assigned(l.subnetId(), l.poolId(), -1);
            deleted.add(released); // kept for affinity: in its released state (HA sends it as Kea 3 does)
            named.add(l); // the lease as it was: its names are what the REMOVE takes out of DNS
            if (pd) {
                Dhcp6Messages.DHCP6_RELEASE_PD.log(ex.label(), a, l.prefixLength(), l.iaid());
            } else {
                Dhcp6Messages.DHCP6_RELEASE_NA.log(ex.label(), a, l.iaid());
            }
            result = new StatusCode(Status6.SUCCESS, "Lease released. Thank you, please come again.");
        }
        return result;
    }

    /** Empty when a lease6_decline callout said DROP: Kea then drops the whole DECLINE. */
    Optional<Answer6> decline(Exchange6 ex) throws LeaseStoreException, WireFormatException {
        Dhcp6Options.Builder reply = Reply6.start(ex);
        List<Lease6> declined = new ArrayList<>();
        for (Ia ia : Ia.all(ex.query().options(), IaType.NA)) {
            if (Dhcp6Messages.DHCP6_DECLINE_PROCESS_IA.enabled()) {
                // as Kea 2.2 writes it, its two arguments swapped
                Dhcp6Messages.DHCP6_DECLINE_PROCESS_IA.log(ex.label(), ia.iaid());
            }
            StatusCode s = declineIa(ex, ia, declined);
            if (s == null) {
                return Optional.empty();
            }
            reply.add(Reply6.iaStatus(ex, ia, s));
        }
        return Optional.of(new Answer6(Reply6.finish(ex, Dhcp6MessageType.REPLY, reply), null, declined, List.of(),
                true));
    }

    private StatusCode declineIa(Exchange6 ex, Ia ia, List<Lease6> declined) throws LeaseStoreException,
            WireFormatException {
        List<IaAddress> addresses = ia.addresses();
        if (addresses.isEmpty()) {
            return new StatusCode(Status6.NO_BINDING, "No addresses sent in IA_NA");
        }
        StatusCode result = null;
        for (IaAddress a : addresses) {
            StoreTraces6.get(ex, a.address(), IaType.NA);
            Optional<Lease6> found = ex.snap().leases().get(a.address()).filter(l -> l.type() == IaType.NA);
            if (found.isEmpty() || found.get().state() != LeaseState.DEFAULT) {
                Dhcp6Messages.DHCP6_DECLINE_FAIL_NO_LEASE.log(ex.label(), a.address());
                return new StatusCode(Status6.NO_BINDING, "Server does not know about such an address.");
            }
            Lease6 l = found.get();
            if (ex.client().duid() == null || !l.hasDuid(ex.client().duid())) {
                Dhcp6Messages.DHCP6_DECLINE_FAIL_DUID_MISMATCH.log(ex.label(), a.address(), Labels6.duid(l.duid()));
                return new StatusCode(Status6.NO_BINDING, "This address does not belong to you, you can't decline it");
            }
            if (l.iaid() != ia.iaid()) {
                Dhcp6Messages.DHCP6_DECLINE_FAIL_IAID_MISMATCH.log(ex.label(), l.address(), ia.iaid(), l.iaid());
                return new StatusCode(Status6.NO_BINDING, "This is your address, but you used wrong IAID");
            }
            var hooks = ex.snap().hooks().callouts();
            if (hooks.has(HookPoint.LEASE6_DECLINE)) {
                NextStep step = hooks.call(HookPoint.LEASE6_DECLINE,
                        new Lease6DeclineCallout.Args(ex.query(), Dhcp6Hooks.view(l)), Lease6DeclineCallout::lease6Decline);
                if (step == NextStep.SKIP) {
                    Dhcp6Messages.DHCP6_HOOK_DECLINE_SKIP.log(ex.label(), ex.received().iface().name(), l.address());
                    result = new StatusCode(Status6.SUCCESS, "Lease declined. Hopefully the next one will be better.");
                    continue;
                }
                if (step == NextStep.DROP) {
                    Dhcp6Messages.DHCP6_HOOK_DECLINE_DROP.log(ex.label(), ex.received().iface().name(), l.address());
                    return null;
                }
            }
            Lease6 gone = new Lease6(l.address(), l.type(), l.prefixLength(), l.iaid(), Lease6.DECLINED_DUID, 0,
                    ex.snap().config().declineProbationPeriod(), ex.now(), l.subnetId(), false, false, "", null, 0,
                    LeaseState.DECLINED, null, l.poolId());
            StoreTraces6.update(ex, l.address());
            if (!ex.snap().leases().replace(l, gone)) {
                Dhcp6Messages.DHCP6_DECLINE_FAIL.log(ex.label(), l.address(), "the lease changed meanwhile");
                return new StatusCode(Status6.UNSPEC_FAIL, "Database consistency check failed when attempting Decline.");
            }
            LeaseCounters c = engine.counters(IaType.NA);
            c.declined(l.subnetId(), l.poolId(), 1);
            declined.add(gone);
            DdnsFlow6.removed(ex, l);
            Dhcp6Messages.DHCP6_DECLINE_LEASE.log(ex.label(), a.address(), gone.validLifetime());
            result = new StatusCode(Status6.SUCCESS, "Lease declined. Hopefully the next one will be better.");
        }
        return result;
    }
}
