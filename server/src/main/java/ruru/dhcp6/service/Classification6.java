package ruru.dhcp6.service;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ruru.classify.BuiltinClasses;
import ruru.classify.ClassDictionary;
import ruru.classify.ClassGuard;
import ruru.classify.ClassSet;
import ruru.classify.Classifier;
import ruru.classify.ClientClass;
import ruru.classify.Triplet;
import ruru.dhcp.config.OptionValue;
import ruru.dhcp6.config.Class6;
import ruru.dhcp6.config.Dhcp6ServiceConfig;
import ruru.dhcp6.config.Reservation6;
import ruru.dhcp6.config.Subnet6;
import ruru.net.Received6;
import ruru.wire.v4.OptionDefinitions;
import ruru.wire.v6.Dhcp6Packet;
import ruru.wire.v6.Option6Codes;

/**
 * One DHCPv6 query's classes and what they give it: the classes it joined (in order), and, looked
 * up in that order, the class options and the first class-set valid and preferred lifetimes. The
 * phases are the shared {@link Classifier}'s: ALL and VENDOR_CLASS_ (option 16) and the tests on
 * arrival; the reservation's classes, KNOWN/UNKNOWN and the tests depending on them once a subnet
 * is selected; the additional classes of the pools, subnet and shared network that gave leases.
 */
final class Classification6 {

    /** The classification's own lines (kea-dhcp4/-dhcp6 2.2 wrote EVAL_RESULT here; Kea 3 on dhcpsrv). */
    private static final Logger LOG = LoggerFactory.getLogger("kea-dhcp6.dhcp6");
    private static final Classifier CLASSIFIER = new Classifier(LOG, LoggerFactory.getLogger("kea-dhcp6.dhcpsrv"));
    /** Kea's DOCSIS vendor class tuples, which name the class wherever they stand in option 16. */
    private static final List<String> DOCSIS = List.of("docsis3.0", "eRouter1.0");

    private final ClassDictionary<Class6> dictionary;
    private final ClassSet classes = new ClassSet();
    private final Query6View view;

    /** The query as the expressions read it (its classes so far); null without a query. */
    Query6View view() {
        return view;
    }

    private Classification6(ClassDictionary<Class6> dictionary, Dhcp6Packet query, Received6 received,
            OptionDefinitions definitions) {
        this.dictionary = dictionary;
        this.view = query == null ? null : new Query6View(query, received, classes, definitions);
    }

    /** No classification (a query built without one): in no class at all. */
    static Classification6 none() {
        return new Classification6(ClassDictionary.empty(), null, null, null);
    }

    /** On arrival: ALL, VENDOR_CLASS_<value>, then the tests that need no host lookup. */
    static Classification6 early(Dhcp6Packet query, Received6 received, Dhcp6ServiceConfig config) {
        return early(query, received, config, List.of());
    }

    /**
     * @param preset classes libraries give the query before classification (HA's {@code HA_<server>}
     *               scope, as at buffer6_receive in Kea): they follow ALL, and tests see them
     */
    static Classification6 early(Dhcp6Packet query, Received6 received, Dhcp6ServiceConfig config,
            List<String> preset) {
        Classification6 c = new Classification6(config.clientClasses(), query, received, config.optionDefinitions());
        if (!preset.isEmpty()) {
            c.classes.add(BuiltinClasses.ALL);
            preset.forEach(c.classes::add);
        }
        CLASSIFIER.early(c.dictionary, c.classes, c.view, vendorClass(query));
        return c;
    }

    /** Kea's DHCPv6 vendor class: a DOCSIS tuple anywhere in option 16, else its first data chunk. */
    static byte[] vendorClass(Dhcp6Packet query) {
        byte[] v = query.options().get(Option6Codes.VENDOR_CLASS).orElse(null);
        byte[] first = Query6View.vendorClassData(v, 0);
        if (first == null) {
            return null;
        }
        for (String docsis : DOCSIS) {
            for (int i = 0;; i++) {
                byte[] d = Query6View.vendorClassData(v, i);
                if (d == null) {
                    break;
                }
                if (docsis.equals(new String(d, StandardCharsets.ISO_8859_1))) {
                    return d;
                }
            }
        }
        return first;
    }

    /**
     * Once a subnet is selected: the classes of the client's reservation there (or its global one),
     * KNOWN when it has a reservation in that subnet or another one of its shared network it may
     * use, else UNKNOWN, then the tests depending on them. A subnet reservation's classes in a
     * shared network join only after the allocation (see {@link #additional}), as Kea does.
     *
     * @return whether the query is now in DROP
     */
    boolean afterHostLookup(Exchange6 ex, Optional<Subnet6> selected) {
        if (view == null) {
            if (ruru.dhcp6.log.Dhcp6Messages.DHCP6_CLASS_ASSIGNED.enabled()) {
                logKnown(ex, known(ex, selected, host(ex, selected)));
            }
            return false;
        }
        Optional<Reservation6> host = host(ex, selected);
        boolean known = known(ex, selected, host);
        logKnown(ex, known);
        List<String> reserved = List.of();
        if (host.isPresent() && (host.get().subnetId() == 0
                || selected.map(s -> s.sharedNetworkName().isEmpty()).orElse(true))) {
            reserved = host.get().clientClasses();
        }
        CLASSIFIER.afterHostLookup(dictionary, classes, view, known, reserved);
        return dropped();
    }

    /**
     * Kea's early global reservations lookup ({@code early-global-reservations-lookup}), before
     * subnet selection: a global reservation's classes join (the tests evaluated again around
     * them), then KNOWN and the classes depending on it, so subnet, shared-network and pool guards
     * can use them.
     *
     * @return whether the query is now in DROP
     */
    boolean earlyGlobalLookup(Exchange6 ex) {
        Optional<Reservation6> host = Hosts6.global(ex.snap(), ex);
        if (host.isEmpty()) {
            return false;
        }
        if (view != null) {
            CLASSIFIER.afterHostLookup(dictionary, classes, view, true, host.get().clientClasses());
        }
        logKnown(ex, true);
        return dropped();
    }

    /**
     * The client's reservation once a subnet is selected. As Kea: without a subnet no reservation
     * is looked up, unless the early global lookup found the global one.
     */
    private static Optional<Reservation6> host(Exchange6 ex, Optional<Subnet6> selected) {
        return selected.isEmpty() && !ex.snap().config().earlyGlobalReservationsLookup() ? Optional.empty()
                : Hosts6.find(ex.snap(), selected.orElse(null), ex);
    }

    /** KNOWN: a reservation in the selected subnet or in another subnet of its shared network it may use. */
    private boolean known(Exchange6 ex, Optional<Subnet6> selected, Optional<Reservation6> host) {
        boolean known = host.isPresent();
        if (selected.isPresent()) {
            for (Subnet6 s : ex.snap().candidates(selected.get())) {
                if (known) {
                    break;
                }
                known = s != selected.get() && (classes == null || s.admits(classes))
                        && Hosts6.find(ex.snap(), s, ex).isPresent();
            }
        }
        return known;
    }

    private static void logKnown(Exchange6 ex, boolean known) {
        if (ruru.dhcp6.log.Dhcp6Messages.DHCP6_CLASS_ASSIGNED.enabled()) {
            ruru.dhcp6.log.Dhcp6Messages.DHCP6_CLASS_ASSIGNED.log(ex.label(), known ? "KNOWN" : "UNKNOWN");
        }
    }

    /**
     * Once the leases are chosen: the classes of the client's reservation in the subnet that gave
     * them when that subnet is in a shared network (joined without evaluation), then Kea 3.0's
     * additional classes: of each pool that gave a lease, then of the subnet, then of its network.
     *
     * @param pools the guards of the pools (address and prefix) the reply's leases came from
     */
    void additional(Exchange6 ex, Subnet6 subnet, List<ClassGuard> pools) {
        if (view == null || subnet == null) {
            return;
        }
        if (subnet.sharedNetworkName().isPresent()) {
            Hosts6.find(ex.snap(), subnet, ex).filter(h -> h.subnetId() != 0)
                    .ifPresent(h -> h.clientClasses().forEach(classes::add));
        }
        List<String> names = new ArrayList<>();
        pools.forEach(p -> names.addAll(p.additional()));
        names.addAll(subnet.classes().additional());
        names.addAll(subnet.networkClasses().additional());
        if (!names.isEmpty()) {
            CLASSIFIER.additional(dictionary, classes, view, names.stream().distinct().toList());
        }
    }

    /**
     * A pkt6_receive callout replaced the query: later phases read the new one; the classes it
     * has (a callout's among them) stay.
     */
    Classification6 rebind(Dhcp6Packet query, Received6 received, Dhcp6ServiceConfig config) {
        Classification6 c = new Classification6(dictionary, query, received, config.optionDefinitions());
        classes.forEach(c.classes::add);
        return c;
    }

    /** The classes as hook callouts see them (pkt6_receive may add some, as Kea's addClass). */
    ruru.hooks.QueryClasses forHooks() {
        return classes.forHooks();
    }

    boolean dropped() {
        return classes.contains(BuiltinClasses.DROP);
    }

    ClassSet classes() {
        return classes;
    }

    /** The options of each class the query joined, in that order (classes without options left out). */
    List<List<OptionValue>> classOptions() {
        List<List<OptionValue>> out = new ArrayList<>();
        for (String name : classes) {
            ClientClass<Class6> c = dictionary.get(name);
            if (c != null && !c.payload().options().isEmpty()) {
                out.add(c.payload().options());
            }
        }
        return out;
    }

    /** The values of a level that count for this query: untagged ones, and tagged ones of a class it is in. */
    List<OptionValue> applying(List<OptionValue> level) {
        for (int i = 0, n = level.size(); i < n; i++) {
            if (!level.get(i).appliesTo(classes)) {
                return level.stream().filter(v -> v.appliesTo(classes)).toList();
            }
        }
        return level;
    }

    /** The valid (or preferred) lifetime of the first class that sets one: it wins over the subnet's. */
    Optional<Triplet> lifetime(boolean preferred) {
        for (String name : classes) {
            ClientClass<Class6> c = dictionary.get(name);
            if (c != null) {
                Optional<Triplet> t = preferred ? c.preferredLifetime() : c.validLifetime();
                if (t.isPresent()) {
                    return t;
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return classes.toString();
    }
}
