package ruru.daemon.metrics;

/**
 * Where Kea reports a statistic, read from its name: {@code pkt4-received} (global),
 * {@code subnet[1].assigned-addresses}, {@code subnet[1].pool[0].assigned-addresses},
 * {@code subnet[1].pd-pool[0].assigned-pds} (DHCPv6) and D2's per-key
 * {@code key[ddns-key.].update-sent}.
 */
public enum StatScope {
    GLOBAL, SUBNET, POOL, PD_POOL, KEY;

    /**
     * A statistic name taken apart.
     *
     * @param base     the name without its scope prefix ({@code assigned-addresses})
     * @param subnetId the subnet id (SUBNET, POOL, PD_POOL), else -1
     * @param poolId   the pool's id (POOL, PD_POOL), else -1
     * @param key      the TSIG key name (KEY), else null
     */
    public record Name(StatScope scope, String base, long subnetId, long poolId, String key) {

        /** Parses {@code name}; a name with a malformed prefix is GLOBAL (it then maps to nothing). */
        public static Name parse(String name) {
            if (name.startsWith("key[")) {
                int close = name.indexOf("].", 4);
                if (close > 4) {
                    return new Name(KEY, name.substring(close + 2), -1, -1, name.substring(4, close));
                }
                return global(name);
            }
            if (!name.startsWith("subnet[")) {
                return global(name);
            }
            int close = name.indexOf("].", 7);
            long subnet = close > 7 ? number(name, 7, close) : -1;
            if (subnet < 0) {
                return global(name);
            }
            String rest = name.substring(close + 2);
            for (StatScope pool : new StatScope[] {POOL, PD_POOL}) {
                String prefix = pool == POOL ? "pool[" : "pd-pool[";
                if (rest.startsWith(prefix)) {
                    int end = rest.indexOf("].", prefix.length());
                    long id = end > prefix.length() ? number(rest, prefix.length(), end) : -1;
                    return id < 0 ? global(name) : new Name(pool, rest.substring(end + 2), subnet, id, null);
                }
            }
            return new Name(SUBNET, rest, subnet, -1, null);
        }

        private static Name global(String name) {
            return new Name(GLOBAL, name, -1, -1, null);
        }

        private static long number(String s, int from, int to) {
            if (to - from > 18) {
                return -1;
            }
            long v = 0;
            for (int i = from; i < to; i++) {
                char c = s.charAt(i);
                if (c < '0' || c > '9') {
                    return -1;
                }
                v = v * 10 + (c - '0');
            }
            return v;
        }
    }
}
