package ruru.classify.expr;

import java.util.Objects;
import java.util.Set;

/**
 * A compiled Kea expression: a class {@code test} (boolean) or a {@code template-test} (string).
 * Compiled once per configuration, evaluated on every packet; immutable and thread-safe. With
 * {@code kea-dhcp4.eval} (or {@code kea-dhcp6.eval}) at debug level 55 each token's evaluation is
 * traced as Kea 2.2 traces it.
 */
public final class Expression {

    private final String text;
    private final Nodes.Bool bool;
    private final Nodes.Str string;
    private final Set<String> members;
    private final EvalTrace trace;

    private Expression(String text, Nodes.Bool bool, Nodes.Str string, Set<String> members, EvalTrace trace) {
        this.trace = trace;
        this.text = text;
        this.bool = bool;
        this.string = string;
        this.members = members;
    }

    /** A boolean expression, as a class {@code test}. */
    public static Expression bool(String text, ExpressionEnvironment env) throws ExpressionException {
        Parser.Result r = Parser.parse(Objects.requireNonNull(text, "text"), true, env);
        return new Expression(text, (Nodes.Bool) r.node(), null, r.members(), EvalTrace.of(env.universe()));
    }

    /** A string expression, as a {@code template-test} (or a flex-option value). */
    public static Expression string(String text, ExpressionEnvironment env) throws ExpressionException {
        Parser.Result r = Parser.parse(Objects.requireNonNull(text, "text"), false, env);
        return new Expression(text, null, (Nodes.Str) r.node(), r.members(), EvalTrace.of(env.universe()));
    }

    public boolean isBoolean() {
        return bool != null;
    }

    /** The source text. */
    public String text() {
        return text;
    }

    /** The classes named in {@code member()}, to order evaluation (KNOWN/UNKNOWN dependencies). */
    public Set<String> members() {
        return members;
    }

    /**
     * @throws EvalException when the packet's data does not fit an operator (Kea's EvalTypeError)
     */
    public boolean test(PacketView packet) {
        if (bool == null) {
            throw new IllegalStateException("a string expression has no truth value: " + text);
        }
        // one cached level check: the traced walk (Kea 2.2's EVAL_DEBUG_* lines) only at debug level 55
        return trace.on() ? bool.traced(packet, trace) : bool.test(packet);
    }

    /** The value of a string expression; never modify the returned bytes. */
    public byte[] evaluate(PacketView packet) {
        if (string == null) {
            throw new IllegalStateException("a boolean expression has no string value: " + text);
        }
        return trace.on() ? string.traced(packet, trace) : string.eval(packet);
    }

    @Override
    public String toString() {
        return text;
    }
}
