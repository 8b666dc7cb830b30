package ruru.dhcp6.config;

import java.util.List;
import java.util.Optional;

/**
 * Where the server may learn a DHCPv6 client's hardware address ({@code mac-sources}), in Kea's
 * names; {@code code} is Kea's {@code HWAddr::HWADDR_SOURCE_*} bit, written in the lease file's
 * {@code hwaddr_source} column.
 */
public enum MacSource {
    RAW(1, "raw"),
    DUID(2, "duid"),
    IPV6_LINK_LOCAL(4, "ipv6-link-local"),
    CLIENT_LINK_ADDR_OPTION(8, "client-link-addr-option", "rfc6939"),
    REMOTE_ID(16, "remote-id", "rfc4649"),
    SUBSCRIBER_ID(32, "subscriber-id", "rfc4580"),
    DOCSIS_CMTS(64, "docsis-cmts"),
    DOCSIS_MODEM(128, "docsis-modem");

    /** Kea's "any": every source, in this order. */
    public static final List<MacSource> ANY = List.of(values());

    private final int code;
    private final List<String> names;

    MacSource(int code, String... names) {
        this.code = code;
        this.names = List.of(names);
    }

    public int code() {
        return code;
    }

    public String keaName() {
        return names.getFirst();
    }

    public static Optional<MacSource> byKeaName(String name) {
        for (MacSource s : values()) {
            if (s.names.contains(name)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
