package ruru.classify;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

import ruru.classify.expr.Expression;
import ruru.classify.expr.ExpressionEnvironment;
import ruru.classify.expr.ExpressionException;
import ruru.classify.expr.Universe;
import ruru.daemon.config.ConfigException;
import ruru.json.Element;
import ruru.json.MapElement;
import ruru.json.Position;

/**
 * Kea's {@code client-classes} list, the part both address families share, with Kea's texts and in
 * Kea's order of checks: the name, the test (a class may only use {@code member()} of classes
 * defined above it, or built in), the family's own keys (the {@link PayloadParser}), lifetimes,
 * the additional-only flag, the built-in class rules, then uniqueness. A class depends on
 * KNOWN/UNKNOWN when its test names them or a class that does.
 */
public final class ClassDefinitionParser<P> {

    /** The family's part of a class definition (options, option definitions, boot fields). */
    @FunctionalInterface
    public interface PayloadParser<P> {
        P parse(MapElement definition) throws ConfigException;
    }

    private final Universe universe;
    private final Function<String, OptionalInt> optionNames;
    private final PayloadParser<P> payloads;
    private final boolean preferredLifetime;

    /**
     * @param optionNames top-level option codes by name (standard and {@code option-def})
     */
    public ClassDefinitionParser(Universe universe, Function<String, OptionalInt> optionNames,
            PayloadParser<P> payloads) {
        this.universe = universe;
        this.optionNames = optionNames;
        this.payloads = payloads;
        this.preferredLifetime = universe == Universe.V6;
    }

    public ClassDictionary<P> parse(List<MapElement> definitions) throws ConfigException {
        List<ClientClass<P>> out = new ArrayList<>();
        Map<String, ClientClass<P>> byName = new HashMap<>();
        for (MapElement m : definitions) {
            ClientClass<P> c = parse(m, byName);
            if (byName.putIfAbsent(c.name(), c) != null) {
                throw new ConfigException(m.position(), "Can't add class: Client Class: " + c.name()
                        + " has already been defined");
            }
            out.add(c);
        }
        return new ClassDictionary<>(out);
    }

    /**
     * One definition checked against the classes defined before it (class-add and class-update
     * check a new definition this way against the dictionary in force).
     */
    public ClientClass<P> parse(MapElement m, Map<String, ClientClass<P>> earlier) throws ConfigException {
        Element nameElement = m.get("name");
        if (nameElement == null) {
            throw new ConfigException(m.position(), "missing parameter 'name'");
        }
        String name = nameElement.asString().orElseThrow();
        if (name.isEmpty()) {
            // Kea's text, its missing "(" included.
            throw new ConfigException("not empty parameter 'name' is required " + nameElement.position() + ")");
        }
        boolean[] dependsOnKnown = new boolean[1];
        ExpressionEnvironment env = environment(earlier, dependsOnKnown);
        Optional<Element> testElement = m.find("test");
        Optional<Element> templateElement = m.find("template-test");
        if (testElement.isPresent() && templateElement.isPresent()) {
            throw new ConfigException(m.position(), "can not use both 'test' and 'template-test' ("
                    + testElement.get().position() + ") and (" + templateElement.get().position() + ")");
        }
        Optional<Expression> test = Optional.empty();
        Optional<Expression> template = Optional.empty();
        if (testElement.isPresent()) {
            test = Optional.of(expression(testElement.get(), true, env));
        }
        if (templateElement.isPresent()) {
            template = Optional.of(expression(templateElement.get(), false, env));
        }
        P payload = payloads.parse(m);
        Optional<Triplet> valid = Triplet.parse(m, "valid-lifetime");
        Optional<Triplet> preferred = preferredLifetime ? Triplet.parse(m, "preferred-lifetime") : Optional.empty();
        if (m.has("only-if-required") && m.has("only-in-additional-list")) {
            throw new ConfigException(m.position(), "cannot specify both 'only-if-required' and "
                    + "'only-in-additional-list'. Use only the latter.");
        }
        boolean additional = flag(m, "only-if-required") || flag(m, "only-in-additional-list");
        if (BuiltinClasses.testForbidden(name)) {
            if (additional) {
                throw new ConfigException("built-in class '" + name + "' only-if-required flag must be false");
            }
            if (test.isPresent() || template.isPresent()) {
                throw new ConfigException("built-in class '" + name + "' test expression must be empty");
            }
        }
        if (name.equals(BuiltinClasses.DROP) && additional) {
            throw new ConfigException("special class '" + name + "' only-if-required flag must be false");
        }
        return new ClientClass<>(name, test, template, additional, dependsOnKnown[0], valid, preferred, payload, m);
    }

    private static boolean flag(MapElement m, String key) {
        return m.find(key).flatMap(Element::asBoolean).orElse(false);
    }

    /** Kea's ExpressionParser: the text, Kea's error and the position of the expression. */
    private static Expression expression(Element e, boolean bool, ExpressionEnvironment env) throws ConfigException {
        String text = e.asString().orElseThrow();
        try {
            return bool ? Expression.bool(text, env) : Expression.string(text, env);
        } catch (ExpressionException ex) {
            throw new ConfigException("expression: [" + text + "] error: " + ex.getMessage() + " at ("
                    + positionText(e.position()) + ")");
        }
    }

    private static String positionText(Position p) {
        return p.toString();
    }

    /**
     * Kea's isClientClassDefined: built in, or defined above; naming KNOWN or UNKNOWN, or a class
     * that depends on them, makes this class depend on them.
     */
    private ExpressionEnvironment environment(Map<String, ClientClass<P>> earlier, boolean[] dependsOnKnown) {
        return new ExpressionEnvironment() {
            @Override
            public Universe universe() {
                return universe;
            }

            @Override
            public OptionalInt optionCode(String name) {
                return optionNames.apply(name);
            }

            @Override
            public boolean classDefined(String name) {
                if (BuiltinClasses.isBuiltIn(name)) {
                    if (name.equals(BuiltinClasses.KNOWN) || name.equals(BuiltinClasses.UNKNOWN)) {
                        dependsOnKnown[0] = true;
                    }
                    return true;
                }
                ClientClass<P> c = earlier.get(name);
                if (c == null) {
                    return false;
                }
                dependsOnKnown[0] |= c.dependsOnKnown();
                return true;
            }
        };
    }
}
