package ruru.dhcp6.service;

import java.util.Optional;

import ruru.daemon.hooks.CalloutRegistry;
import ruru.ddns.names.DdnsParams;
import ruru.ddns.names.NameDecision;
import ruru.ddns.names.NameRules;
import ruru.dhcp6.config.Reservation6;
import ruru.dhcp6.config.Subnet6;
import ruru.dhcp6.ddns.Ddns6;
import ruru.dhcp6.log.Dhcp6Messages;
import ruru.hooks.Ddns6UpdateCallout;
import ruru.hooks.HookPoint;
import ruru.lease.Lease6;
import ruru.lease.LeaseState;
import ruru.wire.Ipv6Address;
import ruru.wire.v6.Dhcp6MessageType;
import ruru.wire.v6.Dhcp6Options;
import ruru.wire.v6.Dhcp6Packet;
import ruru.wire.v6.IaType;
import ruru.wire.v6.Option6Codes;

/**
 * Where the DHCPv6 flows meet DDNS (Kea's processClientFqdn, generateFqdn and
 * createNameChangeRequests): the client's name, decided once per query before allocation (with the
 * {@code ddns6_update} hook point) and completed with a generated name from the first address
 * leased, that address leases store and the reply's option 39 carries; the NCRs once a lease is
 * written; the removals when a lease ends.
 */
final class DdnsFlow6 {


    private DdnsFlow6() {
    }

    /**
     * The name a lease of {@code address} ({@code type}) in {@code subnet} stores: the query's
     * decision, prefix leases included (kea-dhcp6 2.2 stores the name and directions there too, and
     * sends NCRs only for addresses). A name to generate is generated from an address lease that is
     * written ({@code commit}): kea-dhcp6 2.2 advertises the empty name.
     */
    static NameDecision name(Exchange6 ex, Subnet6 subnet, Optional<Reservation6> host, Ipv6Address address,
                             IaType type, boolean commit) {
        NameDecision d = decided(ex, subnet, host);
        if (commit && type == IaType.NA && d.reply() == NameDecision.Reply.FQDN && d.hostname().isEmpty()
                && address != null) {
            DdnsParams p = ex.snap().ddns().params(subnet.id(), address);
            d = d.with(NameRules.generate(p, address.toString()), d.forward(), d.reverse());
            ex.names().set(subnet.id(), d);
            Dhcp6Messages.DHCP6_DDNS_FQDN_GENERATED.log(ex.label(), d.hostname());
        }
        return d;
    }

    /** Makes the query's decision in {@code subnet} now (Kea's processClientFqdn, before allocation), if not yet made. */
    static void decide(Exchange6 ex, Subnet6 subnet, Optional<Reservation6> host) {
        decided(ex, subnet, host);
    }

    /** The query's decision in {@code subnet}: made (and passed to the ddns6_update callouts) once. */
    private static NameDecision decided(Exchange6 ex, Subnet6 subnet, Optional<Reservation6> host) {
        NameDecision known = ex.names().get(subnet.id());
        if (known != null) {
            return known;
        }
        Ddns6 ddns = ex.snap().ddns();
        Optional<String> reserved = host.map(Reservation6::hostname).filter(h -> !h.isEmpty());
        NameDecision base = ddns.decide(ex.query(), subnet.id(), reserved, null);
        if (Dhcp6Messages.DHCP6_DDNS_RECEIVE_FQDN.enabled()) {
            // Kea's processClientFqdn: the client's option 39 (its name in lower case, as Kea reads
            // it; an empty name is "full"), or the one Kea makes up (S 1, empty and partial) when
            // the name is to be generated; then the option of the reply as decided so far
            Ddns6.clientFqdn(ex.query()).ifPresentOrElse(f -> Dhcp6Messages.DHCP6_DDNS_RECEIVE_FQDN.log(ex.label(),
                    text(f.s(), f.o(), f.n(), f.name().toLowerCase(java.util.Locale.ROOT), true)), () -> {
                        if (base.reply() == NameDecision.Reply.FQDN) {
                            Dhcp6Messages.DHCP6_DDNS_GENERATE_FQDN.log(ex.label());
                            Dhcp6Messages.DHCP6_DDNS_RECEIVE_FQDN.log(ex.label(), text(true, false, false, "", false));
                        }
                    });
        }
        if (base.reply() == NameDecision.Reply.FQDN && Dhcp6Messages.DHCP6_DDNS_RESPONSE_FQDN_DATA.enabled()) {
            Dhcp6Messages.DHCP6_DDNS_RESPONSE_FQDN_DATA.log(ex.label(), text(base.serverS(), base.serverO(),
                    base.serverN(), base.hostname(), false));
        }
        NameDecision d = base;
        CalloutRegistry hooks = ex.snap().hooks().callouts();
        if (hooks.has(HookPoint.DDNS6_UPDATE)) {
            DdnsParams p = ddns.params(subnet.id(), null);
            var args = new Ddns6UpdateCallout.Args(ex.query(), response(ex, base), Dhcp6Hooks.view(subnet), p.info(),
                    base.hostname(), base.forward(), base.reverse());
            hooks.call(HookPoint.DDNS6_UPDATE, args, Ddns6UpdateCallout::ddns6Update);
            if (!args.hostname().equals(base.hostname()) || args.fwdUpdate() != base.forward()
                    || args.revUpdate() != base.reverse()) {
                Dhcp6Messages.DHCP6_HOOK_DDNS_UPDATE.log(base.hostname(), args.hostname(), bit(base.forward()),
                        bit(args.fwdUpdate()), bit(base.reverse()), bit(args.revUpdate()));
                d = base.changedByHook(args.hostname(), args.fwdUpdate(), args.revUpdate());
            }
        }
        ex.names().set(subnet.id(), d);
        return d;
    }

    private static int bit(boolean b) {
        return b ? 1 : 0;
    }

    /** The response as far as Kea has built it when it calls ddns6_update: its type and option 39. */
    private static Dhcp6Packet response(Exchange6 ex, NameDecision base) {
        boolean advertise = ex.query().messageType().filter(t -> t == Dhcp6MessageType.SOLICIT).isPresent()
                && !ex.query().options().has(Option6Codes.RAPID_COMMIT);
        Dhcp6Options.Builder o = Dhcp6Options.builder();
        Ddns6.replyOption(base).ifPresent(b -> o.add(Option6Codes.CLIENT_FQDN, b));
        return new Dhcp6Packet((advertise ? Dhcp6MessageType.ADVERTISE : Dhcp6MessageType.REPLY).code(),
                ex.query().transactionId(), o.build(), java.util.List.of());
    }

    /**
     * The reply's option 39: the query's decision (made now, without an address, when no address
     * lease asked for it: a name to generate then stays empty, as Kea's with no IA_NA).
     */
    static void reply(Exchange6 ex, Optional<Subnet6> subnet, Dhcp6Options.Builder reply) {
        NameDecision d = ex.names().any();
        if (d == null) {
            if (subnet.isEmpty()) {
                return;
            }
            d = decided(ex, subnet.get(), Hosts6.find(ex.snap(), subnet.get(), ex));
        }
        Ddns6.replyOption(d).ifPresent(b -> reply.add(Option6Codes.CLIENT_FQDN, b));
    }

    /** Kea's Option6ClientFqdn text; {@code emptyIsFull}: the type an empty name prints with. */
    private static String text(boolean s, boolean o, boolean n, String name, boolean emptyIsFull) {
        boolean full = name.isEmpty() ? emptyIsFull : name.endsWith(".");
        return "type=39(CLIENT_FQDN), flags: (N=" + bit(n) + ", O=" + bit(o) + ", S=" + bit(s) + "), domain-name='"
                + name + "' (" + (full ? "full" : "partial") + ")";
    }

    /**
     * An address lease was written: its NCRs; {@code previous} is what it replaced. Another client's
     * lease (or one not in the default state) has its names removed first.
     */
    static void written(Exchange6 ex, Lease6 previous, Lease6 lease) {
        if (lease.type() != IaType.NA) {
            return;
        }
        Ddns6 ddns = ex.snap().ddns();
        Lease6 before = previous;
        if (before != null && (before.state() != LeaseState.DEFAULT || ex.client().duid() == null
                || !before.hasDuid(ex.client().duid()) || before.iaid() != lease.iaid())) {
            ddns.removed(before);
            before = null;
        }
        // Kea's createNameChangeRequests: only for a reply that carries option 39, with updates on
        NameDecision d = ex.names().any();
        if (d == null || d.reply() != NameDecision.Reply.FQDN
                || !ddns.params(lease.subnetId(), lease.address()).enableUpdates()) {
            return;
        }
        ddns.granted(before, lease);
    }

    /** A lease ended (release, decline): its names are removed. */
    static void removed(Exchange6 ex, Lease6 lease) {
        ex.snap().ddns().removed(lease);
    }
}
