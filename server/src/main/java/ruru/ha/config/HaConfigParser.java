package ruru.ha.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import org.slf4j.Logger;

import ruru.control.http.ClientTls;
import ruru.control.http.TlsFiles;
import ruru.daemon.config.ConfigException;
import ruru.daemon.logging.KeaLog;
import ruru.ha.state.HaState;
import ruru.json.Element;
import ruru.json.ListElement;
import ruru.json.MapElement;

/**
 * Reads the {@code high-availability} parameter of {@code libdhcp_ha.so} as Kea does, in Kea's order
 * and with its texts, so the first error a configuration gets is Kea's first error. Defaults are
 * Kea 3.0's: multi-threading with a dedicated listener, {@code restrict-commands} on, several
 * relationships allowed (hot-standby only).
 */
public final class HaConfigParser {

    /** What the parser needs from the server: file names and the DHCP service's threading. */
    public record Environment(Function<String, Path> files, boolean dhcpMultiThreading, int dhcpThreads,
                              Logger log) {
    }

    private static final long UINT16 = 0xFFFFL;
    private static final long UINT32 = 0xFFFF_FFFFL;

    /** Every key Kea reads in a relationship; others are accepted (as Kea does) with a warning. */
    private static final Set<String> KEYS = Set.of("this-server-name", "mode", "send-lease-updates", "sync-leases",
            "sync-timeout", "sync-page-limit", "delayed-updates-limit", "heartbeat-delay", "max-response-delay",
            "max-ack-delay", "max-unacked-clients", "max-rejected-lease-updates", "wait-backup-ack",
            "multi-threading", "trust-anchor", "cert-file", "key-file", "require-client-certs", "restrict-commands",
            "peers", "state-machine", "comment", "user-context");

    private final Environment env;

    private HaConfigParser(Environment env) {
        this.env = env;
    }

    /** Parses the library's {@code parameters}. */
    public static HaConfigs parse(MapElement parameters, Environment env) throws ConfigException {
        Element ha = parameters.get("high-availability");
        if (ha == null) {
            throw new ConfigException("high-availability parameter not specified for High Availability hooks library");
        }
        return new HaConfigParser(env).all(ha);
    }

    private HaConfigs all(Element ha) throws ConfigException {
        if (!(ha instanceof ListElement list)) {
            throw new ConfigException("HA configuration must be a list");
        }
        if (list.isEmpty()) {
            throw new ConfigException("a list of HA configurations must not be empty");
        }
        List<HaConfig> relationships = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Element e : list.items()) {
            HaConfig c = one(e);
            for (String name : c.peers().keySet()) {
                if (!names.add(name)) {
                    throw new ConfigException("server names must be unique for different relationships");
                }
            }
            relationships.add(c);
        }
        if (relationships.size() > 1 && relationships.stream().anyMatch(r -> r.mode() != HaMode.HOT_STANDBY)) {
            throw new ConfigException("multiple HA relationships are only supported for 'hot-standby' mode");
        }
        return new HaConfigs(relationships);
    }

    private HaConfig one(Element e) throws ConfigException {
        if (!(e instanceof MapElement c)) {
            throw new ConfigException("HA configuration for a relationship must be a map");
        }
        HaMode mode = HaMode.parse(Params.string(c, "mode"));
        if (!c.has("peers")) {
            throw new ConfigException("'peers' parameter missing in HA configuration");
        }
        if (!(c.get("peers") instanceof ListElement peers)) {
            throw new ConfigException("'peers' parameter must be a list");
        }
        ListElement states = null;
        Element sm = c.get("state-machine");
        if (sm != null) {
            if (!(sm instanceof MapElement smMap)) {
                throw new ConfigException("'state-machine' parameter must be a map");
            }
            Element s = smMap.get("states");
            if (s != null && !(s instanceof ListElement)) {
                throw new ConfigException("'states' parameter must be a list");
            }
            states = (ListElement) s;
        }
        String thisServer = Params.trim(Params.string(c, "this-server-name"));
        if (thisServer.isEmpty()) {
            throw new ConfigException("'this-server-name' value must not be empty");
        }
        boolean sendLeaseUpdates = Params.bool(c, "send-lease-updates", true);
        boolean syncLeases = Params.bool(c, "sync-leases", true);
        long syncTimeout = Params.unsigned(c, "sync-timeout", 60000, UINT32);
        long syncPageLimit = Params.unsigned(c, "sync-page-limit", 10000, UINT32);
        long delayedUpdatesLimit = Params.unsigned(c, "delayed-updates-limit",
                mode == HaMode.LOAD_BALANCING ? 100 : 0, UINT32);
        int heartbeatDelay = (int) Params.unsigned(c, "heartbeat-delay", 10000, UINT16);
        int maxResponseDelay = (int) Params.unsigned(c, "max-response-delay", 60000, UINT16);
        int maxAckDelay = (int) Params.unsigned(c, "max-ack-delay", 10000, UINT16);
        long maxUnackedClients = Params.unsigned(c, "max-unacked-clients", 10, UINT32);
        long maxRejected = Params.unsigned(c, "max-rejected-lease-updates", 10, UINT32);
        boolean waitBackupAck = Params.bool(c, "wait-backup-ack", false);
        MultiThreading mt = multiThreading(c);
        Optional<String> trustAnchor = optionalString(c, "trust-anchor");
        Optional<String> certFile = optionalString(c, "cert-file");
        Optional<String> keyFile = optionalString(c, "key-file");
        boolean requireClientCerts = Params.bool(c, "require-client-certs", true);
        boolean restrictCommands = Params.bool(c, "restrict-commands", true);

        Map<String, PeerDraft> drafts = new TreeMap<>();
        for (Element p : peers.items()) {
            PeerDraft d = peer(p, drafts);
            drafts.put(d.name, d);
        }
        Map<HaState, Pausing> pausing = new EnumMap<>(HaState.class);
        if (states != null) {
            for (Element s : states.items()) {
                if (!(s instanceof MapElement sMap)) {
                    throw new ConfigException("state configuration must be a map");
                }
                String name = Params.string(sMap, "state");
                HaState state = HaState.byName(name).orElseThrow(() -> new ConfigException("unknown state " + name));
                if (pausing.containsKey(state)) {
                    throw new ConfigException("duplicated configuration for the '" + name + "' state");
                }
                pausing.put(state, sMap.has("pause") ? Pausing.parse(Params.string(sMap, "pause")) : Pausing.NEVER);
            }
        }
        for (String key : c.keys()) {
            if (!KEYS.contains(key)) {
                KeaLog.warn(env.log(), "HA_CONFIG_UNKNOWN_PARAMETER", "{}: parameter '{}' is not a high-availability "
                        + "parameter and is ignored ({})", thisServer, key, c.get(key).position());
            }
        }
        TreeMap<String, PeerConfig> configured = validate(thisServer, mode, drafts, trustAnchor, certFile, keyFile);
        HaConfig config = new HaConfig(thisServer, mode, sendLeaseUpdates, syncLeases, syncTimeout, syncPageLimit,
                delayedUpdatesLimit, heartbeatDelay, maxResponseDelay, maxAckDelay, maxUnackedClients, maxRejected,
                waitBackupAck, requireClientCerts, restrictCommands, mt, configured, pausing);
        checkMode(config, drafts);
        return config;
    }

    private MultiThreading multiThreading(MapElement c) throws ConfigException {
        Element e = c.get("multi-threading");
        MapElement mt = MapElement.empty();
        if (e != null) {
            if (!(e instanceof MapElement m)) {
                throw new ConfigException("multi-threading configuration must be a map");
            }
            mt = m;
        }
        boolean enabled = Params.bool(mt, "enable-multi-threading", true);
        boolean dedicated = Params.bool(mt, "http-dedicated-listener", true);
        int listenerThreads = (int) Params.unsigned(mt, "http-listener-threads", 0, UINT32);
        int clientThreads = (int) Params.unsigned(mt, "http-client-threads", 0, UINT32);
        if (enabled && !env.dhcpMultiThreading()) {
            KeaLog.info(env.log(), "HA_CONFIG_DHCP_MT_DISABLED", "HA multi-threading has been disabled, it cannot be "
                    + "enabled when Kea global multi-threading is disabled");
            enabled = false;
        }
        if (enabled) {
            listenerThreads = listenerThreads == 0 ? env.dhcpThreads() : listenerThreads;
            clientThreads = clientThreads == 0 ? env.dhcpThreads() : clientThreads;
        }
        return new MultiThreading(enabled, dedicated, listenerThreads, clientThreads);
    }

    private static Optional<String> optionalString(MapElement map, String name) throws ConfigException {
        return map.has(name) ? Optional.of(Params.string(map, name)) : Optional.empty();
    }

    /** A peer as read, before the relationship-wide checks. */
    private record PeerDraft(String name, String url, Role role, boolean autoFailover,
                             Optional<BasicCredentials> credentials, Optional<String> trustAnchor,
                             Optional<String> certFile, Optional<String> keyFile) {
    }

    private PeerDraft peer(Element p, Map<String, PeerDraft> seen) throws ConfigException {
        if (!(p instanceof MapElement m)) {
            throw new ConfigException("peer configuration must be a map");
        }
        String rawName = Params.string(m, "name");
        if (seen.containsKey(rawName)) {
            throw new ConfigException("peer with name '" + rawName + "' already specified");
        }
        String name = Params.trim(rawName);
        if (name.isEmpty()) {
            throw new ConfigException("peer name must not be empty");
        }
        if (seen.containsKey(name)) {
            throw new ConfigException("peer with name '" + name + "' already specified");
        }
        String url = Params.string(m, "url");
        Optional<String> ca = optionalString(m, "trust-anchor");
        Optional<String> cert = optionalString(m, "cert-file");
        Optional<String> key = optionalString(m, "key-file");
        Role role = Role.parse(Params.string(m, "role"));
        boolean autoFailover = Params.bool(m, "auto-failover", true);
        String password = "";
        if (m.has("basic-auth-password")) {
            if (m.has("basic-auth-password-file")) {
                throw new ConfigException("only one of basic-auth-password and basic-auth-password-file parameter "
                        + "can be configured in peer '" + name + "'");
            }
            password = Params.string(m, "basic-auth-password");
        }
        if (m.has("basic-auth-password-file")) {
            String file = Params.string(m, "basic-auth-password-file");
            password = readPassword(file, name);
        }
        Optional<BasicCredentials> credentials = Optional.empty();
        if (m.has("basic-auth-user")) {
            String user = Params.string(m, "basic-auth-user");
            if (!user.isEmpty()) {
                if (user.indexOf(':') >= 0) {
                    throw new ConfigException("user '" + user + "' must not contain a ':' in peer '" + name + "'");
                }
                credentials = Optional.of(new BasicCredentials(user, password));
            }
        }
        return new PeerDraft(name, url, role, autoFailover, credentials, ca, cert, key);
    }

    /** Kea reads the whole file (getContent); a trailing newline is part of the password there too. */
    private String readPassword(String file, String peer) throws ConfigException {
        try {
            return Files.readString(env.files().apply(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException("bad password file in peer '" + peer + "': can't open file '" + file
                    + "': No such file or directory");
        } catch (IOException | RuntimeException e) {
            throw new ConfigException("bad password file in peer '" + peer + "': can't open file '" + file + "': "
                    + e.getMessage());
        }
    }

    /** Kea's HAConfig::validate, peer by peer in name order, then the role counts. */
    private TreeMap<String, PeerConfig> validate(String thisServer, HaMode mode, Map<String, PeerDraft> drafts,
                                                 Optional<String> ca, Optional<String> cert, Optional<String> key)
            throws ConfigException {
        if (!drafts.containsKey(thisServer)) {
            throw new ConfigException("no peer configuration specified for the '" + thisServer + "'");
        }
        TreeMap<String, PeerConfig> peers = new TreeMap<>();
        for (PeerDraft d : drafts.values()) {
            PeerUrl url;
            try {
                url = PeerUrl.parse(d.url());
            } catch (PeerUrl.UrlException e) {
                throw new ConfigException("invalid URL: " + e.getMessage() + " for server " + d.name());
            }
            url.checkAddress(d.name());
            Optional<TlsFiles> tls = tls(d, url, d.trustAnchor().or(() -> ca), d.certFile().or(() -> cert),
                    d.keyFile().or(() -> key));
            peers.put(d.name(), new PeerConfig(d.name(), url, d.role(), d.autoFailover(), d.credentials(), tls));
        }
        return peers;
    }

    private Optional<TlsFiles> tls(PeerDraft d, PeerUrl url, Optional<String> ca, Optional<String> cert,
                                   Optional<String> key) throws ConfigException {
        boolean haveCa = ca.filter(s -> !s.isEmpty()).isPresent();
        boolean haveCert = cert.filter(s -> !s.isEmpty()).isPresent();
        boolean haveKey = key.filter(s -> !s.isEmpty()).isPresent();
        if (!haveCa && !haveCert && !haveKey) {
            if (url.https()) {
                throw new ConfigException("bad url '" + url + "': https scheme is not supported for server " + d.name()
                        + " where TLS is disabled");
            }
            return Optional.empty();
        }
        String prefix = "bad TLS config for server " + d.name() + ": ";
        for (var p : List.of(Map.entry("trust-anchor", haveCa), Map.entry("cert-file", haveCert),
                Map.entry("key-file", haveKey))) {
            if (!p.getValue()) {
                throw new ConfigException(prefix + p.getKey() + " parameter is missing or empty: all or none of TLS "
                        + "parameters must be set");
            }
        }
        TlsFiles files = new TlsFiles(env.files().apply(ca.get()), env.files().apply(cert.get()),
                env.files().apply(key.get()));
        checkReadable(prefix, "CA file", ca.get(), files.trustAnchor());
        checkReadable(prefix, "cert file", cert.get(), files.certFile());
        checkReadable(prefix, "private key file", key.get(), files.keyFile());
        try {
            ClientTls.context(files.trustAnchor(), Optional.of(files.certFile()), Optional.of(files.keyFile()));
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new ConfigException(prefix + e.getMessage());
        }
        return Optional.of(files);
    }

    private static void checkReadable(String prefix, String what, String name, Path file) throws ConfigException {
        if (!Files.exists(file)) {
            throw new ConfigException(prefix + "load of " + what + " '" + name + "' failed: No such file or directory");
        }
        if (!Files.isReadable(file)) {
            throw new ConfigException(prefix + "load of " + what + " '" + name + "' failed: Permission denied");
        }
    }

    /** The role counts each mode needs (Kea's HAConfig::validate). */
    private static void checkMode(HaConfig c, Map<String, PeerDraft> drafts) throws ConfigException {
        Map<Role, Integer> count = new EnumMap<>(Role.class);
        drafts.values().forEach(d -> count.merge(d.role(), 1, Integer::sum));
        for (Role r : List.of(Role.PRIMARY, Role.SECONDARY, Role.STANDBY)) {
            if (count.getOrDefault(r, 0) > 1) {
                throw new ConfigException("multiple " + r.keaName() + " servers specified");
            }
        }
        switch (c.mode()) {
            case LOAD_BALANCING -> {
                require(!count.containsKey(Role.STANDBY), "standby servers not allowed in the load balancing "
                        + "configuration");
                require(count.containsKey(Role.SECONDARY), "secondary server required in the load balancing "
                        + "configuration");
                require(count.containsKey(Role.PRIMARY), "primary server required in the load balancing "
                        + "configuration");
                require(!c.waitBackupAck(), "'wait-backup-ack' must be set to false in the load balancing "
                        + "configuration");
            }
            case HOT_STANDBY -> {
                require(!count.containsKey(Role.SECONDARY), "secondary servers not allowed in the hot standby "
                        + "configuration");
                require(count.containsKey(Role.STANDBY), "standby server required in the hot standby configuration");
                require(count.containsKey(Role.PRIMARY), "primary server required in the hot standby configuration");
                require(!c.waitBackupAck(), "'wait-backup-ack' must be set to false in the hot standby "
                        + "configuration");
                require(c.delayedUpdatesLimit() == 0, "'delayed-updates-limit' must be set to 0 in the hot standby "
                        + "configuration");
            }
            case PASSIVE_BACKUP -> {
                require(!count.containsKey(Role.SECONDARY), "secondary servers not allowed in the passive backup "
                        + "configuration");
                require(!count.containsKey(Role.STANDBY), "standby servers not allowed in the passive backup "
                        + "configuration");
                require(count.containsKey(Role.PRIMARY), "primary server required in the passive backup "
                        + "configuration");
                require(c.delayedUpdatesLimit() == 0, "'delayed-updates-limit' must be set to 0 in the passive backup "
                        + "configuration");
            }
        }
    }

    private static void require(boolean ok, String text) throws ConfigException {
        if (!ok) {
            throw new ConfigException(text);
        }
    }
}
