package ruru.classify.expr;

import java.util.OptionalInt;

/**
 * What compiling an expression needs to know of its configuration: the address family, option
 * names (standard, {@code option-def} and last-resort definitions of the top-level space) and which
 * client classes are defined so far (built-in ones included), since {@code member()} may only
 * name a class defined above the one being compiled.
 */
public interface ExpressionEnvironment {

    Universe universe();

    /** The code of a top-level option by name, if some definition has it. */
    OptionalInt optionCode(String name);

    /** Whether {@code member(name)} may be used here. */
    boolean classDefined(String name);
}
