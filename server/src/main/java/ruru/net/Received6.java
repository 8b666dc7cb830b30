package ruru.net;

import ruru.wire.Ipv6Address;

/**
 * One DHCPv6 datagram as received: the UDP payload in {@code data[0, length)}, the interface it
 * arrived on, the sender, and its destination address ({@code local}: ff02::1:2, or one of our
 * unicast addresses, which Kea's unicast rule and the reply's source address need).
 */
public record Received6(byte[] data, int length, NetInterface6 iface, Ipv6Address source, int sourcePort,
                        Ipv6Address local) {

    /** Sent to a multicast address (ff02::1:2), not to one of ours. */
    public boolean multicast() {
        return local.isMulticast();
    }
}
