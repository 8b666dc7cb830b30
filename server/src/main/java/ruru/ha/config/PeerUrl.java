package ruru.ha.config;

import java.net.InetAddress;

import ruru.daemon.config.ConfigException;

/**
 * A peer's {@code url}, read as Kea's Url class reads it: {@code http} or {@code https}, a host that
 * must be an IP address (IPv6 in brackets), an optional port and a path.
 *
 * @param text    the URL as configured (what logs and errors show)
 * @param host    the address without brackets
 * @param port    the port; 80 or 443 when the URL names none
 */
public record PeerUrl(String text, boolean https, String host, int port, String path) {

    /** The form Kea's log labels use, e.g. {@code http://127.0.0.11:8001/}. */
    @Override
    public String toString() {
        return text;
    }

    /** {@code host:port} with IPv6 hosts bracketed, for the HTTP Host header's peer and for errors. */
    public String authority() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /**
     * Parses {@code text}; the error texts are Kea's, without the "for server" suffix the caller
     * adds. The host is checked to be an address separately ({@link #checkAddress}).
     */
    static PeerUrl parse(String text) throws UrlException {
        if (text.isEmpty()) {
            throw new UrlException("url is empty");
        }
        int schemeEnd = text.indexOf(':');
        if (schemeEnd < 0) {
            throw new UrlException("url " + text + " lacks http or https scheme");
        }
        String scheme = text.substring(0, schemeEnd);
        boolean https;
        if (scheme.equals("http")) {
            https = false;
        } else if (scheme.equals("https")) {
            https = true;
        } else {
            throw new UrlException("invalid scheme " + scheme + " in " + text);
        }
        if (!text.startsWith("://", schemeEnd)) {
            throw new UrlException("expected :// after scheme in " + text);
        }
        int offset = schemeEnd + 3;
        if (offset >= text.length()) {
            throw new UrlException("hostname missing in " + text);
        }
        int hostEnd;
        String host;
        if (text.charAt(offset) == '[') {
            hostEnd = text.indexOf(']', offset);
            if (hostEnd < 0) {
                throw new UrlException("expected ] after IPv6 address " + text);
            }
            host = text.substring(offset + 1, hostEnd);
            hostEnd++;
        } else {
            hostEnd = indexOfAny(text, offset);
            host = text.substring(offset, hostEnd);
        }
        if (hostEnd == offset) {
            throw new UrlException("hostname missing in " + text);
        }
        int port = https ? 443 : 80;
        int pathStart = hostEnd;
        if (hostEnd < text.length() && text.charAt(hostEnd) == ':') {
            int portEnd = text.indexOf('/', hostEnd + 1);
            if (portEnd < 0) {
                portEnd = text.length();
            }
            String portText = text.substring(hostEnd + 1, portEnd);
            try {
                port = Integer.parseInt(portText);
                if (port < 0 || port > 0xFFFF || !portText.chars().allMatch(Character::isDigit)) {
                    throw new NumberFormatException(portText);
                }
            } catch (NumberFormatException e) {
                throw new UrlException("invalid port number " + portText + " in " + text);
            }
            pathStart = portEnd;
        }
        String path = pathStart < text.length() ? text.substring(pathStart) : "/";
        return new PeerUrl(text, https, host, port, path);
    }

    /** Kea requires an address, not a name: the HA library resolves nothing. */
    void checkAddress(String peerName) throws ConfigException {
        boolean literal = host.indexOf(':') >= 0 ? host.chars().allMatch(c -> Character.digit(c, 16) >= 0
                || c == ':' || c == '.') : host.chars().allMatch(c -> Character.isDigit(c) || c == '.');
        try {
            if (!literal || host.isEmpty()) {
                throw new IllegalArgumentException(host);
            }
            InetAddress.ofLiteral(host);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("bad url '" + text + "': Failed to convert string to address '" + host
                    + "': Invalid argument for server " + peerName);
        }
    }

    private static int indexOfAny(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ':' || c == '/') {
                return i;
            }
        }
        return text.length();
    }

    /** A URL that does not parse; the message is Kea's Url error text. */
    static final class UrlException extends Exception {
        private static final long serialVersionUID = 1L;

        UrlException(String message) {
            super(message);
        }
    }
}
