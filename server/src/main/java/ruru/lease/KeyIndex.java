package ruru.lease;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A secondary index key -> addresses for either family. Most keys (a MAC, a DUID) map to one or
 * a few addresses, so a key holds a bare address, then a small copy-on-write array, and only past
 * {@link #ARRAY_MAX} entries (a subnet, a common hostname) a concurrent set: a million leases must
 * not cost a set each. Every change runs inside {@link ConcurrentHashMap#compute}, which is atomic
 * per key; readers get a snapshot and must re-check each address against the primary map.
 */
final class KeyIndex<K, A> {

    private static final int ARRAY_MAX = 16;

    private final ConcurrentHashMap<K, Object> map = new ConcurrentHashMap<>();

    void add(K key, A address) {
        map.compute(key, (k, v) -> {
            if (v == null) {
                return new Single(address);
            }
            if (v instanceof Single one) {
                return one.address.equals(address) ? one : new Object[] {one.address, address};
            }
            if (v instanceof Object[] arr) {
                for (Object a : arr) {
                    if (a.equals(address)) {
                        return arr;
                    }
                }
                if (arr.length < ARRAY_MAX) {
                    Object[] grown = java.util.Arrays.copyOf(arr, arr.length + 1);
                    grown[arr.length] = address;
                    return grown;
                }
                Set<Object> set = ConcurrentHashMap.newKeySet();
                set.addAll(java.util.Arrays.asList(arr));
                set.add(address);
                return set;
            }
            setOf(v).add(address);
            return v;
        });
    }

    void remove(K key, A address) {
        map.computeIfPresent(key, (k, v) -> {
            if (v instanceof Single one) {
                return one.address.equals(address) ? null : one;
            }
            if (v instanceof Object[] arr) {
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
                    return new Single(arr[1 - at]);
                }
                Object[] shrunk = new Object[arr.length - 1];
                System.arraycopy(arr, 0, shrunk, 0, at);
                System.arraycopy(arr, at + 1, shrunk, at, arr.length - at - 1);
                return shrunk;
            }
            Set<Object> set = setOf(v);
            set.remove(address);
            return set.isEmpty() ? null : v;
        });
    }

    @SuppressWarnings("unchecked")
    List<A> get(K key) {
        Object v = map.get(key);
        if (v == null) {
            return List.of();
        }
        if (v instanceof Single one) {
            return List.of((A) one.address);
        }
        if (v instanceof Object[] arr) {
            List<A> out = new ArrayList<>(arr.length);
            for (Object a : arr) {
                out.add((A) a);
            }
            return out;
        }
        List<A> out = new ArrayList<>();
        for (Object a : setOf(v)) {
            out.add((A) a);
        }
        return out;
    }

    /** One address, boxed so that an address type that is itself an array could never be confused. */
    private record Single(Object address) {
    }

    @SuppressWarnings("unchecked")
    private static Set<Object> setOf(Object v) {
        return (Set<Object>) v;
    }
}
