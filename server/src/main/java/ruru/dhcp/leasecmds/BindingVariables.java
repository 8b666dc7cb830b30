package ruru.dhcp.leasecmds;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import ruru.classify.expr.Expression;
import ruru.classify.expr.ExpressionEnvironment;
import ruru.classify.expr.ExpressionException;
import ruru.classify.expr.PacketView;
import ruru.classify.expr.Universe;
import ruru.json.Element;
import ruru.json.Json;
import ruru.json.JsonException;
import ruru.json.ListElement;
import ruru.json.MapElement;
import ruru.json.ParseOptions;
import ruru.json.Position;
import ruru.json.StringElement;

/**
 * Kea 3's {@code binding-variables} of {@code libdhcp_lease_cmds.so} (Kea 2.2 has none: Kea 3's
 * source is the reference), for either family: named string expressions evaluated against the
 * query or the response when a lease is offered (DHCPv4 with {@code offer-lifetime}) or committed,
 * whose values the lease keeps in its user-context under {@code ISC} → {@code binding-variables}.
 * Immutable; compiled once per library load.
 *
 * <p>As Kea 3: a variable whose name is already taken is silently left out (the first stays), a
 * value is the expression's string (an empty string too), a lease whose stored values are already
 * equal is not written again, and with no variable configured a lease keeps whatever values it has.
 */
public final class BindingVariables {

    /** The packet a variable is evaluated against. */
    public enum Source {
        QUERY, RESPONSE
    }

    /** One variable: its name, its compiled expression and its packet. */
    public record Variable(String name, Expression expression, Source source) {
    }

    /** A configuration refused, with Kea 3's text. */
    public static final class BindingVariablesException extends Exception {
        private static final long serialVersionUID = 1L;

        BindingVariablesException(String message) {
            super(message);
        }
    }

    public static final BindingVariables NONE = new BindingVariables(List.of());

    private static final String KEY = "binding-variables";

    private final List<Variable> variables;

    private BindingVariables(List<Variable> variables) {
        this.variables = List.copyOf(variables);
    }

    public List<Variable> variables() {
        return variables;
    }

    public boolean isEmpty() {
        return variables.isEmpty();
    }

    /**
     * Kea 3's BindingVariableMgr::configure over the library's {@code parameters}.
     *
     * @param optionNames top-level option codes by name, for {@code option[name]}
     */
    public static BindingVariables parse(MapElement parameters, Universe universe,
                                         Function<String, OptionalInt> optionNames) throws BindingVariablesException {
        Element list = parameters.find(KEY).orElse(null);
        if (list == null) {
            return NONE;
        }
        if (!(list instanceof ListElement l)) {
            throw new BindingVariablesException("'binding-variables' must be a list");
        }
        ExpressionEnvironment env = new ExpressionEnvironment() {
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
                // Kea's EvalContext without a check function accepts any class name
                return true;
            }
        };
        List<Variable> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Element item : l.items()) {
            Variable v;
            try {
                v = variable(item, env, universe);
            } catch (BindingVariablesException e) {
                throw new BindingVariablesException("cannot add BindingVariable to cache: " + e.getMessage());
            }
            // Kea's cache refuses a second variable of a name and configure() ignores that
            if (names.add(v.name())) {
                out.add(v);
            }
        }
        return out.isEmpty() ? NONE : new BindingVariables(out);
    }

    /** Kea 3's BindingVariable::parse: keywords and types, the three strings, source, then the expression. */
    private static Variable variable(Element item, ExpressionEnvironment env, Universe universe)
            throws BindingVariablesException {
        if (!(item instanceof MapElement m)) {
            throw new BindingVariablesException("mapValue() called on non-map Element in (" + item.position() + ")");
        }
        String spurious = null;
        for (Map.Entry<String, Element> e : new TreeMap<>(m.entries()).entrySet()) {
            if (!e.getKey().equals("name") && !e.getKey().equals("expression") && !e.getKey().equals("source")) {
                spurious = spurious == null ? e.getKey() : spurious;
                continue;
            }
            if (!(e.getValue() instanceof StringElement)) {
                throw new BindingVariablesException("'" + e.getKey() + "' parameter is not a string ("
                        + e.getValue().position() + ")");
            }
        }
        if (spurious != null) {
            throw new BindingVariablesException("spurious '" + spurious + "' parameter");
        }
        String name = mandatory(m, "name");
        String expression = mandatory(m, "expression");
        String sourceText = mandatory(m, "source");
        Source source = switch (sourceText) {
            case "query" -> Source.QUERY;
            case "response" -> Source.RESPONSE;
            default -> throw new BindingVariablesException("invalid config: invalid source '" + sourceText
                    + "', must be either 'query' or 'response'");
        };
        if (name.isEmpty()) {
            throw new BindingVariablesException("invalid config: BindingVariable - name cannot be empty");
        }
        if (expression.isEmpty()) {
            throw new BindingVariablesException("invalid config: BindingVariable - '" + name
                    + "' expression_str cannot be empty");
        }
        try {
            return new Variable(name, Expression.string(expression, env), source);
        } catch (ExpressionException e) {
            throw new BindingVariablesException("invalid config: BindingVariable - '" + name
                    + "', error parsing expression: '" + expression + "' : " + e.getMessage());
        }
    }

    private static String mandatory(MapElement m, String key) throws BindingVariablesException {
        Element e = m.find(key).orElse(null);
        if (e == null) {
            throw new BindingVariablesException("missing parameter '" + key + "' (" + m.position() + ")");
        }
        return ((StringElement) e).value();
    }

    /**
     * Kea 3's evaluateVariables and Lease::updateUserContextISC: the lease's user-context with
     * {@code ISC.binding-variables} set to this evaluation, or {@code userContext} itself (the same
     * reference) when nothing is configured or the stored values are already these.
     *
     * @throws RuntimeException when an expression cannot be evaluated on its packet (Kea: "expression
     *                          blew up"); the lease is then left as it is
     */
    public String apply(String userContext, PacketView query, PacketView response) {
        if (variables.isEmpty()) {
            return userContext;
        }
        // Kea's maps print their keys sorted
        TreeMap<String, Element> values = new TreeMap<>();
        for (Variable v : variables) {
            byte[] value = v.expression().evaluate(v.source() == Source.QUERY ? query : response);
            values.put(v.name(), new StringElement(new String(value, StandardCharsets.UTF_8), Position.NONE));
        }
        MapElement fresh = new MapElement(values, Position.NONE);
        MapElement context = context(userContext);
        MapElement isc = context.find("ISC").filter(MapElement.class::isInstance).map(MapElement.class::cast)
                .orElse(MapElement.empty());
        if (fresh.equals(isc.find(KEY).orElse(null))) {
            return userContext;
        }
        return Json.toCompact(context.with("ISC", isc.with(KEY, fresh)));
    }

    /** A lease's user-context text as a map (empty when there is none or it is not a map). */
    public static MapElement context(String text) {
        if (text == null || text.isBlank()) {
            return MapElement.empty();
        }
        try {
            return Json.parse(text, ParseOptions.string()) instanceof MapElement m ? m : MapElement.empty();
        } catch (JsonException e) {
            return MapElement.empty();
        }
    }
}
