package example.d2keys;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import ruru.hooks.D2SrvConfiguredCallout;
import ruru.hooks.DdnsDomainInfo;
import ruru.hooks.DnsServerInfo;
import ruru.hooks.HookLibrary;
import ruru.hooks.HookPoint;
import ruru.hooks.LibraryHandle;
import ruru.hooks.NextStep;
import ruru.hooks.SelectKeyCallout;
import ruru.hooks.TsigKeyInfo;
import ruru.json.Element;
import ruru.json.IntElement;
import ruru.json.ListElement;
import ruru.json.MapElement;
import ruru.json.StringElement;

/**
 * A D2 (ruru ddns) library for its two hook points:
 * <ul>
 *   <li>{@code d2_srv_configured}: with {@code "require-keys": true}, a configuration in which any DNS
 *       server would get unsigned updates is refused (DROP with an error text: config-set,
 *       config-reload and start-up fail with it);</li>
 *   <li>{@code select_key}: the servers listed in {@code "keys"} get their updates signed with the key
 *       given there instead of the configured one; the servers listed in {@code "skip"} are skipped
 *       (D2 goes on to the next server of the domain).</li>
 * </ul>
 * Parameters:
 * <pre>
 * { "require-keys": true,
 *   "keys": [ { "ip-address": "192.0.2.53", "port": 53,
 *               "name": "other-key", "algorithm": "HMAC-SHA512", "secret": "base64..." } ],
 *   "skip": [ { "ip-address": "192.0.2.54", "port": 53 } ] }
 * </pre>
 */
public final class D2KeysLibrary implements HookLibrary {

    private boolean requireKeys;
    private Map<String, TsigKeyInfo> keys = Map.of();
    private List<String> skipped = List.of();

    @Override
    public void load(LibraryHandle handle) {
        requireKeys = handle.parameter("require-keys").flatMap(Element::asBoolean).orElse(false);
        keys = readKeys(handle.parameter("keys"));
        skipped = readServers(handle.parameter("skip"));
        handle.registerCallout(HookPoint.D2_SRV_CONFIGURED, (D2SrvConfiguredCallout) this::configured);
        handle.registerCallout(HookPoint.SELECT_KEY, (SelectKeyCallout) this::selectKey);
        // Key names only: a secret is never logged.
        handle.log().info("D2_KEYS_LOADED {} replaced key(s) {}, {} skipped server(s), unsigned updates {}",
                keys.size(), keys.values().stream().map(TsigKeyInfo::name).toList(), skipped.size(),
                requireKeys ? "refused" : "allowed");
    }

    private static String server(String address, long port) {
        return address + " port " + port;
    }

    private static Map<String, TsigKeyInfo> readKeys(Optional<Element> list) {
        java.util.LinkedHashMap<String, TsigKeyInfo> out = new java.util.LinkedHashMap<>();
        for (MapElement m : maps(list, "keys")) {
            TsigKeyInfo key = new TsigKeyInfo(text(m, "name"), text(m, "algorithm"),
                    (int) (m.get("digest-bits") instanceof IntElement i ? i.value() : 0),
                    Base64.getDecoder().decode(text(m, "secret")));
            out.put(server(text(m, "ip-address"), port(m)), key);
        }
        return Map.copyOf(out);
    }

    private static List<String> readServers(Optional<Element> list) {
        List<String> out = new ArrayList<>();
        for (MapElement m : maps(list, "skip")) {
            out.add(server(text(m, "ip-address"), port(m)));
        }
        return List.copyOf(out);
    }

    private static List<MapElement> maps(Optional<Element> list, String what) {
        if (list.isEmpty()) {
            return List.of();
        }
        if (!(list.get() instanceof ListElement l)) {
            throw new IllegalArgumentException("parameter '" + what + "' must be a list of maps");
        }
        List<MapElement> out = new ArrayList<>();
        for (Element e : l.items()) {
            if (!(e instanceof MapElement m)) {
                throw new IllegalArgumentException("parameter '" + what + "' must be a list of maps");
            }
            out.add(m);
        }
        return out;
    }

    private static String text(MapElement m, String key) {
        if (!(m.get(key) instanceof StringElement s)) {
            throw new IllegalArgumentException("'" + key + "' must be a string");
        }
        return s.value();
    }

    private static long port(MapElement m) {
        return m.get("port") instanceof IntElement i ? i.value() : 53;
    }

    /** Refuses a configuration with a server that has no key, unless this library gives it one. */
    private NextStep configured(D2SrvConfiguredCallout.Args args) {
        if (!requireKeys) {
            return NextStep.CONTINUE;
        }
        List<DdnsDomainInfo> domains = new ArrayList<>(args.forwardDomains());
        domains.addAll(args.reverseDomains());
        for (DdnsDomainInfo d : domains) {
            for (DnsServerInfo s : d.servers()) {
                String at = server(s.address(), s.port());
                if (s.keyName().isEmpty() && !keys.containsKey(at) && !skipped.contains(at)) {
                    args.setError("unsigned updates are not allowed: DNS server " + at + " of domain " + d.name()
                            + " has no TSIG key");
                    return NextStep.DROP;
                }
            }
        }
        return NextStep.CONTINUE;
    }

    private NextStep selectKey(SelectKeyCallout.Args args) {
        DnsServerInfo s = args.currentServer();
        String at = server(s.address(), s.port());
        if (skipped.contains(at)) {
            return NextStep.SKIP;
        }
        TsigKeyInfo key = keys.get(at);
        if (key != null) {
            args.setTsigKey(key);
        }
        return NextStep.CONTINUE;
    }

    @Override
    public boolean multiThreadingCompatible() {
        return true;
    }
}
