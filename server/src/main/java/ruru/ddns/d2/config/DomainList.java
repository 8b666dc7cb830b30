package ruru.ddns.d2.config;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The forward or reverse domains, and Kea's matching rule ({@code DdnsDomainListMgr::matchDomain}):
 * the longest domain that is the name itself or a label-boundary suffix of it, case-insensitively;
 * the wildcard {@code *} when nothing else matches. An empty list disables the direction.
 */
public record DomainList(List<DdnsDomain> domains) {

    public static final DomainList EMPTY = new DomainList(List.of());

    public DomainList {
        domains = List.copyOf(domains);
    }

    public boolean isEmpty() {
        return domains.isEmpty();
    }

    public Optional<DdnsDomain> match(String fqdn) {
        String name = fqdn.toLowerCase(Locale.ROOT);
        if (!name.endsWith(".")) {
            name = name + ".";
        }
        DdnsDomain best = null;
        DdnsDomain wildcard = null;
        for (DdnsDomain d : domains) {
            if (d.isWildcard()) {
                wildcard = d;
                continue;
            }
            String zone = d.zone();
            boolean matches = name.equals(zone) || zone.equals(".")
                    || (name.endsWith(zone) && name.charAt(name.length() - zone.length() - 1) == '.');
            if (matches && (best == null || zone.length() > best.zone().length())) {
                best = d;
            }
        }
        return Optional.ofNullable(best != null ? best : wildcard);
    }
}
