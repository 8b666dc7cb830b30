package ruru.ddns.names;

import java.util.Optional;

/**
 * Kea's client name processing (Dhcpv4Srv::processClientFqdnOption / processHostnameOption and
 * Dhcpv6Srv::processClientFqdn, FACTS 11.2), one implementation for both families: the S/O/N flag
 * logic of RFC 4702/4704, replace modes, generated names, qualifying suffix, sanitizing, and a
 * reserved hostname winning over the client's. A reserved hostname is qualified and lower-cased but
 * never sanitized: {@code hostname-char-set} scrubs only what clients send (kea-dhcp4/6 2.2
 * observed, and Kea 3's Dhcpv4Srv::processHostnameOption / processClientFqdnOption and
 * Dhcpv6Srv::processClientFqdn apply the sanitizer to the client's name only).
 */
public final class NameDecider {

    private NameDecider() {
    }

    /**
     * @param client   what the client sent (an FQDN option takes precedence over a host name)
     * @param reserved the reservation's hostname, if any
     * @param address  the leased address as text (for generated names); null when not known yet
     *                 (DHCPv6 decides before allocation: a name to generate then stays empty)
     */
    public static NameDecision decide(ClientName client, Optional<String> reserved, String address, DdnsParams p) {
        return switch (client) {
            case ClientName.Fqdn f -> fqdn(f, reserved, address, p);
            case ClientName.HostName h -> hostName(Optional.of(h.name()), reserved, address, p);
            case ClientName.None n -> hostName(Optional.empty(), reserved, address, p);
        };
    }

    /** RFC 4702 section 4 as Kea reads it: the server's S, O and N, and the directions. */
    private static NameDecision fqdn(ClientName.Fqdn f, Optional<String> reserved, String address, DdnsParams p) {
        boolean en = p.enableUpdates();
        boolean s;
        if (f.n()) {
            s = en && p.overrideNoUpdate();
        } else if (f.s()) {
            s = en;
        } else {
            s = en && p.overrideClientUpdate();
        }
        boolean n = f.n() || f.s() ? !s : !en;
        boolean o = f.s() != s;
        String sanitized = NameRules.sanitize(f.name(), p);
        String name;
        if (reserved.filter(r -> !r.isEmpty()).isPresent()) {
            name = NameRules.qualify(reserved.get(), p, true);
        } else if (sanitized.isEmpty() || p.replaceClientName() == ReplaceClientName.ALWAYS
                || p.replaceClientName() == ReplaceClientName.WHEN_PRESENT) {
            name = address == null ? "" : NameRules.generate(p, address);
        } else {
            name = NameRules.qualify(sanitized, p, true);
        }
        return new NameDecision(name, s, !n, NameDecision.Reply.FQDN, s, o, n);
    }

    /** Kea's option 12 path; with neither 81 nor 12 only a reservation or a replace mode yields a name. */
    private static NameDecision hostName(Optional<String> sent, Optional<String> reserved, String address,
                                         DdnsParams p) {
        boolean en = p.enableUpdates();
        String name;
        if (reserved.filter(r -> !r.isEmpty()).isPresent()) {
            name = NameRules.qualify(reserved.get(), p, false);
        } else {
            String clean = sent.map(s -> NameRules.sanitize(s, p)).orElse("");
            boolean present = !clean.isEmpty() && NameRules.labels(clean) > 0;
            ReplaceClientName mode = p.replaceClientName();
            boolean generate = present ? mode == ReplaceClientName.ALWAYS || mode == ReplaceClientName.WHEN_PRESENT
                    : sent.isPresent() || mode == ReplaceClientName.ALWAYS || mode == ReplaceClientName.WHEN_NOT_PRESENT;
            if (generate) {
                // no address yet: Kea's reply then carries "." (the name is generated later)
                name = address == null ? "." : NameRules.qualify(NameRules.generatedLabel(p, address), p, false);
            } else if (!present) {
                return NameDecision.NONE;
            } else if (NameRules.labels(clean) == 1) {
                name = NameRules.qualify(clean, p, false);
            } else {
                name = clean.endsWith(".") ? clean.substring(0, clean.length() - 1) : clean;
            }
        }
        return new NameDecision(name, en, en, NameDecision.Reply.HOST_NAME, en, false, !en);
    }
}
