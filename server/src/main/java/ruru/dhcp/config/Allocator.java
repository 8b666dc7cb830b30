package ruru.dhcp.config;

import java.util.Optional;

/** How a pool picks the next free address or prefix (Kea's {@code allocator}, {@code pd-allocator}). */
public enum Allocator {
    ITERATIVE("iterative"),
    RANDOM("random");

    private final String keaName;

    Allocator(String keaName) {
        this.keaName = keaName;
    }

    public String keaName() {
        return keaName;
    }

    public static Optional<Allocator> byKeaName(String name) {
        for (Allocator a : values()) {
            if (a.keaName.equals(name)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
