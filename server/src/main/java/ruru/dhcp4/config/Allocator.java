package ruru.dhcp4.config;

import java.util.Optional;

/** How a subnet picks the next free address (Kea's {@code allocator}; "flq" is refused by the schema). */
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
