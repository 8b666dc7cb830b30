package ruru.ha.v6;

import java.util.HexFormat;
import java.util.List;

import ruru.ha.state.HaQuery;
import ruru.wire.v6.Dhcp6MessageType;
import ruru.wire.v6.Dhcp6Packet;
import ruru.wire.v6.Option6Codes;

/** A DHCPv6 query as HA sees it (Kea's Pkt6 in the HA hooks): keyed by the client's DUID. */
public final class Ha6Query implements HaQuery {

    private static final HexFormat COLON = HexFormat.ofDelimiter(":");
    /** The message types HA divides between servers (Kea's v6_ha_types). */
    private static final List<Dhcp6MessageType> HA_TYPES = List.of(Dhcp6MessageType.SOLICIT, Dhcp6MessageType.REQUEST,
            Dhcp6MessageType.CONFIRM, Dhcp6MessageType.RENEW, Dhcp6MessageType.REBIND, Dhcp6MessageType.RELEASE,
            Dhcp6MessageType.DECLINE);

    private final Dhcp6Packet packet;
    private final byte[] duid;

    public Ha6Query(Dhcp6Packet packet) {
        this.packet = packet;
        this.duid = packet.options().get(Option6Codes.CLIENTID).orElse(null);
    }

    public Dhcp6Packet packet() {
        return packet;
    }

    @Override
    public boolean isHaType() {
        return packet.messageType().map(HA_TYPES::contains).orElse(false);
    }

    /** The client identifier option's payload (the DUID); none when absent or empty. */
    @Override
    public byte[] loadBalanceKey() {
        return duid != null && duid.length > 0 ? duid : null;
    }

    @Override
    public int transactionId() {
        return packet.transactionId();
    }

    /** Kea's Pkt6 label: {@code duid=[00:03:00:01:...], tid=0x1234} (no hardware address). */
    @Override
    public String label() {
        return "duid=[" + (duid == null ? "no info" : COLON.formatHex(duid)) + "], tid=0x"
                + Integer.toHexString(packet.transactionId());
    }

    /** The elapsed time option (hundredths of a second) in milliseconds; 0 without one. */
    @Override
    public long waitedMillis() {
        return packet.options().u16(Option6Codes.ELAPSED_TIME).orElse(0) * 10L;
    }

    /** The DUID, as Kea counts connecting DHCPv6 clients. */
    @Override
    public Object clientKey() {
        return duid == null ? null : COLON.formatHex(duid);
    }
}
