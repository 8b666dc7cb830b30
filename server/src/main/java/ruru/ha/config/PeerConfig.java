package ruru.ha.config;

import java.util.Optional;

import ruru.control.http.TlsFiles;

/**
 * One entry of {@code peers}: how to reach that server and what it is in the relationship.
 *
 * @param tls         the TLS files for talking to this peer (its own entry's, else the relationship's);
 *                    for this server's own entry, the files its dedicated listener serves with
 * @param credentials what is sent to this peer (and, for this server's own entry, what its
 *                    dedicated listener requires)
 */
public record PeerConfig(String name, PeerUrl url, Role role, boolean autoFailover,
                         Optional<BasicCredentials> credentials, Optional<TlsFiles> tls) {

    /** Kea's log label: {@code server1 (http://127.0.0.11:8001/)}. */
    public String logLabel() {
        return name + " (" + url + ")";
    }
}
