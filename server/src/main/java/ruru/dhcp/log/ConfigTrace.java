package ruru.dhcp.log;

import static ruru.daemon.logging.LibraryMessages.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import ruru.daemon.logging.KeaMessage;
import ruru.daemon.logging.LibraryMessages;
import ruru.daemon.logging.Redaction;
import ruru.json.Element;
import ruru.json.IntElement;
import ruru.json.Json;
import ruru.json.ListElement;
import ruru.json.MapElement;
import ruru.json.StringElement;

/**
 * What a Kea DHCP server writes while it takes a configuration (start-up, config-set,
 * config-reload, config-test) and while it stops, in Kea's order: the configuration received,
 * the hook libraries, subnets and interfaces as they are parsed (kea-dhcp4: Kea 3's order, the
 * interfaces after the subnets; kea-dhcp6: Kea 2.2's, the interfaces first), the DHCP-DDNS setting, the lease
 * database closed and opened, the timers. One instance per daemon ({@code kea-dhcp4} or
 * {@code kea-dhcp6}); the family gives its own received/start messages. The lines are written
 * from the configuration's elements (what the user wrote, with Kea's inheritance), so they read
 * as Kea's whatever ruru's typed records keep.
 */
public final class ConfigTrace {

    /** Kea's name of the memfile cleanup timer and the reclamation timers. */
    static final String LFC_TIMER = "memfile-lfc";
    static final String RECLAIM_TIMER = "reclaim-expired-leases";
    static final String FLUSH_TIMER = "flush-reclaimed-leases";

    private static final MapElement EMPTY_MAP = MapElement.builder().build();

    private final String root;
    private final int family;
    private final KeaMessage received;
    private final KeaMessage start;
    private final KeaMessage commandReceived;
    private final KeaMessage shutdownRequest;
    private final KeaMessage lookupFirst;

    /**
     * @param root the daemon's root logger ({@code kea-dhcp4})
     * @param family 4 or 6
     * @param received the family's CONFIG_RECEIVED message
     * @param start the family's CONFIG_START message
     * @param commandReceived the family's COMMAND_RECEIVED message
     * @param shutdownRequest the family's SHUTDOWN_REQUEST message
     */
    public ConfigTrace(String root, int family, KeaMessage received, KeaMessage start, KeaMessage commandReceived,
                       KeaMessage shutdownRequest) {
        this(root, family, received, start, commandReceived, shutdownRequest, null);
    }

    /**
     * As above; {@code lookupFirst} is the family's warning that multi-threading forces the host
     * reservation lookup first (kea-dhcp4's DHCP4_RESERVATIONS_LOOKUP_FIRST_ENABLED), null for none.
     */
    public ConfigTrace(String root, int family, KeaMessage received, KeaMessage start, KeaMessage commandReceived,
                       KeaMessage shutdownRequest, KeaMessage lookupFirst) {
        this.lookupFirst = lookupFirst;
        this.root = root;
        this.family = family;
        this.received = received;
        this.start = start;
        this.commandReceived = commandReceived;
        this.shutdownRequest = shutdownRequest;
    }

    /** A reload read its file: Kea runs it as a config-set command of its own, and says so. */
    public void reloadRead(MapElement root) {
        if (commandReceived.enabled()) {
            commandReceived.log("config-set", Json.toCompact(Redaction.redact(root)));
        }
    }

    /** The shutdown command arrived. */
    public void shutdownRequested() {
        shutdownRequest.log();
    }

    public String root() {
        return root;
    }

    /** A configuration arrived (the Dhcp4/Dhcp6 map), before it is parsed; {@code applying} false for a test. */
    public void received(MapElement inner, boolean applying) {
        if (received.enabled() || start.enabled()) {
            String text = Json.toCompact(Redaction.redact(inner));
            received.log(text);
            start.log(text);
        }
        if (applying) {
            DHCPSRV_TIMERMGR_UNREGISTER_ALL_TIMERS.log(root);
        }
    }

    /**
     * What a family writes while the host reservations of a subnet, then the global ones, are
     * added (Kea's HOSTS_CFG_ADD_HOST and the duplicate checks' lookups).
     */
    public interface HostsTrace {
        HostsTrace NONE = new HostsTrace() {
            @Override
            public void subnet(String prefix) {
            }

            @Override
            public void global() {
            }
        };

        /** The reservations of the subnet {@code prefix} (Kea's text), after its new-subnet line. */
        void subnet(String prefix);

        /** The global reservations, after every subnet. */
        void global();
    }

    /** The configuration parsed: what Kea writes while it parses, from the elements. */
    public void parsed(MapElement inner) {
        parsed(inner, HostsTrace.NONE);
    }

    /** As {@link #parsed(MapElement)}, with the family's lines for the host reservations. */
    public void parsed(MapElement inner, HostsTrace hosts) {
        // ruru has no host database backend (Kea 3 lists only the backend libraries it loaded)
        HOSTS_BACKENDS_REGISTERED.log(root, "");
        if (multiThreading(inner)) {
            // Kea 3 (both families): dhcp-queue-control, which its defaults always add, is parsed
            // after multi-threading and turned off, with a warning; then reservations-lookup-first
            DHCPSRV_MT_DISABLED_QUEUE_CONTROL.log(root);
        }
        if (lookupFirst != null && multiThreading(inner)) {
            lookupFirst.log();
        }
        MapElement ic = inner.get("interfaces-config") instanceof MapElement m ? m : EMPTY_MAP;
        if (family == 6) {
            interfaces(ic); // kea-dhcp6 2.2's place (Kea 3's dhcp6 order not known to differ)
        }
        if (inner.get("hooks-libraries") instanceof ListElement libs) {
            // Kea opens each library to check it, and closes it again
            for (Element lib : libs.items()) {
                if (lib instanceof MapElement m && m.get("library") instanceof StringElement s) {
                    HOOKS_LIBRARY_VERSION.log(root, s.value(), ruru.daemon.hooks.HookLibrarySpec.version(s.value()));
                    if (multiThreading(inner) && s.value().endsWith(".so")) {
                        // Kea's own libraries built in are all multi-threading compatible; a jar is
                        // asked only when it loads
                        HOOKS_LIBRARY_MULTI_THREADING_COMPATIBLE.log(root, s.value(), 1);
                    }
                    HOOKS_LIBRARY_CLOSED.log(root, s.value());
                }
            }
        }
        subnets(inner, hosts);
        hosts.global();
        if (family == 4) {
            // Kea 3 parses kea-dhcp4's interfaces-config after the subnets (Kea 2.2: before the
            // hooks libraries), starting from the default socket type, which it says (observed in
            // Kea 3's own -t output: NEW_SUBNET4, then "using socket type raw", the interfaces and
            // the socket type given or defaulted)
            DHCPSRV_CFGMGR_SOCKET_TYPE_SELECT.log(root, "raw");
            interfaces(ic);
        }
    }

    /** Whether the configuration turns multi-threading on (Kea 3's default: on). */
    private static boolean multiThreading(MapElement inner) {
        return !(inner.get("multi-threading") instanceof MapElement mt
                && mt.get("enable-multi-threading") instanceof ruru.json.BoolElement b && !b.value());
    }

    private void interfaces(MapElement ic) {
        boolean typed = family == 4 && ic.get("dhcp-socket-type") instanceof StringElement;
        if (typed) {
            DHCPSRV_CFGMGR_SOCKET_TYPE_SELECT.log(root, ((StringElement) ic.get("dhcp-socket-type")).value());
        }
        if (ic.get("interfaces") instanceof ListElement list) {
            for (Element e : list.items()) {
                if (!(e instanceof StringElement s)) {
                    continue;
                }
                String name = s.value();
                int slash = name.indexOf('/');
                if (name.equals("*")) {
                    DHCPSRV_CFGMGR_ALL_IFACES_ACTIVE.log(root);
                } else if (slash > 0) {
                    String iface = name.substring(0, slash).trim();
                    String addr = name.substring(slash + 1).trim();
                    if (family == 6 && linkLocal(addr)) {
                        DHCPSRV_CFGMGR_UNICAST_LINK_LOCAL.log(root, addr, iface);
                    }
                    (family == 4 ? DHCPSRV_CFGMGR_USE_ADDRESS : DHCPSRV_CFGMGR_USE_UNICAST).log(root, addr, iface);
                } else if (slash < 0) {
                    DHCPSRV_CFGMGR_ADD_IFACE.log(root, name);
                }
            }
        }
        if (family == 4 && !typed) {
            DHCPSRV_CFGMGR_SOCKET_TYPE_DEFAULT.log(root, "raw");
        }
    }

    private static boolean linkLocal(String text) {
        try {
            return ruru.wire.Ipv6Address.parse(text).isLinkLocal();
        } catch (ruru.wire.WireFormatException e) {
            return false;
        }
    }

    /** Shared networks' subnets first, then the top-level ones (Kea parses its map in key order). */
    private void subnets(MapElement inner, HostsTrace hosts) {
        LibraryMessages added = family == 4 ? DHCPSRV_CFGMGR_NEW_SUBNET4 : DHCPSRV_CFGMGR_NEW_SUBNET6;
        LibraryMessages adding = family == 4 ? DHCPSRV_CFGMGR_ADD_SUBNET4 : DHCPSRV_CFGMGR_ADD_SUBNET6;
        if (!added.in(root).enabled() && !adding.in(root).enabled() && hosts == HostsTrace.NONE) {
            return;
        }
        String key = family == 4 ? "subnet4" : "subnet6";
        if (inner.get("shared-networks") instanceof ListElement nets) {
            for (Element n : nets.items()) {
                if (n instanceof MapElement net && net.get(key) instanceof ListElement subs) {
                    subs.items().forEach(s -> subnet(inner, net, s, added, adding, hosts));
                }
            }
        }
        if (inner.get(key) instanceof ListElement subs) {
            subs.items().forEach(s -> subnet(inner, EMPTY_MAP, s, added, adding, hosts));
        }
    }

    /**
     * Kea's text of a new subnet: its prefix, the renew and rebind timers where set at some level,
     * (DHCPv6: the preferred lifetime), the valid lifetime, (DHCPv6: rapid commit), inherited from
     * the shared network and the globals with Kea's defaults.
     */
    private void subnet(MapElement global, MapElement net, Element s, LibraryMessages added, LibraryMessages adding,
                        HostsTrace hosts) {
        if (!(s instanceof MapElement subnet) || !(subnet.get("subnet") instanceof StringElement prefix)) {
            return;
        }
        StringBuilder params = new StringBuilder(prefix.value()).append(" with params: ");
        Long t1 = inherited("renew-timer", subnet, net, global);
        Long t2 = inherited("rebind-timer", subnet, net, global);
        Long valid = inherited("valid-lifetime", subnet, net, global);
        if (t1 != null) {
            params.append("t1=").append(t1).append(", ");
        }
        if (t2 != null) {
            params.append("t2=").append(t2).append(", ");
        }
        if (family == 6) {
            Long preferred = inherited("preferred-lifetime", subnet, net, global);
            params.append("preferred-lifetime=").append(preferred == null ? 3600 : preferred).append(", ");
        }
        params.append("valid-lifetime=").append(valid == null ? 7200 : valid);
        if (family == 6) {
            boolean rapid = false;
            for (MapElement m : new MapElement[] {subnet, net, global}) {
                if (m.get("rapid-commit") instanceof ruru.json.BoolElement b) {
                    rapid = b.value();
                    break;
                }
            }
            params.append(", rapid-commit is ").append(rapid);
        }
        added.log(root, params);
        hosts.subnet(prefix.value());
        adding.log(root, prefix.value());
    }

    private static Long inherited(String key, MapElement... levels) {
        for (MapElement m : levels) {
            if (m.get(key) instanceof IntElement i) {
                return i.value();
            }
        }
        return null;
    }

    /** The DHCP-DDNS client setting (after parsing, before the hook libraries load). */
    public void ddns(boolean enabled) {
        DHCPSRV_CFGMGR_CFG_DHCP_DDNS.log(root, enabled ? "DHCP_DDNS updates enabled" : "DHCP-DDNS updates disabled");
    }

    /**
     * The NameChangeRequest sender of the configuration in force stops: Kea writes it while it
     * parses a new configuration whose dhcp-ddns block differs (before the DHCP-DDNS setting) and
     * at shutdown (after the lease database closed, before the hook libraries unload).
     */
    public void senderStopped() {
        DHCPSRV_DHCP_DDNS_SENDER_STOPPED.log(root);
    }

    /** The sender of a new dhcp-ddns block starts (Kea: after the lease database opened). */
    public void senderStarted(ruru.ddns.client.D2ClientConfig client) {
        DHCPSRV_DHCP_DDNS_SENDER_STARTED.log(root, client.keaText());
    }

    /**
     * Whether Kea stops the sender of {@code before} (null: none configured yet) for {@code next}:
     * one runs and the block changed.
     */
    public static boolean senderStops(ruru.ddns.client.D2ClientConfig before, ruru.ddns.client.D2ClientConfig next) {
        return before != null && before.enableUpdates() && !before.equals(next);
    }

    /** Whether Kea starts a sender for {@code next}: updates on and none running with the same block. */
    public static boolean senderStarts(ruru.ddns.client.D2ClientConfig before, ruru.ddns.client.D2ClientConfig next) {
        return next.enableUpdates() && (before == null || !before.enableUpdates() || !before.equals(next));
    }

    /**
     * A new lease database is about to be opened: the one in force closed (with its cleanup timer),
     * then the new one's access string (the configured parameters in key order, the password hidden).
     */
    public void openingMemfile(MapElement leaseDatabase, boolean replacing, boolean hadLfc) {
        if (replacing) {
            DHCPSRV_CLOSE_DB.log(root, "memfile");
            if (hadLfc) {
                DHCPSRV_TIMERMGR_UNREGISTER_TIMER.log(root, LFC_TIMER);
                // Kea unregistered every timer when the configuration arrived, and says so here
                DHCPSRV_MEMFILE_LFC_UNREGISTER_TIMER_FAILED.log(root,
                        "unable to unregister non existing timer '" + LFC_TIMER + "'");
            }
        }
        KeaMessage opening = DHCPSRV_MEMFILE_DB.in(root);
        if (opening.enabled()) { // the access string only for a line that is written (start-up work)
            opening.log(accessString(leaseDatabase, family));
        }
    }

    /**
     * The memfile in force is kept for a new configuration (same file): Kea closes the lease
     * database and opens it again, loading its files, and says so; ruru writes the same lines in
     * Kea's order without reloading anything ({@code files}: those Kea would load).
     */
    public void reopeningMemfile(MapElement leaseDatabase, boolean hadLfc, List<java.nio.file.Path> files,
                                 long lfcSeconds) {
        openingMemfile(leaseDatabase, true, hadLfc);
        files.forEach(f -> DHCPSRV_MEMFILE_LEASE_FILE_LOAD.log(root, f));
        lfc(lfcSeconds);
    }

    /** The memfile's lease file cleanup timer (after the file is loaded). */
    public void lfc(long seconds) {
        if (seconds > 0) {
            DHCPSRV_MEMFILE_LFC_SETUP.log(root, seconds);
            DHCPSRV_TIMERMGR_REGISTER_TIMER.log(root, LFC_TIMER, seconds * 1000);
            DHCPSRV_TIMERMGR_START_TIMER.log(root, LFC_TIMER);
        }
    }

    /** The reclamation timers (seconds; 0 is none). */
    public void reclaimTimers(long reclaimSeconds, long flushSeconds) {
        timer(RECLAIM_TIMER, reclaimSeconds);
        timer(FLUSH_TIMER, flushSeconds);
    }

    private void timer(String name, long seconds) {
        if (seconds > 0) {
            DHCPSRV_TIMERMGR_REGISTER_TIMER.log(root, name, seconds * 1000);
            DHCPSRV_TIMERMGR_START_TIMER.log(root, name);
        }
    }

    /** The service stops: its lease database closed, every timer gone. */
    public void stopping(boolean memfile, boolean lfc) {
        if (memfile) {
            DHCPSRV_CLOSE_DB.log(root, "memfile");
            if (lfc) {
                DHCPSRV_TIMERMGR_UNREGISTER_TIMER.log(root, LFC_TIMER);
            }
        }
        DHCPSRV_TIMERMGR_UNREGISTER_ALL_TIMERS.log(root);
    }

    /** Kea's access string: "key=value" for each configured parameter and the universe, in key order. */
    static String accessString(MapElement db, int family) {
        Map<String, String> params = new TreeMap<>();
        db.entries().forEach((k, v) -> params.put(k, Redaction.isSecret(k) ? Redaction.MASK : scalar(v)));
        params.put("universe", Integer.toString(family));
        List<String> parts = new ArrayList<>();
        params.forEach((k, v) -> parts.add(k + "=" + v));
        return String.join(" ", parts);
    }

    private static String scalar(Element e) {
        return e instanceof StringElement s ? s.value() : Json.toCompact(e);
    }
}
