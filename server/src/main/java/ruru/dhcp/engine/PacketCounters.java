package ruru.dhcp.engine;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

import ruru.daemon.stats.StatsManager;

/**
 * Kea's packet counters of either family ({@code pkt4-*}, {@code pkt6-*}): received, sent, parse
 * failures, receive drops, unknown messages, and one received (sent) counter per message type the
 * family counts; created at zero when the service starts, as Kea does (but for the types whose
 * counter Kea creates with the first such message). A family binds it with its prefix and its
 * message-type names.
 *
 * @param <T> the family's message type
 */
public class PacketCounters<T extends Enum<T>> {

    private final StatsManager stats;
    private final String received;
    private final String sent;
    private final String parseFailed;
    private final String receiveDrop;
    private final String unknownReceived;
    private final Map<T, String> receivedByType;
    private final Map<T, String> sentByType;
    private final Set<T> notAtStart;

    /** Every counter created at zero at start. */
    protected PacketCounters(StatsManager stats, String prefix, Map<T, String> receivedByType,
            Map<T, String> sentByType) {
        this(stats, prefix, receivedByType, sentByType, Set.of());
    }

    /**
     * @param prefix         {@code pkt4} or {@code pkt6}
     * @param receivedByType each counted message type's received counter
     * @param sentByType     each counted message type's sent counter
     * @param notAtStart     the types whose received counter appears with the first such message
     */
    protected PacketCounters(StatsManager stats, String prefix, Map<T, String> receivedByType,
            Map<T, String> sentByType, Set<T> notAtStart) {
        this.stats = stats;
        this.received = prefix + "-received";
        this.sent = prefix + "-sent";
        this.parseFailed = prefix + "-parse-failed";
        this.receiveDrop = prefix + "-receive-drop";
        this.unknownReceived = prefix + "-unknown-received";
        this.receivedByType = new EnumMap<>(receivedByType);
        this.sentByType = new EnumMap<>(sentByType);
        this.notAtStart = Set.copyOf(notAtStart);
    }

    /** Every counter at zero unless it exists (a reconfiguration keeps the counts). */
    public void initialize() {
        for (String name : new String[] {received, sent, parseFailed, receiveDrop, unknownReceived}) {
            zero(name);
        }
        receivedByType.forEach((type, name) -> {
            if (!notAtStart.contains(type)) {
                zero(name);
            }
        });
        sentByType.values().forEach(this::zero);
    }

    private void zero(String name) {
        if (!stats.has(name)) {
            stats.setValue(name, 0L);
        }
    }

    /** A parsed message: received and its type's counter (unknown-received for the rest, or null). */
    public void received(T type) {
        stats.addValue(received, 1L);
        stats.addValue(type == null ? unknownReceived : receivedByType.getOrDefault(type, unknownReceived), 1L);
    }

    /** A datagram that did not parse: received, parse-failed and a receive drop. */
    public void parseFailed() {
        stats.addValue(received, 1L);
        stats.addValue(parseFailed, 1L);
        stats.addValue(receiveDrop, 1L);
    }

    /** A datagram a buffer-receive callout dropped: received, and its drop is the callout's to count (Kea). */
    public void receivedOnly() {
        stats.addValue(received, 1L);
    }

    public void dropped() {
        stats.addValue(receiveDrop, 1L);
    }

    /** Datagrams the full packet queue dropped: received and receive drops. */
    public void queueDropped(long n) {
        stats.addValue(received, n);
        stats.addValue(receiveDrop, n);
    }

    public void sent(T type) {
        sent(type, 1L);
    }

    /**
     * A reply counted as sent whose exchange failed when its batch's lease rows were written
     * (group commit): it is counted back and the query counted as a drop, as a failed write of a
     * single exchange is counted.
     */
    public void unsentForFailedWrite(T type) {
        if (type != null) {
            sent(type, -1L);
        }
        dropped();
    }

    private void sent(T type, long delta) {
        stats.addValue(sent, delta);
        String name = sentByType.get(type);
        if (name != null) {
            stats.addValue(name, delta);
        }
    }
}
