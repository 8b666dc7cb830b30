package ruru.dhcp4.service;

import java.util.Arrays;
import java.util.HexFormat;

import ruru.lease.Lease4;
import ruru.wire.HardwareAddress;
import ruru.wire.v4.Dhcp4Packet;
import ruru.wire.v4.OptionCodes;

/**
 * Who a client is: its hardware address and, when it sends one, its client identifier (option 61).
 * With {@code match-client-id} a lease belongs to the client-id when both sides have one, else to
 * the hardware address (RFC 2131 section 4.2; Kea's Lease4::belongsToClient).
 */
public record ClientIdentity(HardwareAddress hwAddress, byte[] clientId) {

    public static ClientIdentity of(Dhcp4Packet packet) {
        byte[] id = packet.options().get(OptionCodes.CLIENT_ID).orElse(null);
        return new ClientIdentity(packet.chaddr(), id != null && id.length >= 2 ? id : null);
    }

    /** Whether {@code lease} belongs to this client. */
    public boolean owns(Lease4 lease, boolean matchClientId) {
        if (matchClientId && clientId != null && lease.hasClientId()) {
            return lease.hasClientId(clientId);
        }
        return lease.hwAddress() != null && lease.hwAddress().equals(hwAddress);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClientIdentity c && c.hwAddress.equals(hwAddress) && Arrays.equals(c.clientId, clientId);
    }

    @Override
    public int hashCode() {
        return hwAddress.hashCode() * 31 + Arrays.hashCode(clientId);
    }

    @Override
    public String toString() {
        return "hwaddr=" + hwAddress + (clientId == null ? "" : " client-id=" + HexFormat.ofDelimiter(":").formatHex(clientId));
    }
}
