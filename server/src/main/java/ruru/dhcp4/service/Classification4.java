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

    /** Kea logs EVAL_RESULT on its options logger. */
    private static final Logger LOG = LoggerFactory.getLogger("kea-dhcp4.options");
    private static final Classifier CLASSIFIER = new Classifier(LOG);

    private final ClassDictionary<Class4> dictionary;
    private final ClassSet classes = new ClassSet();
    private final byte[] vendorClass;
    private Query4View view;
    private List<String> preset = List.of();

    private Classification4(ClassDictionary<Class4> dictionary, byte[] vendorClass) {
        this.dictionary = dictionary;
        this.vendorClass = vendorClass;
    }

    /**
     * Phases 1-3: ALL, VENDOR_CLASS_<option 60>, then the tests that need no host lookup.
     * {@code preset} are classes a library gave the query before (HA's {@code HA_<server>}).
     */
    static Classification4 early(Dhcp4Packet query, Received4 received, Dhcp4ServiceConfig config,
                                 List<String> preset) {
        Classification4 c = new Classification4(config.clientClasses(),
                query.options().peek(OptionCodes.VENDOR_CLASS_ID));
        c.preset = preset;
        preset.forEach(c.classes::add);
        c.view = new Query4View(query, received, c.classes, config.optionDefinitions(), config.clientClasses());
        CLASSIFIER.early(c.dictionary, c.classes, c.view, c.vendorClass);
        return c;
    }

    /** A pkt4_receive callout replaced the query: later tests read the new one. */
    void rebind(Dhcp4Packet query, Received4 received, Dhcp4ServiceConfig config) {
        view = new Query4View(query, received, classes, config.optionDefinitions(), dictionary);
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
        boolean known = host.isPresent();
        for (Subnet4 s : ex.snap().candidates(selected)) {
            if (known) {
                break;
            }
            known = s != selected && s.admits(classes) && Hosts.find(ex.snap(), s, ex.query()).isPresent();
        }
        List<String> reserved = host.map(Reservation4::clientClasses).orElse(List.of());
        // the classifier rebuilds the set around reserved classes: the preset ones (HA scopes) stay in it
        List<String> kept = reserved.isEmpty() || preset.isEmpty() ? reserved
                : java.util.stream.Stream.concat(preset.stream(), reserved.stream()).toList();
        CLASSIFIER.afterHostLookup(dictionary, classes, view, vendorClass, known, kept);
        return dropped();
    }

    /**
     * Phase 11 (Kea 3.0's order): the additional classes of the pool that gave the address, then
     * of the subnet, then of its shared network.
     */
    void additional(Subnet4 subnet, Optional<Pool4> pool) {
        List<String> names = new ArrayList<>();
        pool.ifPresent(p -> names.addAll(p.classes().additional()));
        names.addAll(subnet.classes().additional());
        names.addAll(subnet.networkClasses().additional());
        if (!names.isEmpty()) {
            CLASSIFIER.additional(dictionary, classes, view, names.stream().distinct().toList());
        }
    }

    boolean dropped() {
        return classes.contains(BuiltinClasses.DROP);
    }

    ClassSet classes() {
        return classes;
    }

    /** BOOTP as Kea's bootp hook library classifies it: a query without a DHCP message type. */
    void bootp() {
        classes.add(BuiltinClasses.BOOTP);
    }

    boolean contains(String name) {
        return classes.contains(name);
    }

    /** The classes as hook callouts see them (pkt4_receive may add some, as Kea's addClass). */
    ruru.hooks.QueryClasses forHooks() {
        return new ruru.hooks.QueryClasses() {
            @Override
            public boolean contains(String name) {
                return classes.contains(name);
            }

            @Override
            public boolean add(String name) {
                return classes.add(java.util.Objects.requireNonNull(name, "name"));
            }

            @Override
            public List<String> names() {
                return classes.snapshot();
            }
        };
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
