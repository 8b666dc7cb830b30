package ruru.lease;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import ruru.wire.Ipv4Address;

/**
 * A secondary index key -> addresses. Most keys (a MAC, a client id) map to one address, so a key
 * holds a bare address, then a small copy-on-write array, and only past {@link #ARRAY_MAX} entries
 * (a subnet, a common hostname) a concurrent set: a million leases must not cost a set each.
 * Every change runs inside {@link ConcurrentHashMap#compute}, which is atomic per key; readers
 * get a snapshot and must re-check each address against the primary map.
 */
final class AddressIndex<K> {

    private static final int ARRAY_MAX = 16;

    private final ConcurrentHashMap<K, Object> map = new ConcurrentHashMap<>();

    void add(K key, Ipv4Address address) {
        map.compute(key, (k, v) -> {
            if (v == null) {
                return address;
            }
            if (v instanceof Ipv4Address one) {
                return one.equals(address) ? one : new Ipv4Address[] {one, address};
            }
            if (v instanceof Ipv4Address[] arr) {
                for (Ipv4Address a : arr) {
                    if (a.equals(address)) {
                        return arr;
                    }
                }
                if (arr.length < ARRAY_MAX) {
                    Ipv4Address[] grown = Arrays.copyOf(arr, arr.length + 1);
                    grown[arr.length] = address;
                    return grown;
                }
                Set<Ipv4Address> set = ConcurrentHashMap.newKeySet();
                set.addAll(Arrays.asList(arr));
                set.add(address);
                return set;
            }
            setOf(v).add(address);
            return v;
        });
    }

    void remove(K key, Ipv4Address address) {
        map.computeIfPresent(key, (k, v) -> {
            if (v instanceof Ipv4Address one) {
                return one.equals(address) ? null : one;
            }
            if (v instanceof Ipv4Address[] arr) {
                int at = -1;
                for (int i = 0; i < arr.length; i++) {
                    if (arr[i].equals(address)) {
                        at = i;
                    }
                }
                if (at < 0) {
                    return arr;
                }
                if (arr.length == 2) {
                    return arr[1 - at];
                }
                Ipv4Address[] shrunk = new Ipv4Address[arr.length - 1];
                System.arraycopy(arr, 0, shrunk, 0, at);
                System.arraycopy(arr, at + 1, shrunk, at, arr.length - at - 1);
                return shrunk;
            }
            Set<Ipv4Address> set = setOf(v);
            set.remove(address);
            return set.isEmpty() ? null : v;
        });
    }

    List<Ipv4Address> get(K key) {
        Object v = map.get(key);
        if (v == null) {
            return List.of();
        }
        if (v instanceof Ipv4Address one) {
            return List.of(one);
        }
        if (v instanceof Ipv4Address[] arr) {
            return List.of(arr);
        }
        return new ArrayList<>(setOf(v));
    }

    @SuppressWarnings("unchecked")
    private static Set<Ipv4Address> setOf(Object v) {
        return (Set<Ipv4Address>) v;
    }
}
