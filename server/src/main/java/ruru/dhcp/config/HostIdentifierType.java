package ruru.dhcp.config;

import java.util.List;
import java.util.Optional;

/** The identifiers a host reservation can be keyed on, with Kea's configuration names. */
public enum HostIdentifierType {
    HW_ADDRESS("hw-address"),
    DUID("duid"),
    CIRCUIT_ID("circuit-id"),
    CLIENT_ID("client-id"),
    FLEX_ID("flex-id");

    /** Kea's {@code host-reservation-identifiers} default for DHCPv4 (flex-id needs its hook). */
    public static final List<HostIdentifierType> KEA_DEFAULT = List.of(HW_ADDRESS, DUID, CIRCUIT_ID, CLIENT_ID);

    private final String keaName;

    HostIdentifierType(String keaName) {
        this.keaName = keaName;
    }

    public String keaName() {
        return keaName;
    }

    public static Optional<HostIdentifierType> byKeaName(String name) {
        for (HostIdentifierType t : values()) {
            if (t.keaName.equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
