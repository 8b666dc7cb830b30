package ruru.dhcp4.service;

import java.util.Optional;

import ruru.daemon.hooks.CalloutRegistry;
import ruru.ddns.names.DdnsParams;
import ruru.ddns.names.NameDecision;
import ruru.dhcp4.config.Subnet4;
import ruru.dhcp4.ddns.Ddns4;
import ruru.hooks.Ddns4UpdateCallout;
import ruru.hooks.DdnsParamsInfo;
import ruru.hooks.HookPoint;
import ruru.lease.Lease4;
import ruru.lease.LeaseState;
import ruru.lease.LeaseStoreException;
import ruru.wire.v4.Dhcp4Packet;
import ruru.wire.v4.OptionCodes;

/**
 * Where the REQUEST flow meets DDNS once its lease is written: the {@code ddns4_update} hook point
 * (a callout may change the name and directions; the lease and the reply follow it), then the NCRs
 * for the new lease and, when the address passed from another client's expired lease, the removal
 * of that client's names.
 */
final class DdnsFlow {

    record Result(Lease4 lease, Dhcp4Packet reply) {
    }

    private DdnsFlow() {
    }

    static Result granted(Exchange ex, Subnet4 subnet, Lease4 previous, Lease4 lease, Dhcp4Packet reply)
            throws LeaseStoreException {
        Ddns4 ddns = ex.snap().ddns();
        Lease4 result = lease;
        Dhcp4Packet out = reply;
        CalloutRegistry hooks = ex.snap().hooks().callouts();
        if (hooks.has(HookPoint.DDNS4_UPDATE)) {
            DdnsParams p = ddns.params(subnet.id(), lease.address());
            var args = new Ddns4UpdateCallout.Args(ex.query(), reply, Dhcp4Hooks.view(subnet), info(p),
                    lease.hostname(), lease.fqdnFwd(), lease.fqdnRev());
            hooks.call(HookPoint.DDNS4_UPDATE, args, Ddns4UpdateCallout::ddns4Update);
            if (!args.hostname().equals(lease.hostname()) || args.fwdUpdate() != lease.fqdnFwd()
                    || args.revUpdate() != lease.fqdnRev()) {
                Lease4 changed = new Lease4(lease.address(), lease.hwAddress(), lease.clientId(), lease.validLifetime(),
                        lease.cltt(), lease.subnetId(), args.fwdUpdate(), args.revUpdate(), args.hostname(),
                        lease.state(), lease.userContext(), lease.poolId());
                if (ex.snap().leases().replace(lease, changed)) {
                    result = changed;
                    out = withName(ex, subnet, reply, changed);
                }
            }
        }
        Lease4 before = previous;
        if (before != null && (before.state() != LeaseState.DEFAULT
                || !ex.client().owns(before, subnet.matchClientId()))) {
            if (before.state() == LeaseState.DEFAULT) {
                ddns.removed(before);
            }
            before = null;
        }
        ddns.granted(before, result);
        return new Result(result, out);
    }

    /** The reply's option 81 or 12 rewritten for a name a callout chose. */
    private static Dhcp4Packet withName(Exchange ex, Subnet4 subnet, Dhcp4Packet reply, Lease4 lease) {
        NameDecision base = ex.snap().ddns().decide(ex.query(), subnet.id(), Optional.empty(), lease.address());
        NameDecision d = base.with(lease.hostname(), lease.fqdnFwd(), lease.fqdnRev());
        var options = reply.options().toBuilder();
        options.remove(OptionCodes.FQDN);
        options.remove(OptionCodes.HOST_NAME);
        Ddns4.replyOption(ex.query(), d).ifPresent(r -> options.put(r.code(), r.data()));
        return reply.toBuilder().options(options.build()).build();
    }

    static DdnsParamsInfo info(DdnsParams p) {
        return new DdnsParamsInfo(p.enableUpdates(), p.overrideNoUpdate(), p.overrideClientUpdate(),
                p.replaceClientName().keaName(), p.generatedPrefix(), p.qualifyingSuffix(), p.updateOnRenew(),
                p.conflictResolutionMode().keaName(), p.hostnameCharSet().map(Object::toString).orElse(""),
                p.hostnameCharReplacement());
    }
}
