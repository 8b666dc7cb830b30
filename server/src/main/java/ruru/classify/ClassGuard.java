package ruru.classify;

import java.util.List;

/**
 * The class settings of a shared network, subnet or pool: who may use it ({@code client-classes},
 * Kea 3.0's list, of which one membership suffices; Kea 2.2's single {@code client-class} reads
 * as a list of one) and which classes are evaluated once it is used
 * ({@code evaluate-additional-classes}, 2.2's {@code require-client-classes}).
 */
public record ClassGuard(List<String> allowed, List<String> additional) {

    public static final ClassGuard OPEN = new ClassGuard(List.of(), List.of());

    public ClassGuard {
        allowed = List.copyOf(allowed);
        additional = List.copyOf(additional);
    }

    /** An empty list lets everyone in. */
    public boolean admits(ClassSet classes) {
        return allowed.isEmpty() || classes.containsAny(allowed);
    }
}
