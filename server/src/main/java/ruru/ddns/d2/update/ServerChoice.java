package ruru.ddns.d2.update;

import java.util.Optional;

import ruru.ddns.d2.config.DnsServerSpec;
import ruru.ddns.d2.config.TsigKeySpec;

/**
 * Picks the key for the next update to a server: the configured one, unless a {@code select_key}
 * callout replaces it; empty means the callout asked to skip this server.
 */
@FunctionalInterface
public interface ServerChoice {

    /** The key to sign with ({@code Optional.empty()} inside: unsigned), or empty to skip the server. */
    Optional<Optional<TsigKeySpec>> keyFor(DnsServerSpec server);

    ServerChoice CONFIGURED = server -> Optional.of(server.key());
}
