package ruru.dhcp6.service;

import java.util.Map;
import java.util.Set;

import ruru.daemon.stats.StatsManager;
import ruru.dhcp.engine.PacketCounters;
import ruru.wire.v6.Dhcp6MessageType;

/** Kea's pkt6-* counters (FACTS 10.10): the shared {@link PacketCounters} with DHCPv6's names. */
final class PacketStats6 extends PacketCounters<Dhcp6MessageType> {

    private static final Map<Dhcp6MessageType, String> RECEIVED_BY_TYPE = Map.ofEntries(
            Map.entry(Dhcp6MessageType.SOLICIT, "pkt6-solicit-received"),
            Map.entry(Dhcp6MessageType.ADVERTISE, "pkt6-advertise-received"),
            Map.entry(Dhcp6MessageType.REQUEST, "pkt6-request-received"),
            Map.entry(Dhcp6MessageType.REPLY, "pkt6-reply-received"),
            Map.entry(Dhcp6MessageType.RENEW, "pkt6-renew-received"),
            Map.entry(Dhcp6MessageType.REBIND, "pkt6-rebind-received"),
            Map.entry(Dhcp6MessageType.RELEASE, "pkt6-release-received"),
            Map.entry(Dhcp6MessageType.DECLINE, "pkt6-decline-received"),
            Map.entry(Dhcp6MessageType.CONFIRM, "pkt6-confirm-received"),
            Map.entry(Dhcp6MessageType.INFORMATION_REQUEST, "pkt6-infrequest-received"),
            Map.entry(Dhcp6MessageType.DHCPV4_QUERY, "pkt6-dhcpv4-query-received"),
            Map.entry(Dhcp6MessageType.DHCPV4_RESPONSE, "pkt6-dhcpv4-response-received"));

    private static final Map<Dhcp6MessageType, String> SENT_BY_TYPE = Map.of(
            Dhcp6MessageType.ADVERTISE, "pkt6-advertise-sent", Dhcp6MessageType.REPLY, "pkt6-reply-sent",
            Dhcp6MessageType.DHCPV4_RESPONSE, "pkt6-dhcpv4-response-sent");

    PacketStats6(StatsManager stats) {
        // as kea-dhcp6 (2.2 and 3): pkt6-confirm-received appears with the first CONFIRM, not at 0
        super(stats, "pkt6", RECEIVED_BY_TYPE, SENT_BY_TYPE, Set.of(Dhcp6MessageType.CONFIRM));
    }
}
