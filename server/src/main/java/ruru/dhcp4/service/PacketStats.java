package ruru.dhcp4.service;

import java.util.EnumMap;
import java.util.Map;

import ruru.daemon.stats.StatsManager;
import ruru.wire.v4.MessageType;

/** Kea's pkt4-* counters (FACTS section 5), created at zero when the service starts, as Kea does. */
final class PacketStats {

    static final String RECEIVED = "pkt4-received";
    static final String SENT = "pkt4-sent";
    static final String PARSE_FAILED = "pkt4-parse-failed";
    static final String RECEIVE_DROP = "pkt4-receive-drop";
    static final String UNKNOWN_RECEIVED = "pkt4-unknown-received";

    private static final Map<MessageType, String> RECEIVED_BY_TYPE = new EnumMap<>(Map.of(
            MessageType.DISCOVER, "pkt4-discover-received", MessageType.OFFER, "pkt4-offer-received",
            MessageType.REQUEST, "pkt4-request-received", MessageType.ACK, "pkt4-ack-received",
            MessageType.NAK, "pkt4-nak-received", MessageType.RELEASE, "pkt4-release-received",
            MessageType.DECLINE, "pkt4-decline-received", MessageType.INFORM, "pkt4-inform-received"));

    private static final Map<MessageType, String> SENT_BY_TYPE = new EnumMap<>(Map.of(
            MessageType.OFFER, "pkt4-offer-sent", MessageType.ACK, "pkt4-ack-sent", MessageType.NAK, "pkt4-nak-sent"));

    private final StatsManager stats;

    PacketStats(StatsManager stats) {
        this.stats = stats;
    }

    void initialize() {
        for (String name : new String[] {RECEIVED, SENT, PARSE_FAILED, RECEIVE_DROP, UNKNOWN_RECEIVED}) {
            zero(name);
        }
        RECEIVED_BY_TYPE.values().forEach(this::zero);
        SENT_BY_TYPE.values().forEach(this::zero);
    }

    private void zero(String name) {
        if (!stats.has(name)) {
            stats.setValue(name, 0L);
        }
    }

    void received(MessageType type) {
        stats.addValue(RECEIVED, 1L);
        stats.addValue(type == null ? UNKNOWN_RECEIVED : RECEIVED_BY_TYPE.getOrDefault(type, UNKNOWN_RECEIVED), 1L);
    }

    void parseFailed() {
        stats.addValue(RECEIVED, 1L);
        stats.addValue(PARSE_FAILED, 1L);
        stats.addValue(RECEIVE_DROP, 1L);
    }

    /** A datagram a buffer4_receive callout dropped: received, and its drop is the callout's to count (Kea). */
    void receivedOnly() {
        stats.addValue(RECEIVED, 1L);
    }

    void dropped() {
        stats.addValue(RECEIVE_DROP, 1L);
    }

    void sent(MessageType type) {
        stats.addValue(SENT, 1L);
        String name = SENT_BY_TYPE.get(type);
        if (name != null) {
            stats.addValue(name, 1L);
        }
    }
}
