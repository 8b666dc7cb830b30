package ruru.ddns.d2.update;

import java.util.List;

import ruru.daemon.stats.StatsManager;
import ruru.ddns.d2.config.TsigKeySpec;

/**
 * D2's statistics with Kea's names (FACTS 11.8): the NCR counters, the update counters, and the
 * same update counters per TSIG key as {@code key[<name>.].*}, the name with its trailing dot.
 */
public final class D2Statistics {

    public static final String NCR_RECEIVED = "ncr-received";
    public static final String NCR_INVALID = "ncr-invalid";
    public static final String NCR_ERROR = "ncr-error";
    public static final String QUEUE_FULL = "queue-mgr-queue-full";
    static final String SENT = "update-sent";
    static final String SIGNED = "update-signed";
    static final String UNSIGNED = "update-unsigned";
    static final String SUCCESS = "update-success";
    static final String TIMEOUT = "update-timeout";
    static final String ERROR = "update-error";

    private static final List<String> GLOBAL = List.of(NCR_RECEIVED, NCR_INVALID, NCR_ERROR, QUEUE_FULL, SENT,
            SIGNED, UNSIGNED, SUCCESS, TIMEOUT, ERROR);
    private static final List<String> PER_KEY = List.of(SENT, SUCCESS, TIMEOUT, ERROR);

    private final StatsManager stats;

    public D2Statistics(StatsManager stats) {
        this.stats = stats;
    }

    /** Creates the global statistics at 0 (at start, as Kea's D2 does). */
    public void initGlobal() {
        GLOBAL.forEach(n -> {
            if (!stats.has(n)) {
                stats.setValue(n, 0L);
            }
        });
    }

    /** A new configuration's keys get their statistics at 0; those of removed keys go. */
    public void initKeys(List<TsigKeySpec> keys) {
        for (String name : List.copyOf(stats.names())) {
            if (name.startsWith("key[")) {
                stats.remove(name);
            }
        }
        for (TsigKeySpec k : keys) {
            PER_KEY.forEach(s -> stats.setValue(keyStat(k.absoluteName(), s), 0L));
        }
    }

    static String keyStat(String absoluteKeyName, String stat) {
        return "key[" + absoluteKeyName + "]." + stat;
    }

    public void add(String name) {
        stats.addValue(name, 1L);
    }

    /** One DNS message sent, signed with {@code key} (absolute name) or unsigned (null). */
    void sent(String key) {
        add(SENT);
        add(key == null ? UNSIGNED : SIGNED);
        if (key != null) {
            add(keyStat(key, SENT));
        }
    }

    /** How the exchange ended: {@code stat} is SUCCESS, TIMEOUT or ERROR. */
    void outcome(String key, String stat) {
        add(stat);
        if (key != null) {
            add(keyStat(key, stat));
        }
    }
}
