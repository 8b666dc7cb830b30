package ruru.ddns.d2.config;

import java.util.List;
import java.util.Locale;

/**
 * A zone D2 updates ({@code forward-ddns} or {@code reverse-ddns}), with its DNS servers in the
 * order they are tried. {@code *} is the wildcard domain.
 *
 * @param name the zone as configured; {@link #zone()} is its absolute form used as the update's ZONE
 */
public record DdnsDomain(String name, List<DnsServerSpec> servers) {

    public static final String WILDCARD = "*";

    public DdnsDomain {
        servers = List.copyOf(servers);
    }

    public boolean isWildcard() {
        return name.equals(WILDCARD);
    }

    /** The zone name, absolute and lower case, for matching and for the ZONE section. */
    public String zone() {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower : lower + ".";
    }
}
