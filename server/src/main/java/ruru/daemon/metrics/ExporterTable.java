package ruru.daemon.metrics;

import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which Kea statistic becomes which kea-exporter family, for one daemon: the families (name,
 * help, label names) and one row per statistic and scope, with the fixed labels the row adds
 * ({@code operation="discover"}). A statistic with no row is not exported under kea-exporter's
 * names (kea-exporter ignores it too), so a new Kea statistic is one {@link Builder#row} away.
 */
public final class ExporterTable {

    /** The label names kea-exporter derives from a statistic's scope. */
    public static final String SUBNET = "subnet";
    public static final String SUBNET_ID = "subnet_id";
    public static final String POOL = "pool";
    public static final String KEY = "key";

    /**
     * The type kea-exporter declares for a family. Its counters (packet, failure and reclaim
     * counts) are counters here too; what it declares a gauge (assigned, declined and total
     * addresses, lease reuses) is exposed {@code untyped}: the same series, not claimed to be
     * monotonic (assigned-addresses falls when leases go), and accepted by {@code promtool check
     * metrics}, which refuses a gauge whose name ends in {@code _total} (kea-exporter's own scrape
     * fails it for that reason).
     */
    public enum Kind { COUNTER, GAUGE }

    /**
     * A family as Prometheus shows it.
     *
     * @param sampleName kea-exporter's name, ending in {@code _total} ({@code kea_dhcp4_packets_sent_total})
     * @param kind       the type kea-exporter declares for it
     */
    public record Family(String sampleName, String help, List<String> labels, Kind kind) {
        public Family {
            if (!sampleName.endsWith("_total")) {
                throw new IllegalArgumentException("kea-exporter family without _total: " + sampleName);
            }
            labels = List.copyOf(labels);
        }

        /** The family name of the counter, without the {@code _total} the exposition adds. */
        public String counterName() {
            return sampleName.substring(0, sampleName.length() - "_total".length());
        }
    }

    /** One statistic at one scope, exported into {@code family} with {@code fixed} labels. */
    public record Row(String statistic, StatScope scope, Family family, Map<String, String> fixed) {
    }

    private record Key(String statistic, StatScope scope) {
    }

    private final String prefix;
    private final Map<String, Family> families;
    private final Map<Key, Row> rows;

    private ExporterTable(String prefix, Map<String, Family> families, Map<Key, Row> rows) {
        this.prefix = prefix;
        this.families = Map.copyOf(families);
        this.rows = Map.copyOf(rows);
    }

    /** {@code kea_dhcp4}, {@code kea_dhcp6}, {@code kea_ddns}. */
    public String prefix() {
        return prefix;
    }

    public Collection<Family> families() {
        return families.values();
    }

    public Collection<Row> rows() {
        return rows.values();
    }

    /** The row for a statistic's base name at a scope, if it is exported. */
    public Optional<Row> row(String statistic, StatScope scope) {
        return Optional.ofNullable(rows.get(new Key(statistic, scope)));
    }

    public static Builder builder(String prefix) {
        return new Builder(prefix);
    }

    /** Declares families first, then rows naming them by their short name ({@code packets_sent_total}). */
    public static final class Builder {
        private final String prefix;
        private final Map<String, Family> families = new LinkedHashMap<>();
        private final Map<Key, Row> rows = new LinkedHashMap<>();

        private Builder(String prefix) {
            this.prefix = prefix;
        }

        /** A family kea-exporter declares a counter. */
        public Builder family(String shortName, String help, String... labels) {
            families.put(shortName, new Family(prefix + "_" + shortName, help, List.of(labels), Kind.COUNTER));
            return this;
        }

        /** A family kea-exporter declares a gauge. */
        public Builder gauge(String shortName, String help, String... labels) {
            families.put(shortName, new Family(prefix + "_" + shortName, help, List.of(labels), Kind.GAUGE));
            return this;
        }

        /** A statistic exported at {@code scopes}; {@code fixed} alternates label names and values. */
        public Builder row(String statistic, Set<StatScope> scopes, String family, String... fixed) {
            Family f = families.get(family);
            if (f == null) {
                throw new IllegalArgumentException("undeclared family " + family);
            }
            Map<String, String> labels = new LinkedHashMap<>();
            for (int i = 0; i + 1 < fixed.length; i += 2) {
                labels.put(fixed[i], fixed[i + 1]);
            }
            if (!f.labels().containsAll(labels.keySet())) {
                throw new IllegalArgumentException(family + " has no label among " + labels.keySet());
            }
            for (StatScope scope : scopes) {
                if (rows.putIfAbsent(new Key(statistic, scope), new Row(statistic, scope, f, Map.copyOf(labels))) != null) {
                    throw new IllegalArgumentException("two rows for " + statistic + " at " + scope);
                }
            }
            return this;
        }

        /** Global packet counters: {@code pkt4-discover-received} → {@code operation="discover"}. */
        public Builder packets(String family, String... statisticAndOperation) {
            for (int i = 0; i + 1 < statisticAndOperation.length; i += 2) {
                row(statisticAndOperation[i], EnumSet.of(StatScope.GLOBAL), family, "operation", statisticAndOperation[i + 1]);
            }
            return this;
        }

        public ExporterTable build() {
            return new ExporterTable(prefix, families, rows);
        }
    }
}
