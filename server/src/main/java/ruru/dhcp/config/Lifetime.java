package ruru.dhcp.config;

/**
 * A lifetime triplet (Kea's {@code min-X-lifetime}, {@code X-lifetime}, {@code max-X-lifetime}): a
 * client asking for a lifetime gets it clamped to [min, max]; a client that does not ask gets
 * {@code dflt}.
 */
public record Lifetime(long min, long dflt, long max) {

    public Lifetime {
        if (min > dflt || dflt > max) {
            throw new IllegalArgumentException("need min <= default <= max: " + min + ", " + dflt + ", " + max);
        }
    }

    /** The lifetime to grant when the client asked for {@code requested} (0 or less: did not ask). */
    public long grant(long requested) {
        if (requested <= 0) {
            return dflt;
        }
        return Math.max(min, Math.min(max, requested));
    }
}
