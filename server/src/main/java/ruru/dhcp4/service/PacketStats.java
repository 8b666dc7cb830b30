package ruru.dhcp4.service;

import java.util.Map;

import ruru.daemon.stats.StatsManager;
import ruru.dhcp.engine.PacketCounters;
import ruru.wire.v4.MessageType;

/** Kea's pkt4-* counters (FACTS section 5): the shared {@link PacketCounters} with DHCPv4's names. */
final class PacketStats extends PacketCounters<MessageType> {

    static final String RECEIVED = "pkt4-received";
    static final String RECEIVE_DROP = "pkt4-receive-drop";

    private static final Map<MessageType, String> RECEIVED_BY_TYPE = Map.of(
            MessageType.DISCOVER, "pkt4-discover-received", MessageType.OFFER, "pkt4-offer-received",
            MessageType.REQUEST, "pkt4-request-received", MessageType.ACK, "pkt4-ack-received",
            MessageType.NAK, "pkt4-nak-received", MessageType.RELEASE, "pkt4-release-received",
            MessageType.DECLINE, "pkt4-decline-received", MessageType.INFORM, "pkt4-inform-received");

    private static final Map<MessageType, String> SENT_BY_TYPE = Map.of(
            MessageType.OFFER, "pkt4-offer-sent", MessageType.ACK, "pkt4-ack-sent", MessageType.NAK, "pkt4-nak-sent");

    PacketStats(StatsManager stats) {
        super(stats, "pkt4", RECEIVED_BY_TYPE, SENT_BY_TYPE);
    }
}
