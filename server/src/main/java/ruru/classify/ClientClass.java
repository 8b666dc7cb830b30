package ruru.classify;

import java.util.Objects;
import java.util.Optional;

import ruru.classify.expr.Expression;
import ruru.json.MapElement;

/**
 * One {@code client-classes} entry, compiled. What only one address family has (DHCPv4 options,
 * option definitions and boot fields; DHCPv6 options) is the payload {@code P}.
 *
 * @param test           the membership test; absent: never a member by evaluation (only through a
 *                       reservation, an additional-classes list or a hook)
 * @param templateTest   a template class's string expression, spawning {@code SPAWN_<name>_<value>}
 * @param additional     {@code only-in-additional-list} (2.2: {@code only-if-required}): evaluated
 *                       only when a pool, subnet or shared network lists it
 * @param dependsOnKnown the test uses KNOWN or UNKNOWN (directly or through classes that do), so
 *                       it is evaluated after the host reservation lookup
 * @param definition     the entry as configured (config-get, class-get)
 */
public record ClientClass<P>(String name, Optional<Expression> test, Optional<Expression> templateTest,
        boolean additional, boolean dependsOnKnown, Optional<Triplet> validLifetime,
        Optional<Triplet> preferredLifetime, P payload, MapElement definition) {

    public ClientClass {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(templateTest, "templateTest");
        Objects.requireNonNull(validLifetime, "validLifetime");
        Objects.requireNonNull(preferredLifetime, "preferredLifetime");
        Objects.requireNonNull(definition, "definition");
    }

    /** The expression evaluated for membership (the test or the template test), if any. */
    public Optional<Expression> expression() {
        return test.isPresent() ? test : templateTest;
    }
}
