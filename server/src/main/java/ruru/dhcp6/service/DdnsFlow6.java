package ruru.dhcp6.service;

import java.util.List;
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
import ruru.wire.v6.Ia;
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
     * An address lease was written; {@code previous} is what it replaced. Another client's lease
     * (or one not in the default state, or of another IA) has its names removed now, as Kea's
     * allocation engine does when it takes such a lease over; the ADD waits for {@link #requests}.
     */
    static void written(Exchange6 ex, Lease6 previous, Lease6 lease) {
        if (lease.type() != IaType.NA) {
            return;
        }
        Lease6 before = previous;
        if (before != null && (before.state() != LeaseState.DEFAULT || ex.client().duid() == null
                || !before.hasDuid(ex.client().duid()) || before.iaid() != lease.iaid())) {
            ex.snap().ddns().removed(before);
            before = null;
        }
        ex.names().wrote(lease, before, false);
    }

    /** An address lease handed out again from the lease cache (nothing written): no DNS update for it. */
    static void reused(Exchange6 ex, Lease6 lease) {
        if (lease.type() == IaType.NA) {
            ex.names().wrote(lease, null, true);
        }
    }

    /**
     * Kea's createNameChangeRequests once every IA is answered (kea-dhcp6 2.2 live, and Kea 3's
     * dhcp6_srv.cc alike): only for a reply that carries option 39; the IA_NAs in the reply's order,
     * each by its first address; an address the last IA answered extended (Kea's current IA's
     * changed leases) under the same name and directions is passed over (unless
     * ddns-update-on-renew), with another name its old name is removed first; the first address
     * not passed over gets the ADD and no other address of the message gets one. So with several
     * IA_NAs only the first IA's address is in DNS, and a renewal adds it again unless its IA is the
     * last one (with an IA_PD, the last IA is the IA_PD).
     */
    static void requests(Exchange6 ex) throws ruru.wire.WireFormatException {
        List<Names6.Written> all = ex.names().written();
        NameDecision d = ex.names().any();
        if (all.isEmpty() || d == null || d.reply() != NameDecision.Reply.FQDN) {
            return;
        }
        Ddns6 ddns = ex.snap().ddns();
        List<Ia> pds = Ia.all(ex.query().options(), IaType.PD);
        List<Ia> nas = Ia.all(ex.query().options(), IaType.NA);
        long lastNa = pds.isEmpty() && !nas.isEmpty() ? nas.getLast().iaid() : -1;
        java.util.Set<Long> answered = new java.util.HashSet<>();
        for (Names6.Written w : all) {
            Lease6 lease = w.lease();
            if (!answered.add(lease.iaid()) || w.reused()
                    || !ddns.params(lease.subnetId(), lease.address()).enableUpdates()) {
                continue;
            }
            if (ddns.granted(lease.iaid() == lastNa ? w.before() : null, lease)) {
                return;
            }
        }
    }

    /** A lease ended (release, decline): its names are removed. */
    static void removed(Exchange6 ex, Lease6 lease) {
        ex.snap().ddns().removed(lease);
    }
}
