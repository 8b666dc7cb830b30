package ruru.control.http;

import java.util.List;
import java.util.Objects;

/**
 * HTTP basic authentication of a listener (RFC 7617): the realm sent in {@code WWW-Authenticate}
 * and the clients allowed in. Kea treats an empty client list as "no authentication", and the
 * parser does the same by producing no BasicAuth at all, so here the list is never empty.
 */
public record BasicAuth(String realm, List<Credential> clients) {
    public BasicAuth {
        Objects.requireNonNull(realm, "realm");
        clients = List.copyOf(clients);
        if (clients.isEmpty()) {
            throw new IllegalArgumentException("basic authentication needs at least one client");
        }
    }
}
