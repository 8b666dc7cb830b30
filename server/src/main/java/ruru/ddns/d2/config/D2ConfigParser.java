package ruru.ddns.d2.config;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import ruru.control.http.HttpSocketConfigParser;
import ruru.daemon.DaemonKind;
import ruru.daemon.config.CommonConfigParser;
import ruru.daemon.config.ConfigException;
import ruru.daemon.config.PathPolicy;
import ruru.daemon.config.schema.DhcpDdnsSchema;
import ruru.daemon.hooks.HooksConfig;
import ruru.json.Element;
import ruru.json.IntElement;
import ruru.json.ListElement;
import ruru.json.MapElement;
import ruru.json.Position;
import ruru.json.StringElement;

/**
 * {@code DhcpDdns} map → {@link D2Config}, with Kea's texts for every refusal (checked against
 * kea-dhcp-ddns 2.2 {@code -t}). The element config-get returns carries Kea's defaults and lists
 * keys and domains sorted by name, as Kea's does.
 */
public final class D2ConfigParser {

    private D2ConfigParser() {
    }

    public static D2Config parse(MapElement d2, PathPolicy paths) throws ConfigException {
        MapElement normalized = DhcpDdnsSchema.check(d2);
        D2Params params = params(normalized);
        Map<String, TsigKeySpec> keys = keys(normalized.get("tsig-keys"), paths);
        DomainList forward = domains(normalized.get("forward-ddns"), keys);
        DomainList reverse = domains(normalized.get("reverse-ddns"), keys);
        HooksConfig hooks = HooksConfig.parse(normalized.get("hooks-libraries"), paths, Set.of(), false);
        return new D2Config(normalized, CommonConfigParser.parse(normalized, paths,
                HttpSocketConfigParser.defaultRealm(DaemonKind.DDNS)), params, List.copyOf(keys.values()), forward,
                reverse, hooks);
    }

    static D2Params params(MapElement m) throws ConfigException {
        InetAddress address = InetAddress.getLoopbackAddress();
        if (m.get("ip-address") instanceof StringElement s) {
            try {
                address = InetAddress.ofLiteral(s.value());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(s.position(), "Failed to convert '" + s.value()
                        + "' to address: Failed to convert string to address '" + s.value() + "': Invalid argument");
            }
            if (address.isAnyLocalAddress()) {
                throw new ConfigException(s.position(), "IP address cannot be \"" + s.value() + "\"");
            }
        }
        int port = D2Params.DEFAULT_PORT;
        if (m.get("port") instanceof IntElement p) {
            port = port(p);
        }
        long timeout = D2Params.DEFAULT_TIMEOUT_MS;
        if (m.get("dns-server-timeout") instanceof IntElement t) {
            if (t.value() <= 0 || t.value() > Integer.MAX_VALUE) {
                throw new ConfigException(t.position(), "dns-server-timeout must be greater than zero");
            }
            timeout = t.value();
        }
        if (m.get("ncr-protocol") instanceof StringElement p && !p.value().equals("UDP")) {
            throw new ConfigException(p.position(), "ncr-protocol : " + p.value() + " is not yet supported");
        }
        return new D2Params(address, port, Duration.ofMillis(timeout));
    }

    private static int port(IntElement p) throws ConfigException {
        if (p.value() <= 0 || p.value() > 65535) {
            throw new ConfigException(p.position(), "port must be greater than zero but less than 65536");
        }
        return (int) p.value();
    }

    static Map<String, TsigKeySpec> keys(Element list, PathPolicy paths) throws ConfigException {
        Map<String, TsigKeySpec> keys = new LinkedHashMap<>();
        if (!(list instanceof ListElement l)) {
            return keys;
        }
        for (Element e : l.items()) {
            MapElement m = (MapElement) e;
            String name = required(m, "name");
            if (name.isEmpty()) {
                throw new ConfigException(m.get("name").position(), "TSIG key name cannot be blank");
            }
            String algorithmName = required(m, "algorithm");
            if (algorithmName.isEmpty()) {
                throw new ConfigException(m.get("algorithm").position(), "TSIG key algorithm cannot be blank");
            }
            TsigAlgorithm algorithm = TsigAlgorithm.byName(algorithmName).orElseThrow(() -> new ConfigException(
                    m.get("algorithm").position(), "tsig-key : Unknown TSIG Key algorithm: " + algorithmName));
            int bits = digestBits(m, algorithm);
            byte[] secret = secret(m, paths);
            if (keys.containsKey(name)) {
                throw new ConfigException(m.position(), "Duplicate TSIG key name specified : " + name);
            }
            keys.put(name, new TsigKeySpec(name, algorithm, bits, secret));
        }
        return keys;
    }

    /**
     * Kea's TSIGKeyInfoParser: a truncated MAC keeps at least 80 bits and, for SHA-224 and longer
     * hashes, at least half the hash (RFC 8945 5.2.2.1). A value above the hash's length is
     * accepted, as by kea-dhcp-ddns, and signs with the whole MAC.
     */
    private static int digestBits(MapElement m, TsigAlgorithm algorithm) throws ConfigException {
        if (!(m.get("digest-bits") instanceof IntElement i)) {
            return 0;
        }
        if (i.value() < 0 || i.value() % 8 != 0) {
            throw new ConfigException(i.position(),
                    "TSIG key digest-bits must either be zero or a positive, multiple of eight");
        }
        if (i.value() == 0) {
            return 0;
        }
        if (i.value() < 80 || i.value() < algorithm.bits() / 2) {
            throw new ConfigException(i.position(), "tsig-key: digest-bits too small : ");
        }
        return (int) Math.min(i.value(), Integer.MAX_VALUE);
    }

    /** {@code secret} (base64) or, as Kea 2.5.8+, {@code secret-file} holding the base64 text. */
    private static byte[] secret(MapElement m, PathPolicy paths) throws ConfigException {
        String text;
        Position at;
        if (m.get("secret") instanceof StringElement s) {
            if (m.has("secret-file")) {
                throw new ConfigException(m.get("secret-file").position(),
                        "tsig-key : only one of 'secret' and 'secret-file' may be specified");
            }
            text = s.value();
            at = s.position();
            if (text.isEmpty()) {
                throw new ConfigException(at, "TSIG key secret cannot be blank");
            }
        } else if (m.get("secret-file") instanceof StringElement f) {
            at = f.position();
            if (f.value().isEmpty()) {
                throw new ConfigException(at, "TSIG key secret-file cannot be blank");
            }
            Path file = paths.configDirectory().resolve(f.value()).normalize();
            try {
                text = ruru.io.SmallFiles.read(file, StandardCharsets.US_ASCII).strip();
            } catch (IOException | RuntimeException e) {
                throw new ConfigException(at, "tsig-key : Failed to read secret-file '" + f.value() + "'");
            }
            if (text.isEmpty()) {
                throw new ConfigException(at, "tsig-key : secret-file '" + f.value() + "' is empty");
            }
        } else {
            throw new ConfigException(m.position(), "missing parameter 'secret'");
        }
        try {
            return Base64.getMimeDecoder().decode(strictBase64(text));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(at, "Cannot make D2TsigKey: attempt to decode a value not in base64 char set");
        }
    }

    private static String strictBase64(String text) {
        String compact = text.replaceAll("\\s", "");
        if (!compact.matches("[A-Za-z0-9+/]*={0,2}") || compact.length() % 4 != 0) {
            throw new IllegalArgumentException("not base64");
        }
        return compact;
    }

    static DomainList domains(Element direction, Map<String, TsigKeySpec> keys) throws ConfigException {
        if (!(direction instanceof MapElement dir) || !(dir.get("ddns-domains") instanceof ListElement list)) {
            return DomainList.EMPTY;
        }
        List<DdnsDomain> domains = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Element e : list.items()) {
            MapElement m = (MapElement) e;
            String name = required(m, "name");
            if (name.isEmpty()) {
                throw new ConfigException(m.get("name").position(), "Domain name cannot be blank");
            }
            Optional<TsigKeySpec> domainKey = keyRef(m, keys, "DdnsDomain");
            if (!(m.get("dns-servers") instanceof ListElement servers)) {
                throw new ConfigException(m.position(), "DdnsDomain : missing dns-server list");
            }
            if (servers.isEmpty()) {
                throw new ConfigException(servers.position(), "DNS server list cannot be empty");
            }
            List<DnsServerSpec> specs = new ArrayList<>();
            for (Element s : servers.items()) {
                specs.add(server((MapElement) s, keys, domainKey));
            }
            if (!seen.add(name.toLowerCase(Locale.ROOT))) {
                throw new ConfigException(m.position(), "Duplicate domain specified:" + name);
            }
            domains.add(new DdnsDomain(name, specs));
        }
        return new DomainList(domains);
    }

    private static DnsServerSpec server(MapElement m, Map<String, TsigKeySpec> keys, Optional<TsigKeySpec> domainKey)
            throws ConfigException {
        String hostname = m.get("hostname") instanceof StringElement h ? h.value() : "";
        if (!hostname.isEmpty()) {
            throw new ConfigException(m.get("hostname").position(), "hostname is not yet supported");
        }
        if (!(m.get("ip-address") instanceof StringElement ip)) {
            throw new ConfigException(m.position(), "Dns Server must specify one or the other of hostname or IP address");
        }
        InetAddress address;
        try {
            address = InetAddress.ofLiteral(ip.value());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(ip.position(), "Dns Server : invalid IP address : " + ip.value());
        }
        int port = 53;
        if (m.get("port") instanceof IntElement p) {
            port = port(p);
        }
        Optional<TsigKeySpec> key = keyRef(m, keys, "Dns Server");
        return new DnsServerSpec(address, port, key.isPresent() ? key : domainKey);
    }

    private static Optional<TsigKeySpec> keyRef(MapElement m, Map<String, TsigKeySpec> keys, String who)
            throws ConfigException {
        if (!(m.get("key-name") instanceof StringElement k) || k.value().isEmpty()) {
            return Optional.empty();
        }
        TsigKeySpec key = keys.get(k.value());
        if (key == null) {
            throw new ConfigException(k.position(), who + " : specifies an undefined key: " + k.value());
        }
        return Optional.of(key);
    }

    private static String required(MapElement m, String key) throws ConfigException {
        if (!(m.get(key) instanceof StringElement s)) {
            throw new ConfigException(m.position(), "missing parameter '" + key + "'");
        }
        return s.value();
    }

    /** Whether the listener address is loopback (Kea warns otherwise). */
    public static boolean isLoopback(InetAddress a) {
        return a.isLoopbackAddress() || (a instanceof Inet6Address && a.isLoopbackAddress());
    }
}
