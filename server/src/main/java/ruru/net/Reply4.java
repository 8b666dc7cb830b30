package ruru.net;

import ruru.wire.HardwareAddress;
import ruru.wire.Ipv4Address;

/**
 * One DHCPv4 reply ready to leave through {@code iface}. A non-null {@code destinationMac} asks
 * for a hand-built Ethernet frame (RAW mode only), because the client has no address yet and
 * cannot answer ARP for {@code destination} (RFC 2131 section 4.1).
 */
public record Reply4(byte[] payload, NetInterface iface, Ipv4Address destination, int destinationPort,
                     HardwareAddress destinationMac, Ipv4Address source) {
}
