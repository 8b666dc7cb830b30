package ruru.dhcp4.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ruru.classify.BuiltinClasses;
import ruru.classify.ClassDictionary;
import ruru.classify.ClassSet;
import ruru.classify.Classifier;
import ruru.classify.ClientClass;
import ruru.classify.Triplet;
import ruru.dhcp4.config.Class4;
import ruru.dhcp4.config.Dhcp4ServiceConfig;
import ruru.dhcp.config.OptionValue;
import ruru.dhcp4.config.Pool4;
import ruru.dhcp4.config.Reservation4;
import ruru.dhcp4.config.Subnet4;
import ruru.net.Received4;
import ruru.wire.Ipv4Address;
import ruru.wire.v4.Dhcp4Packet;
import ruru.wire.v4.OptionCodes;
import ruru.wire.v4.OptionDefinitions;

/**
 * One query's classes and what they give it: the classes it joined (in order), and, looked up
 * in that order, the class options, the first class-set valid lifetime and boot fields, and the
 * option definitions of the first class that has its own. The phases themselves are the shared
 * {@link Classifier}'s.
 */
final class Classification4 {

    /** The classification's own lines (kea-dhcp4/-dhcp6 2.2 wrote EVAL_RESULT here; Kea 3 on dhcpsrv). */
    private static final Logger LOG = LoggerFactory.getLogger("kea-dhcp4.options");
    private static final Classifier CLASSIFIER = new Classifier(LOG, LoggerFactory.getLogger("kea-dhcp4.dhcpsrv"));

    private final ClassDictionary<Class4> dictionary;
    private final ClassSet classes = new ClassSet();
    private final byte[] vendorClass;
    private Query4View view;

    /** The query as the expressions read it (its classes so far). */
    Query4View view() {
        return view;
    }

    private Classification4(ClassDictionary<Class4> dictionary, byte[] vendorClass) {
        this.dictionary = dictionary;
        this.vendorClass = vendorClass;
    }

    /** Phases 1-3: ALL, VENDOR_CLASS_<option 60>, then the tests that need no host lookup. */
    static Classification4 early(Dhcp4Packet query, Received4 received, Dhcp4ServiceConfig config) {
        return early(query, received, config, List.of());
    }

    /**
     * @param preset classes libraries gave the query before classification (at buffer4_receive in
     *               Kea): BOOTP from the bootp library, HA_<server> from HA. They follow ALL. A BOOTP
     *               query reads as a DHCPREQUEST to the tests, as the bootp library makes it one.
     */
    static Classification4 early(Dhcp4Packet query, Received4 received, Dhcp4ServiceConfig config,
            List<String> preset) {
        Classification4 c = new Classification4(config.clientClasses(),
                query.options().peek(OptionCodes.VENDOR_CLASS_ID));
        boolean bootp = preset.contains(BuiltinClasses.BOOTP) && query.messageType().isEmpty();
        c.view = new Query4View(query, received, c.classes, config.optionDefinitions(), config.clientClasses(),
                bootp);
        if (!preset.isEmpty()) {
            c.classes.add(BuiltinClasses.ALL);
            preset.forEach(c.classes::add);
        }
        CLASSIFIER.early(c.dictionary, c.classes, c.view, c.vendorClass);
        return c;
    }

    /** A pkt4_receive callout replaced the query: later tests read the new one. */
    void rebind(Dhcp4Packet query, Received4 received, Dhcp4ServiceConfig config) {
        view = new Query4View(query, received, classes, config.optionDefinitions(), dictionary,
                contains(BuiltinClasses.BOOTP) && query.messageType().isEmpty());
    }

    /**
     * Phases 8-9, once a subnet is selected: the classes of the client's reservation there (or its
     * global one), KNOWN when it has a reservation in that subnet or another one of its shared
     * network it may use, else UNKNOWN, then the tests depending on them.
     *
     * @return whether the query is now in DROP
     */
    boolean afterHostLookup(Exchange ex, Subnet4 selected) {
        Optional<Reservation4> host = Hosts.find(ex.snap(), selected, ex.query());
        // KNOWN already: the early global reservations lookup found one (Kea keeps that host).
        boolean known = host.isPresent() || classes.contains(BuiltinClasses.KNOWN);
        for (Subnet4 s : ex.snap().candidates(selected)) {
            if (known) {
                break;
            }
            known = s != selected && s.admits(classes) && Hosts.find(ex.snap(), s, ex.query()).isPresent();
        }
        // Kea uses the reservation's classes now only when a global reservation has classes or the
        // subnet is in no shared network (where the allocation may still move to another subnet);
        // otherwise they join after the allocation (see additional). The classifier keeps the
        // classes no test gave (HA scopes, BOOTP, a hook's) when it evaluates around them.
        List<String> reserved = List.of();
        if (host.isPresent()) {
            boolean globalHasClasses = host.get().subnetId() == 0 ? !host.get().clientClasses().isEmpty()
                    : selected.reservationsGlobal() && Hosts.global(ex.snap(), ex.query())
                            .map(r -> !r.clientClasses().isEmpty()).orElse(false);
            if (globalHasClasses || selected.sharedNetworkName().isEmpty()) {
                reserved = host.get().clientClasses();
            }
        }
        boolean isKnown = known;
        // Kea's first line of two: the built-in class the host lookup gave, after the reserved
        // classes' tests are evaluated again and before the tests depending on it
        CLASSIFIER.afterHostLookup(dictionary, classes, view, known, reserved, () -> {
            if (ruru.dhcp4.log.Dhcp4Messages.DHCP4_CLASS_ASSIGNED.enabled()) {
                ruru.dhcp4.log.Dhcp4Messages.DHCP4_CLASS_ASSIGNED.log(ex.label(),
                        isKnown ? BuiltinClasses.KNOWN : BuiltinClasses.UNKNOWN);
            }
        });
        return dropped();
    }

    /**
     * Kea's early global reservations lookup ({@code early-global-reservations-lookup}), before
     * subnet selection: a global reservation's classes join (the tests are evaluated again around
     * them), then KNOWN and the classes depending on it, so subnet and shared-network guards can
     * use them.
     *
     * @return whether the query is now in DROP
     */
    boolean earlyGlobalLookup(Snapshot snap, Dhcp4Packet query) {
        Optional<Reservation4> host = Hosts.global(snap, query);
        if (host.isEmpty()) {
            return false;
        }
        CLASSIFIER.afterHostLookup(dictionary, classes, view, true, host.get().clientClasses());
        return dropped();
    }

    /**
     * Once the address is known: the classes of the client's reservation in the subnet that gave
     * it when that subnet is in a shared network (joined without evaluation, as Kea's
     * conditionallySetReservedClientClasses), then phase 11 (Kea 3.0's order): the additional
     * classes of the pool that gave the address, then of the subnet, then of its shared network.
     */
    void additional(Exchange ex, Subnet4 subnet, Optional<Pool4> pool) {
        reservedInSharedNetwork(ex, subnet);
        List<String> names = new ArrayList<>();
        pool.ifPresent(p -> names.addAll(p.classes().additional()));
        names.addAll(subnet.classes().additional());
        names.addAll(subnet.networkClasses().additional());
        if (!names.isEmpty()) {
            CLASSIFIER.additional(dictionary, classes, view, names.stream().distinct().toList());
        }
    }

    private void reservedInSharedNetwork(Exchange ex, Subnet4 subnet) {
        if (subnet.sharedNetworkName().isPresent()) {
            Hosts.find(ex.snap(), subnet, ex.query()).filter(h -> h.subnetId() != 0)
                    .ifPresent(h -> h.clientClasses().forEach(classes::add));
        }
    }

    boolean dropped() {
        return classes.contains(BuiltinClasses.DROP);
    }

    ClassSet classes() {
        return classes;
    }

    boolean contains(String name) {
        return classes.contains(name);
    }

    /** The classes as hook callouts see them (pkt4_receive may add some, as Kea's addClass). */
    ruru.hooks.QueryClasses forHooks() {
        return classes.forHooks();
    }

    /** The options of each class the query joined, in that order (classes without options left out). */
    List<List<OptionValue>> classOptions() {
        List<List<OptionValue>> out = new ArrayList<>();
        for (String name : classes) {
            ClientClass<Class4> c = dictionary.get(name);
            if (c != null && !c.payload().options().isEmpty()) {
                out.add(c.payload().options());
            }
        }
        return out;
    }

    /** The valid lifetime of the first class that sets one (Kea: it wins over the subnet's). */
    Optional<Triplet> validLifetime() {
        for (String name : classes) {
            ClientClass<Class4> c = dictionary.get(name);
            if (c != null && c.validLifetime().isPresent()) {
                return c.validLifetime();
            }
        }
        return Optional.empty();
    }

    /** Kea 3's offer-lifetime of the first class that sets one (it wins over the subnet's). */
    java.util.OptionalLong offerLifetime() {
        for (String name : classes) {
            ClientClass<Class4> c = dictionary.get(name);
            if (c != null && c.payload().offerLifetime().isPresent()) {
                return c.payload().offerLifetime();
            }
        }
        return java.util.OptionalLong.empty();
    }

    /** siaddr from the first class that sets next-server, else null. */
    Ipv4Address nextServer() {
        for (String name : classes) {
            ClientClass<Class4> c = dictionary.get(name);
            if (c != null && !c.payload().nextServer().isZero()) {
                return c.payload().nextServer();
            }
        }
        return null;
    }

    /** sname (true) or file from the first class that sets it, else "". */
    String bootField(boolean serverHostname) {
        for (String name : classes) {
            ClientClass<Class4> c = dictionary.get(name);
            if (c != null) {
                String v = serverHostname ? c.payload().serverHostname() : c.payload().bootFileName();
                if (!v.isEmpty()) {
                    return v;
                }
            }
        }
        return "";
    }

    /** The definitions to encode a reply with: the first member class's own, else the configuration's. */
    OptionDefinitions definitions(OptionDefinitions base) {
        for (String name : classes) {
            ClientClass<Class4> c = dictionary.get(name);
            if (c != null && c.payload().ownDefinitions()) {
                return c.payload().definitions();
            }
        }
        return base;
    }

    @Override
    public String toString() {
        return classes.toString();
    }
}
