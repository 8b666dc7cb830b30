package ruru.ha.v4;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import ruru.ha.state.HaQuery;
import ruru.wire.HardwareAddress;
import ruru.wire.v4.Dhcp4Packet;
import ruru.wire.v4.MessageType;
import ruru.wire.v4.OptionCodes;

/** A DHCPv4 query as HA sees it (Kea's Pkt4 in the HA hooks). */
public final class Ha4Query implements HaQuery {

    private static final HexFormat COLON = HexFormat.ofDelimiter(":");
    /** The message types HA divides between servers (Kea's v4_ha_types). */
    private static final List<MessageType> HA_TYPES = List.of(MessageType.DISCOVER, MessageType.REQUEST,
            MessageType.DECLINE, MessageType.RELEASE, MessageType.INFORM);

    private final Dhcp4Packet packet;
    private final byte[] clientId;

    public Ha4Query(Dhcp4Packet packet) {
        this.packet = packet;
        this.clientId = packet.options().get(OptionCodes.CLIENT_ID).orElse(null);
    }

    public Dhcp4Packet packet() {
        return packet;
    }

    @Override
    public boolean isHaType() {
        return packet.messageType().map(HA_TYPES::contains).orElse(false);
    }

    /** Option 61's payload (type byte included) when non-empty, else the hardware address. */
    @Override
    public byte[] loadBalanceKey() {
        if (clientId != null && clientId.length > 0) {
            return clientId;
        }
        byte[] hw = packet.chaddr().bytes();
        return hw.length > 0 ? hw : null;
    }

    @Override
    public int transactionId() {
        return packet.xid();
    }

    /** Kea's Pkt4 label: {@code [hwtype=1 0d:00:00:00:00:01], cid=[01:0d:00:00:00:00:01], tid=0x1}. */
    @Override
    public String label() {
        HardwareAddress hw = packet.chaddr();
        return "[hwtype=" + hw.type() + " " + hw + "], cid=[" + (clientId == null ? "no info" : COLON.formatHex(clientId))
                + "], tid=0x" + Integer.toHexString(packet.xid());
    }

    /** {@code secs} in milliseconds, with the byte swap Kea applies for clients that send it little-endian. */
    @Override
    public long waitedMillis() {
        int secs = packet.secs();
        if (secs > 255 && (secs & 0xFF) == 0) {
            secs = ((secs >>> 8) | (secs << 8)) & 0xFFFF;
        }
        return secs * 1000L;
    }

    /** Hardware address and client identifier together, as Kea keys connecting clients. */
    @Override
    public Object clientKey() {
        return new Key(packet.chaddr().bytes(), clientId == null ? new byte[0] : clientId);
    }

    private record Key(byte[] hw, byte[] clientId) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(k.hw, hw) && Arrays.equals(k.clientId, clientId);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(hw) * 31 + Arrays.hashCode(clientId);
        }

        @Override
        public String toString() {
            return COLON.formatHex(hw) + "/" + COLON.formatHex(clientId);
        }
    }
}
