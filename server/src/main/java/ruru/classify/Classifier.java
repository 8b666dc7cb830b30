package ruru.classify;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;

import ruru.classify.expr.EvalException;
import ruru.classify.expr.Expression;
import ruru.classify.expr.PacketView;
import ruru.daemon.logging.KeaMarker;
import ruru.daemon.logging.KeaMessage;

/**
 * Kea's classification phases, the same for both address families (the packet views differ):
 * <ol>
 * <li>{@link #early}: {@code ALL}, the vendor class, then every class with a test in
 * configuration order, except additional-only ones and those depending on KNOWN/UNKNOWN;</li>
 * <li>{@link #afterHostLookup}: the reservation's classes, {@code KNOWN} or {@code UNKNOWN}, then
 * the classes depending on them;</li>
 * <li>{@link #additional}: the {@code evaluate-additional-classes} of the pool, subnet and shared
 * network used, in that order (a class without a test simply joins).</li>
 * </ol>
 * A template class whose expression yields a non-empty value S adds {@code SPAWN_<name>_S}, then
 * itself. A test that cannot be evaluated (Kea's EvalTypeError) leaves the class out and is logged.
 */
public final class Classifier {

    /**
     * Kea 3's lines of a class's evaluation (libkea-dhcpsrv, on the daemon's dhcpsrv logger), which
     * replace Kea 2.2's EVAL_RESULT (INFO when true, debug 50 when false, on kea-dhcp4.options /
     * kea-dhcp6.dhcp6): the result of a test at debug level 50 whatever it is, an error at ERROR,
     * a template class's value likewise. Texts of Kea 3's message manual (ClassifierResultsTest).
     */
    public static final String EVAL_RESULT = "DHCPSRV_EVAL_RESULT";
    public static final String EVAL_ERROR = "DHCPSRV_EVAL_ERROR";
    public static final String TEMPLATE_EVAL_RESULT = "DHCPSRV_TEMPLATE_EVAL_RESULT";
    public static final String TEMPLATE_EVAL_ERROR = "DHCPSRV_TEMPLATE_EVAL_ERROR";
    /** The text of all four. */
    public static final String RESULT_TEXT = "%1: Expression '%2' evaluated to %3";

    /** Kea's debug level of the results (DBG_DHCP4_DETAIL). */
    private static final KeaMarker RESULT = KeaMarker.debug(50);

    private final Logger log;
    private final Logger results;

    /**
     * @param log the daemon's logger of its own classification lines
     * @param results the daemon's dhcpsrv logger, where Kea 3 writes the evaluations' results
     */
    public Classifier(Logger log, Logger results) {
        this.log = log;
        this.results = results;
    }

    public <P> void early(ClassDictionary<P> dict, ClassSet set, PacketView packet, byte[] vendorClass) {
        set.add(BuiltinClasses.ALL);
        if (vendorClass != null) {
            set.add(BuiltinClasses.VENDOR_CLASS + new String(vendorClass, StandardCharsets.ISO_8859_1));
        }
        evaluate(dict, set, packet, false);
    }

    /**
     * After the host reservation lookup: {@code reserved} holds the reservation's classes (empty
     * without one), which Kea puts after the classes no test gave and before the evaluated ones:
     * those are evaluated again, so a test such as {@code not member('x')} sees a reserved {@code x}.
     */
    public <P> void afterHostLookup(ClassDictionary<P> dict, ClassSet set, PacketView packet, boolean known,
            List<String> reserved) {
        afterHostLookup(dict, set, packet, known, reserved, () -> { });
    }

    /** As above, {@code beforeKnown} run after the reserved classes' re-evaluation, before KNOWN/UNKNOWN joins. */
    public <P> void afterHostLookup(ClassDictionary<P> dict, ClassSet set, PacketView packet, boolean known,
            List<String> reserved, Runnable beforeKnown) {
        if (!reserved.isEmpty()) {
            // Kea's removeDependentEvaluatedClasses: the classes tests gave go; the others (ALL,
            // VENDOR_CLASS_, a hook's, BOOTP, HA's) stay where they are, the reserved ones follow.
            List<String> kept = new ArrayList<>();
            for (String name : set) {
                if (!fromTest(dict, name)) {
                    kept.add(name);
                }
            }
            set.clear();
            kept.forEach(set::add);
            for (String r : reserved) {
                set.add(r);
            }
            evaluate(dict, set, packet, false);
        }
        beforeKnown.run();
        set.add(known ? BuiltinClasses.KNOWN : BuiltinClasses.UNKNOWN);
        evaluate(dict, set, packet, true);
    }

    /** Whether the early phase can have added this class (a test or template class, or a spawned one). */
    private static <P> boolean fromTest(ClassDictionary<P> dict, String name) {
        if (name.startsWith(BuiltinClasses.SPAWN)) {
            return true;
        }
        ClientClass<P> c = dict.get(name);
        return c != null && !c.additional() && !c.dependsOnKnown() && c.expression().isPresent();
    }

    public <P> void additional(ClassDictionary<P> dict, ClassSet set, PacketView packet, List<String> names) {
        for (String name : names) {
            ClientClass<P> c = dict.get(name);
            if (c == null) {
                log.debug("DHCP_ADDITIONAL_CLASS_UNDEFINED additional class {} has no definition", name);
                continue;
            }
            if (c.expression().isEmpty()) {
                set.add(name);
                continue;
            }
            test(c, set, packet);
        }
    }

    private <P> void evaluate(ClassDictionary<P> dict, ClassSet set, PacketView packet, boolean dependsOnKnown) {
        if (!dict.hasExpressions()) {
            return;
        }
        List<ClientClass<P>> all = dict.all();
        for (int i = 0, n = all.size(); i < n; i++) {
            ClientClass<P> c = all.get(i);
            if (c.additional() || c.dependsOnKnown() != dependsOnKnown || c.expression().isEmpty()) {
                continue;
            }
            test(c, set, packet);
        }
    }

    private <P> void test(ClientClass<P> c, ClassSet set, PacketView packet) {
        Expression e = c.expression().get();
        boolean template = c.templateTest().isPresent();
        try {
            if (template) {
                byte[] value = e.evaluate(packet);
                if (results.isDebugEnabled(RESULT)) {
                    results.debug(RESULT, result(TEMPLATE_EVAL_RESULT, packet, c.name(),
                            new String(value, StandardCharsets.ISO_8859_1)));
                }
                if (value.length > 0) {
                    set.add(BuiltinClasses.spawned(c.name(), new String(value, StandardCharsets.ISO_8859_1)));
                    set.add(c.name());
                }
                return;
            }
            boolean member = e.test(packet);
            // Kea 3: the result at debug level 50, true or false (kea-dhcp4/-dhcp6 2.2 wrote EVAL_RESULT,
            // a match at INFO, the bool as 1 or 0)
            if (results.isDebugEnabled(RESULT)) {
                results.debug(RESULT, result(EVAL_RESULT, packet, c.name(), member));
            }
            if (member) {
                set.add(c.name());
            }
        } catch (EvalException ex) {
            results.error(result(template ? TEMPLATE_EVAL_ERROR : EVAL_ERROR, packet, c.name(), ex.getMessage()));
        }
    }

    /** One of Kea 3's result lines: the query's label, the class, the value. */
    private static String result(String id, PacketView packet, String name, Object value) {
        return id + " " + KeaMessage.format(RESULT_TEXT, packet.label(), name, value);
    }
}
