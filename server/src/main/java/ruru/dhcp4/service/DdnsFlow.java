package ruru.dhcp4.service;

import java.util.List;
import java.util.Optional;

import ruru.daemon.hooks.CalloutRegistry;
import ruru.ddns.names.DdnsParams;
import ruru.ddns.names.NameDecision;
import ruru.dhcp4.config.Subnet4;
import ruru.dhcp4.ddns.Ddns4;
import ruru.dhcp4.ddns.Fqdn4Option;
import ruru.dhcp4.config.Reservation4;
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

    /**
     * Kea's processClientName log lines for a DISCOVER or REQUEST with a subnet (kea-dhcp4.ddns):
     * the option the client sent (81, else 12, else none) and the one the reply will carry, as
     * decided before an address is chosen (a name still to generate is empty then).
     */
    static boolean logClientName(Exchange ex, Subnet4 subnet) {
        if (!Dhcp4Messages.DHCP4_CLIENT_HOSTNAME_PROCESS.enabled()) {
            return false;
        }
        Dhcp4Packet q = ex.query();
        Optional<byte[]> fqdn = q.options().get(OptionCodes.FQDN);
        Optional<String> reserved = Hosts.find(ex.snap(), subnet, q).map(Reservation4::hostname)
                .filter(h -> !h.isEmpty());
        NameDecision d = ex.snap().ddns().decide(q, subnet.id(), reserved, null);
        Optional<Ddns4.ReplyOption> reply = Ddns4.replyOption(q, d);
        if (fqdn.isPresent()) {
            Dhcp4Messages.DHCP4_CLIENT_FQDN_PROCESS.log(ex.label());
            Dhcp4Messages.DHCP4_CLIENT_FQDN_DATA.log(ex.label(), Fqdn4Option.text(fqdn.get(), true));
            reply.filter(r -> r.code() == OptionCodes.FQDN).ifPresent(r ->
                    Dhcp4Messages.DHCP4_RESPONSE_FQDN_DATA.log(ex.label(), Fqdn4Option.text(r.data(), false)));
            return false;
        }
        Dhcp4Messages.DHCP4_CLIENT_HOSTNAME_PROCESS.log(ex.label());
        Optional<byte[]> host = q.options().get(OptionCodes.HOST_NAME);
        String sent = host.map(h -> new String(h, java.nio.charset.StandardCharsets.US_ASCII)).orElse(null);
        if (sent != null) {
            Dhcp4Messages.DHCP4_CLIENT_HOSTNAME_DATA.log(ex.label(), sent);
        }
        if (reserved.isPresent()) {
            // Kea's processHostnameOption: the reservation's name, qualified and in lower case, wins
            if (Dhcp4Messages.DHCP4_RESERVED_HOSTNAME_ASSIGNED.enabled()) {
                Dhcp4Messages.DHCP4_RESERVED_HOSTNAME_ASSIGNED.log(ex.label(), ruru.ddns.names.NameRules.qualify(
                        reserved.get(), ex.snap().ddns().params(subnet.id(), null), false));
            }
            return false;
        }
        if (sent == null) {
            if (d.reply() == NameDecision.Reply.HOST_NAME) {
                Dhcp4Messages.DHCP4_GENERATE_FQDN.log(ex.label());
                return true;
            }
            return false;
        }
        // kea-dhcp4 2.2 writes this line a second time here
        Dhcp4Messages.DHCP4_CLIENT_HOSTNAME_DATA.log(ex.label(), sent);
        reply.filter(r -> r.code() == OptionCodes.HOST_NAME).ifPresent(r -> Dhcp4Messages.DHCP4_RESPONSE_HOSTNAME_DATA
                .log(ex.label(), new String(r.data(), java.nio.charset.StandardCharsets.US_ASCII)));
        return false;
    }

    /**
     * Kea's allocation moved the client to another subnet of the shared network: it says so and
     * processes the client's name again with that subnet's parameters. Whether a name is to be
     * generated (as {@link #logClientName}).
     */
    static boolean subnetChanged(Exchange ex, Subnet4 selected, Subnet4 used, boolean generate) {
        if (used == selected || used.id() == selected.id()) {
            return generate;
        }
        if (Dhcp4Messages.DHCP4_SUBNET_DYNAMICALLY_CHANGED.enabled()) {
            Dhcp4Messages.DHCP4_SUBNET_DYNAMICALLY_CHANGED.log(ex.label(), selected.prefixText(), used.prefixText(),
                    used.sharedNetworkName().orElse(""));
        }
        return logClientName(ex, used);
    }

    /**
     * Kea's name generated from the address once it is allocated ({@code generate}: as
     * {@link #logClientName} said); a REQUEST's lease is then written again with the name.
     */
    static void generated(Exchange ex, boolean generate, String hostname, Ipv4Address address, boolean written) {
        if (!generate) {
            return;
        }
        if (Dhcp4Messages.DHCP4_RESPONSE_HOSTNAME_GENERATE.enabled()) {
            Dhcp4Messages.DHCP4_RESPONSE_HOSTNAME_GENERATE.log(ex.label(), hostname);
        }
        if (written) {
            StoreTraces4.update(ex, address);
        }
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

    /**
     * A REQUEST's lease was written: its NCRs, and the previous owner's removal when the address
     * changed hands. {@code moved} is the client's own lease at another address this grant removed
     * (Kea's requestLease4 makes it the context's old lease): it, not the lease found at the new
     * address, is what the new lease's name is compared with.
     */
    static void granted(Exchange ex, Subnet4 subnet, Lease4 previous, Lease4 lease, List<Lease4> moved) {
        Ddns4 ddns = ex.snap().ddns();
        Lease4 before = previous;
        if (before != null && (before.state() != LeaseState.DEFAULT
                || !ex.client().owns(before, subnet.matchClientId()))) {
            if (before.state() == LeaseState.DEFAULT) {
                ddns.removed(before);
            }
            before = null;
        }
        if (!moved.isEmpty()) {
            before = moved.getFirst();
        }
        ddns.granted(before, lease);
    }
}
