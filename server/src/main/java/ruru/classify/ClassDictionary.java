package ruru.classify;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The configured classes in configuration order, immutable, found by name. Evaluation walks them
 * in order; options and other class data are found by name for each class a packet joined.
 */
public final class ClassDictionary<P> {

    private static final ClassDictionary<?> EMPTY = new ClassDictionary<>(List.of());

    private final List<ClientClass<P>> classes;
    private final Map<String, ClientClass<P>> byName = new HashMap<>();
    private final boolean anyTest;

    public ClassDictionary(List<ClientClass<P>> classes) {
        this.classes = List.copyOf(classes);
        boolean tests = false;
        for (ClientClass<P> c : this.classes) {
            byName.put(c.name(), c);
            tests |= c.expression().isPresent();
        }
        this.anyTest = tests;
    }

    @SuppressWarnings("unchecked")
    public static <P> ClassDictionary<P> empty() {
        return (ClassDictionary<P>) EMPTY;
    }

    public List<ClientClass<P>> all() {
        return classes;
    }

    public Optional<ClientClass<P>> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The definition, or null (packet path: no Optional). */
    public ClientClass<P> get(String name) {
        return byName.get(name);
    }

    public boolean isEmpty() {
        return classes.isEmpty();
    }

    /** Whether any class has something to evaluate (else classification is ALL and vendor class only). */
    public boolean hasExpressions() {
        return anyTest;
    }

    /** Whether a name may be used in member() or guards: defined here or built in. */
    public boolean isDefined(String name) {
        return byName.containsKey(name) || BuiltinClasses.isBuiltIn(name);
    }
}
