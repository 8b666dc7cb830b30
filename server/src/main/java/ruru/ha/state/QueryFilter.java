package ruru.ha.state;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.slf4j.Logger;

import ruru.daemon.logging.KeaLog;
import ruru.ha.config.HaConfig;
import ruru.ha.config.HaMode;
import ruru.ha.config.PeerConfig;
import ruru.ha.config.Role;

/**
 * Which queries this server answers: the scopes it serves (server names) and, in load balancing,
 * the RFC 3074 hash that assigns each client to the primary or the secondary (Kea's QueryFilter).
 * Reads on the packet path see an immutable set swapped as a whole.
 */
public final class QueryFilter {

    /** Where a query belongs: the scope's client class ({@code HA_server1}), and whether it is served here. */
    public record Verdict(boolean served, String scopeClass) {
    }

    private final HaConfig config;
    private final List<PeerConfig> ordered;
    private final int activeServers;
    private final Logger log;
    private volatile Set<String> served = Set.of();

    public QueryFilter(HaConfig config, Logger log) {
        this.config = config;
        this.log = log;
        List<PeerConfig> primary = new ArrayList<>();
        List<PeerConfig> second = new ArrayList<>();
        List<PeerConfig> backups = new ArrayList<>();
        int active = 0;
        for (PeerConfig p : config.peers().values()) {
            switch (p.role()) {
                case PRIMARY -> {
                    primary.add(p);
                    active++;
                }
                case SECONDARY -> {
                    second.add(p);
                    active++;
                }
                case STANDBY -> second.add(p);
                case BACKUP -> backups.add(p);
            }
        }
        List<PeerConfig> all = new ArrayList<>(primary);
        all.addAll(second);
        all.addAll(backups);
        this.ordered = List.copyOf(all);
        this.activeServers = active;
        serveDefaultScopes();
    }

    /** This server's own scope when it is primary or secondary; a standby or backup serves none. */
    public void serveDefaultScopes() {
        Role role = config.role();
        served = role == Role.PRIMARY || role == Role.SECONDARY ? Set.of(config.thisServerName()) : Set.of();
    }

    /** Every active server's scope (primary, and secondary in load balancing). */
    public void serveFailoverScopes() {
        Set<String> s = new TreeSet<>();
        for (PeerConfig p : ordered) {
            if (p.role() == Role.PRIMARY || p.role() == Role.SECONDARY) {
                s.add(p.name());
            }
        }
        served = Set.copyOf(s);
    }

    public void serveNoScopes() {
        served = Set.of();
    }

    /** ha-scopes: exactly these scopes; an unknown name changes nothing and is an error with Kea's text. */
    public void serveScopes(List<String> scopes) {
        for (String s : scopes) {
            if (!config.peers().containsKey(s)) {
                throw new IllegalArgumentException("invalid server name specified '" + s
                        + "' while enabling/disabling HA scopes");
            }
        }
        served = Set.copyOf(scopes);
    }

    /** The served scopes, sorted (heartbeats and status-get list them so). */
    public List<String> servedScopes() {
        return List.copyOf(new TreeSet<>(served));
    }

    public boolean isServing(String scope) {
        return served.contains(scope);
    }

    /** The scope of {@code query} and whether this server serves it. */
    public Verdict inScope(HaQuery query) {
        if (!query.isHaType()) {
            return new Verdict(true, scopeClass(ordered.get(0).name()));
        }
        int candidate = 0;
        if (config.mode() == HaMode.LOAD_BALANCING) {
            byte[] key = query.loadBalanceKey();
            if (key == null || key.length == 0 || activeServers == 0) {
                KeaLog.debug(log, KeaLog.DBG_TRACE, "HA_LOAD_BALANCING_IDENTIFIER_MISSING", "{}: load balancing failed "
                        + "for the DHCP message (transaction id: 0x{}) because HW address and client identifier are "
                        + "missing", config.thisServerName(), Integer.toHexString(query.transactionId()));
                return new Verdict(false, "");
            }
            candidate = LoadBalancing.server(key, activeServers);
        }
        String scope = ordered.get(candidate).name();
        return new Verdict(served.contains(scope), scopeClass(scope));
    }

    /** Whether a lease's client belongs to a served scope (Kea 3's inScope(lease), used when terminated). */
    public boolean inScope(byte[] leaseKey) {
        int candidate = 0;
        if (config.mode() == HaMode.LOAD_BALANCING) {
            if (leaseKey == null || leaseKey.length == 0) {
                return false;
            }
            candidate = LoadBalancing.server(leaseKey, activeServers);
        }
        return served.contains(ordered.get(candidate).name());
    }

    public static String scopeClass(String serverName) {
        return "HA_" + serverName;
    }

    /** Every scope class this relationship can assign (what a pool may be guarded by). */
    public Map<String, String> scopeClasses() {
        Map<String, String> m = new LinkedHashMap<>();
        ordered.forEach(p -> m.put(p.name(), scopeClass(p.name())));
        return m;
    }
}
