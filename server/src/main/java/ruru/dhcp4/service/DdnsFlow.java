package ruru.dhcp4.service;

import java.util.Optional;

import ruru.daemon.hooks.CalloutRegistry;
import ruru.ddns.names.DdnsParams;
import ruru.ddns.names.NameDecision;
import ruru.dhcp4.config.Subnet4;
import ruru.dhcp4.ddns.Ddns4;
import ruru.dhcp4.log.Dhcp4Messages;
import ruru.hooks.Ddns4UpdateCallout;
import ruru.hooks.HookPoint;
import ruru.lease.Lease4;
import ruru.lease.LeaseState;
import ruru.wire.Ipv4Address;
import ruru.wire.v4.Dhcp4Options;
import ruru.wire.v4.Dhcp4Packet;
import ruru.wire.v4.MessageType;
import ruru.wire.v4.OptionCodes;

/**
 * Where the DHCPv4 flows meet DDNS: the client's name (Kea's processClientName, with the
 * {@code ddns4_update} hook point) that the lease stores and the reply carries, for offers, new
 * leases, renewals and reused (cached) leases alike; and, once a REQUEST's lease is written, the
 * NCRs for it and, when the address passed from another client's expired lease, the removal of
 * that client's names.
 */
final class DdnsFlow {

    private DdnsFlow() {
    }

    /**
     * The name decision for a lease of {@code address} in {@code subnet}: the decider's, then what
     * the {@code ddns4_update} callouts make of it (once per exchange). As Kea, when a callout
     * changed anything, the reply's option 81 says the server does no updates (S 0, N 1) while the
     * lease and the NCRs follow the callout's directions.
     */
    static NameDecision name(Exchange ex, Subnet4 subnet, Optional<String> reserved, Ipv4Address address) {
        Ddns4 ddns = ex.snap().ddns();
        CalloutRegistry hooks = ex.snap().hooks().callouts();
        if (!hooks.has(HookPoint.DDNS4_UPDATE)) {
            return ddns.decide(ex.query(), subnet.id(), reserved, address);
        }
        return ex.names().get(subnet.id(), address, reserved, () -> {
            NameDecision base = ddns.decide(ex.query(), subnet.id(), reserved, address);
            DdnsParams p = ddns.params(subnet.id(), address);
            var args = new Ddns4UpdateCallout.Args(ex.query(), response(ex, base), Dhcp4Hooks.view(subnet), p.info(),
                    base.hostname(), base.forward(), base.reverse());
            hooks.call(HookPoint.DDNS4_UPDATE, args, Ddns4UpdateCallout::ddns4Update);
            if (args.hostname().equals(base.hostname()) && args.fwdUpdate() == base.forward()
                    && args.revUpdate() == base.reverse()) {
                return base;
            }
            Dhcp4Messages.DHCP4_HOOK_DDNS_UPDATE.log(base.hostname(), args.hostname(), bit(base.forward()),
                    bit(args.fwdUpdate()), bit(base.reverse()), bit(args.revUpdate()));
            return base.changedByHook(args.hostname(), args.fwdUpdate(), args.revUpdate());
        });
    }

    private static int bit(boolean b) {
        return b ? 1 : 0;
    }

    /** The response as far as Kea has built it when it calls ddns4_update: its type and the name option. */
    private static Dhcp4Packet response(Exchange ex, NameDecision base) {
        MessageType type = ex.query().messageType().filter(t -> t == MessageType.DISCOVER)
                .map(t -> MessageType.OFFER).orElse(MessageType.ACK);
        Dhcp4Options.Builder o = Dhcp4Options.builder();
        o.put(OptionCodes.MESSAGE_TYPE, new byte[] {(byte) type.code()});
        Ddns4.replyOption(ex.query(), base).ifPresent(r -> o.put(r.code(), r.data()));
        return ex.query().toBuilder().op(2).secs(0).options(o.build()).build();
    }

    /** A REQUEST's lease was written: its NCRs, and the previous owner's removal when the address changed hands. */
    static void granted(Exchange ex, Subnet4 subnet, Lease4 previous, Lease4 lease) {
        Ddns4 ddns = ex.snap().ddns();
        Lease4 before = previous;
        if (before != null && (before.state() != LeaseState.DEFAULT
                || !ex.client().owns(before, subnet.matchClientId()))) {
            if (before.state() == LeaseState.DEFAULT) {
                ddns.removed(before);
            }
            before = null;
        }
        ddns.granted(before, lease);
    }
}
