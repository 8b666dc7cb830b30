package ruru.dhcp6.service;

import java.util.EnumMap;
import java.util.Map;

import ruru.daemon.stats.StatsManager;
import ruru.wire.v6.Dhcp6MessageType;

/** Kea's pkt6-* counters (FACTS 10.10), created at zero when the service starts, as Kea does. */
final class PacketStats6 {

    static final String RECEIVED = "pkt6-received";
    static final String SENT = "pkt6-sent";
    static final String PARSE_FAILED = "pkt6-parse-failed";
    static final String RECEIVE_DROP = "pkt6-receive-drop";
    static final String UNKNOWN_RECEIVED = "pkt6-unknown-received";

    private static final Map<Dhcp6MessageType, String> RECEIVED_BY_TYPE = new EnumMap<>(Dhcp6MessageType.class);
    private static final Map<Dhcp6MessageType, String> SENT_BY_TYPE = new EnumMap<>(Dhcp6MessageType.class);

    static {
        RECEIVED_BY_TYPE.put(Dhcp6MessageType.SOLICIT, "pkt6-solicit-received");
        RECEIVED_BY_TYPE.put(Dhcp6MessageType.ADVERTISE, "pkt6-advertise-received");
        RECEIVED_BY_TYPE.put(Dhcp6MessageType.REQUEST, "pkt6-request-received");
        RECEIVED_BY_TYPE.put(Dhcp6MessageType.REPLY, "pkt6-reply-received");
        RECEIVED_BY_TYPE.put(Dhcp6MessageType.RENEW, "pkt6-renew-received");
        RECEIVED_BY_TYPE.put(Dhcp6MessageType.REBIND, "pkt6-rebind-received");
        RECEIVED_BY_TYPE.put(Dhcp6MessageType.RELEASE, "pkt6-release-received");
        RECEIVED_BY_TYPE.put(Dhcp6MessageType.DECLINE, "pkt6-decline-received");
        RECEIVED_BY_TYPE.put(Dhcp6MessageType.CONFIRM, "pkt6-confirm-received");
        RECEIVED_BY_TYPE.put(Dhcp6MessageType.INFORMATION_REQUEST, "pkt6-infrequest-received");
        RECEIVED_BY_TYPE.put(Dhcp6MessageType.DHCPV4_QUERY, "pkt6-dhcpv4-query-received");
        RECEIVED_BY_TYPE.put(Dhcp6MessageType.DHCPV4_RESPONSE, "pkt6-dhcpv4-response-received");
        SENT_BY_TYPE.put(Dhcp6MessageType.ADVERTISE, "pkt6-advertise-sent");
        SENT_BY_TYPE.put(Dhcp6MessageType.REPLY, "pkt6-reply-sent");
        SENT_BY_TYPE.put(Dhcp6MessageType.DHCPV4_RESPONSE, "pkt6-dhcpv4-response-sent");
    }

    private final StatsManager stats;

    PacketStats6(StatsManager stats) {
        this.stats = stats;
    }

    void initialize() {
        for (String name : new String[] {RECEIVED, SENT, PARSE_FAILED, RECEIVE_DROP, UNKNOWN_RECEIVED}) {
            zero(name);
        }
        // as kea-dhcp6 (2.2 and 3): pkt6-confirm-received appears with the first CONFIRM, not at 0
        RECEIVED_BY_TYPE.forEach((type, name) -> {
            if (type != Dhcp6MessageType.CONFIRM) {
                zero(name);
            }
        });
        SENT_BY_TYPE.values().forEach(this::zero);
    }

    private void zero(String name) {
        if (!stats.has(name)) {
            stats.setValue(name, 0L);
        }
    }

    /** A parsed message: pkt6-received and its type's counter (pkt6-unknown-received for the rest). */
    void received(Dhcp6MessageType type) {
        stats.addValue(RECEIVED, 1L);
        stats.addValue(type == null ? UNKNOWN_RECEIVED : RECEIVED_BY_TYPE.getOrDefault(type, UNKNOWN_RECEIVED), 1L);
    }

    void parseFailed() {
        stats.addValue(RECEIVED, 1L);
        stats.addValue(PARSE_FAILED, 1L);
        stats.addValue(RECEIVE_DROP, 1L);
    }

    void dropped() {
        stats.addValue(RECEIVE_DROP, 1L);
    }

    void queueDropped(long n) {
        stats.addValue(RECEIVED, n);
        stats.addValue(RECEIVE_DROP, n);
    }

    void sent(Dhcp6MessageType type) {
        stats.addValue(SENT, 1L);
        String name = SENT_BY_TYPE.get(type);
        if (name != null) {
            stats.addValue(name, 1L);
        }
    }
}
