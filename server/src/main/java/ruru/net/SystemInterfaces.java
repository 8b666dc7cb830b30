package ruru.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import ruru.wire.Ipv4Address;
import ruru.wire.Ipv6Address;

/**
 * The interfaces a configuration is checked against, as Kea's IfaceMgr knows them: every link of
 * this network namespace, up or down, with or without addresses (Kea reads them over netlink; the
 * JDK lists only interfaces that have an address, so the names come from {@code /proc/self/net/dev},
 * which is per network namespace), and each one's addresses of both families.
 *
 * <p>Kea detects them when the server starts and again whenever a configuration is applied with
 * {@code interfaces-config} and {@code re-detect} true (its default); {@code -t} and
 * {@code config-test} check against the last detection (Kea 2.2 and 3.0: the parser does not
 * re-detect in check-only mode). {@link #lastDetected()} and {@link #redetect()} keep that state for
 * the process, shared by both families.
 */
public record SystemInterfaces(Map<String, Set<Ipv4Address>> v4, Map<String, Set<Ipv6Address>> v6) {

    private static final AtomicReference<SystemInterfaces> LAST = new AtomicReference<>();

    public SystemInterfaces {
        Map<String, Set<Ipv4Address>> a = new LinkedHashMap<>();
        v4.forEach((k, v) -> a.put(k, Set.copyOf(v)));
        Map<String, Set<Ipv6Address>> b = new LinkedHashMap<>();
        for (String name : v4.keySet()) {
            b.put(name, Set.copyOf(v6.getOrDefault(name, Set.of())));
        }
        v6.forEach((k, v) -> {
            b.putIfAbsent(k, Set.copyOf(v));
            a.putIfAbsent(k, Set.of());
        });
        v4 = java.util.Collections.unmodifiableMap(a);
        v6 = java.util.Collections.unmodifiableMap(b);
    }

    /** Interfaces by name only, without addresses (for tests standing in for a machine). */
    public static SystemInterfaces named(String... names) {
        Map<String, Set<Ipv4Address>> m = new LinkedHashMap<>();
        for (String n : names) {
            m.put(n, Set.of());
        }
        return new SystemInterfaces(m, Map.of());
    }

    public boolean exists(String name) {
        return v4.containsKey(name);
    }

    public Set<String> names() {
        return v4.keySet();
    }

    public boolean hasAddress(String name, Ipv4Address a) {
        return v4.getOrDefault(name, Set.of()).contains(a);
    }

    public boolean hasAddress(String name, Ipv6Address a) {
        return v6.getOrDefault(name, Set.of()).contains(a);
    }

    /** The interfaces of this network namespace now. */
    public static SystemInterfaces detect() throws IOException {
        Map<String, Set<Ipv4Address>> v4 = new LinkedHashMap<>();
        Map<String, Set<Ipv6Address>> v6 = new LinkedHashMap<>();
        for (String name : linkNames()) {
            v4.put(name, new LinkedHashSet<>());
            v6.put(name, new LinkedHashSet<>());
        }
        for (NetworkInterface ni : NetworkInterface.networkInterfaces().toList()) {
            Set<Ipv4Address> a = v4.computeIfAbsent(ni.getName(), k -> new LinkedHashSet<>());
            Set<Ipv6Address> b = v6.computeIfAbsent(ni.getName(), k -> new LinkedHashSet<>());
            for (InetAddress ia : ni.inetAddresses().toList()) {
                if (ia instanceof Inet4Address x) {
                    a.add(Ipv4Address.of(x.getAddress(), 0));
                } else if (ia instanceof Inet6Address x) {
                    b.add(Ipv6Address.of(x.getAddress(), 0));
                }
            }
        }
        return new SystemInterfaces(v4, v6);
    }

    /** Kea's list as detected last in this process (detected now if never before). */
    public static SystemInterfaces lastDetected() {
        SystemInterfaces s = LAST.get();
        return s != null ? s : redetect();
    }

    /** Detects again, as Kea does when it applies a configuration with {@code re-detect} true. */
    public static SystemInterfaces redetect() {
        try {
            SystemInterfaces s = detect();
            LAST.set(s);
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the network interfaces", e);
        }
    }

    /** Every link's name from /proc/self/net/dev ("  eth0: 123 ..."), the reading process's namespace. */
    private static List<String> linkNames() throws IOException {
        Path dev = Path.of("/proc/self/net/dev");
        if (!Files.isReadable(dev)) {
            return List.of();
        }
        return Files.readAllLines(dev).stream().skip(2).map(l -> l.indexOf(':') < 0 ? "" : l.substring(0,
                l.indexOf(':')).trim()).filter(n -> !n.isEmpty()).toList();
    }
}
