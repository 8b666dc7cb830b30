package ruru.control.http;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import ruru.daemon.DaemonKind;
import ruru.daemon.config.ConfigException;
import ruru.daemon.config.PathPolicy;
import ruru.json.BoolElement;
import ruru.json.Element;
import ruru.json.IntElement;
import ruru.json.ListElement;
import ruru.json.MapElement;
import ruru.json.StringElement;

/**
 * Reads a {@code control-sockets} entry of socket-type http/https (or the Control Agent's
 * equivalent keys, {@code http-host}/{@code http-port}, which Kea's migration guide maps onto
 * socket-address/socket-port) into an {@link HttpSocketSpec}. Error texts are Kea 3.0's
 * ({@code http_command_config.cc}, {@code basic_auth_config.cc}), each with the offending
 * element's position.
 *
 * <p>Files: relative TLS file names resolve against the configuration file's directory (Kea uses
 * the process's working directory; with systemd both are usually {@code /etc/kea}). Credential
 * files resolve under the authentication {@code directory} exactly as Kea builds the name (a
 * leading '/' of the file name is dropped; no directory means "/"), and must stay inside it.
 */
public final class HttpSocketConfigParser {

    /** Kea 3 refuses these as passwords ({@code src/lib/cc/default_credentials.cc} and its build defaults). */
    static final Set<String> DEFAULT_PASSWORDS = Set.of("1234", "*****", "keatest");

    /** Kea's defaults ({@code HttpCommandConfig::DEFAULT_SOCKET_ADDRESS}, {@code DEFAULT_SOCKET_PORT}). */
    public static final String DEFAULT_ADDRESS = "127.0.0.1";
    public static final int DEFAULT_PORT = 8000;

    private HttpSocketConfigParser() {
    }

    /** Kea's default realm per daemon ({@code DEFAULT_AUTHENTICATION_REALM} of each server). */
    public static String defaultRealm(DaemonKind kind) {
        return switch (kind) {
            case DHCP4 -> "kea-dhcpv4-server";
            case DHCP6 -> "kea-dhcpv6-server";
            case DDNS -> "kea-dhcp-ddns-server";
            case AGENT -> "kea-control-agent";
        };
    }

    /**
     * @param entry        the entry map (already shape-checked by a schema, but every type is checked
     *                     again here so the agent's parser can call this too)
     * @param defaultRealm Kea's per-daemon realm (kea-dhcpv4-server, kea-control-agent, ...)
     */
    public static HttpSocketSpec parse(MapElement entry, PathPolicy paths, String defaultRealm) throws ConfigException {
        String type = "http";
        Element typeElement = entry.get("socket-type");
        if (typeElement != null) {
            type = string(typeElement, "socket-type");
            if (!type.equals("http") && !type.equals("https")) {
                throw new ConfigException(typeElement.position(),
                        "unsupported 'socket-type' '" + type + "' not 'http' or 'https'");
            }
        }
        if (entry.has("socket-name")) {
            throw new ConfigException(entry.get("socket-name").position(), "parameter 'socket-name' is not supported by "
                    + (type.equals("http") ? "HTTP" : "HTTPS") + " control sockets");
        }
        String address = address(firstOf(entry, "socket-address", "http-host"));
        int port = port(firstOf(entry, "socket-port", "http-port"));
        List<HttpHeader> headers = headers(entry.get("http-headers"));
        Optional<BasicAuth> auth = Optional.empty();
        if (entry.get("authentication") != null) {
            auth = CredentialParser.authentication(entry.get("authentication"), paths, defaultRealm);
        }
        Optional<TlsFiles> tls = tls(entry, type.equals("https"), paths);
        boolean certRequired = true;
        Element required = entry.get("cert-required");
        if (required != null) {
            if (!(required instanceof BoolElement b)) {
                throw invalidType(required, "cert-required");
            }
            certRequired = b.value();
        }
        return new HttpSocketSpec(address, port, tls, certRequired, auth, headers, entry.position());
    }

    private static Element firstOf(MapElement entry, String key, String alias) {
        Element e = entry.get(key);
        return e != null ? e : entry.get(alias);
    }

    private static String address(Element element) throws ConfigException {
        if (element == null) {
            return DEFAULT_ADDRESS;
        }
        String text = string(element, "socket-address");
        try {
            // ofLiteral never resolves names: a host name is an error here, as in Kea's IOAddress.
            return java.net.InetAddress.ofLiteral(text).getHostAddress();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(element.position(), "failed to convert '" + text
                    + "' to address: Failed to convert string to address '" + text + "': Invalid argument");
        }
    }

    private static int port(Element element) throws ConfigException {
        if (element == null) {
            return DEFAULT_PORT;
        }
        if (!(element instanceof IntElement i)) {
            throw invalidType(element, "socket-port");
        }
        if (i.value() < 0 || i.value() > 0xFFFF) {
            throw new ConfigException(element.position(),
                    "out of range value " + i.value() + " specified for parameter 'socket-port'");
        }
        return (int) i.value();
    }

    private static List<HttpHeader> headers(Element element) throws ConfigException {
        if (element == null) {
            return List.of();
        }
        if (!(element instanceof ListElement list)) {
            throw new ConfigException(element.position(), "invalid type specified for parameter 'http-headers'");
        }
        List<HttpHeader> headers = new ArrayList<>();
        for (Element item : list.items()) {
            if (!(item instanceof MapElement m)) {
                throw new ConfigException(item.position(), "invalid type specified for parameter 'http-headers' entry");
            }
            Element name = m.get("name");
            Element value = m.get("value");
            if (name == null) {
                throw new ConfigException(m.position(), "missing 'name' parameter in http-headers entry");
            }
            if (value == null) {
                throw new ConfigException(m.position(), "missing 'value' parameter in http-headers entry");
            }
            String n = string(name, "name");
            String v = string(value, "value");
            // A header name is an RFC 9110 token; CR/LF in either part would let a config split the response.
            if (n.isEmpty() || !n.chars().allMatch(HttpSocketConfigParser::isTokenChar)) {
                throw new ConfigException(name.position(), "invalid HTTP header name '" + n + "'");
            }
            if (v.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
                throw new ConfigException(value.position(), "HTTP header value must not contain CR, LF or NUL");
            }
            headers.add(new HttpHeader(n, v));
        }
        return headers;
    }

    static boolean isTokenChar(int c) {
        return c > 32 && c < 127 && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0;
    }

    private static Optional<TlsFiles> tls(MapElement entry, boolean requireTls, PathPolicy paths)
            throws ConfigException {
        String ca = optionalString(entry, "trust-anchor");
        String cert = optionalString(entry, "cert-file");
        String key = optionalString(entry, "key-file");
        if (ca.isEmpty() && cert.isEmpty() && key.isEmpty()) {
            if (requireTls) {
                throw new ConfigException(entry.position(), "no TLS setup for a HTTPS control socket");
            }
            return Optional.empty();
        }
        String all = ": all or none of TLS parameters must be set";
        if (ca.isEmpty()) {
            throw new ConfigException(entry.position(), "trust-anchor parameter is missing or empty" + all);
        }
        if (cert.isEmpty()) {
            throw new ConfigException(entry.position(), "cert-file parameter is missing or empty" + all);
        }
        if (key.isEmpty()) {
            throw new ConfigException(entry.position(), "key-file parameter is missing or empty" + all);
        }
        Path dir = paths.configDirectory();
        return Optional.of(new TlsFiles(dir.resolve(ca).normalize(), dir.resolve(cert).normalize(),
                dir.resolve(key).normalize()));
    }

    private static String optionalString(MapElement entry, String key) throws ConfigException {
        Element e = entry.get(key);
        return e == null ? "" : string(e, key);
    }

    static String string(Element element, String key) throws ConfigException {
        if (!(element instanceof StringElement s)) {
            throw invalidType(element, key);
        }
        return s.value();
    }

    static ConfigException invalidType(Element element, String key) {
        return new ConfigException(element.position(), "invalid type specified for parameter '" + key + "'");
    }

    /** A list of strings (ruru's commands/services extension keys). */
    static Set<String> stringSet(Element element, String key) throws ConfigException {
        if (!(element instanceof ListElement list)) {
            throw new ConfigException(element.position(), key + " must be a list of strings");
        }
        Set<String> values = new LinkedHashSet<>();
        for (Element item : list.items()) {
            if (!(item instanceof StringElement s)) {
                throw new ConfigException(item.position(), key + " must be a list of strings");
            }
            values.add(s.value());
        }
        return values;
    }
}
