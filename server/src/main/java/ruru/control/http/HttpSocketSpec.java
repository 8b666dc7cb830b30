package ruru.control.http;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import ruru.json.Position;

/**
 * One HTTP or HTTPS control listener: a daemon's {@code control-sockets} entry of socket-type
 * http/https, or the Control Agent's http-host/http-port. Two specs that are equal describe the
 * same listener, so a reconfiguration keeps a listener whose spec did not change.
 *
 * @param certRequired with TLS, whether a client certificate is required (mutual TLS); when
 *                     false a certificate the client offers is still verified (Kea/OpenSSL)
 * @param position     where the entry was configured; ignored by {@link #sameListener}
 */
public record HttpSocketSpec(String address, int port, Optional<TlsFiles> tls, boolean certRequired,
        Optional<BasicAuth> authentication, List<HttpHeader> headers, Position position) {

    public HttpSocketSpec {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(authentication, "authentication");
        Objects.requireNonNull(position, "position");
        headers = List.copyOf(headers);
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** A plain-HTTP listener without authentication (tests, tools). */
    public static HttpSocketSpec plain(String address, int port) {
        return new HttpSocketSpec(address, port, Optional.empty(), true, Optional.empty(), List.of(), Position.NONE);
    }

    public boolean isTls() {
        return tls.isPresent();
    }

    /** "http" or "https", as Kea's socket-type names it. */
    public String scheme() {
        return isTls() ? "https" : "http";
    }

    /** Equal in everything that matters to the running listener (the position does not). */
    public boolean sameListener(HttpSocketSpec other) {
        return other != null && address.equals(other.address) && port == other.port && tls.equals(other.tls)
                && certRequired == other.certRequired && authentication.equals(other.authentication)
                && headers.equals(other.headers);
    }

    /** Same address and port (one listener can own them). */
    public boolean sameEndpoint(HttpSocketSpec other) {
        return other != null && address.equals(other.address) && port == other.port;
    }

    /** Never shows credentials: Credential#toString hides passwords, and this only counts clients. */
    @Override
    public String toString() {
        return scheme() + "://" + (address.indexOf(':') >= 0 ? "[" + address + "]" : address) + ":" + port
                + authentication.map(a -> " (basic auth, realm " + a.realm() + ", " + a.clients().size() + " clients)")
                        .orElse("");
    }
}
