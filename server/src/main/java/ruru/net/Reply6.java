package ruru.net;

import ruru.wire.Ipv6Address;

/**
 * A DHCPv6 reply to send: out of {@code iface}, from {@code source} (the address the query arrived
 * on; link-local when it arrived by multicast) to {@code destination} at {@code port}.
 */
public record Reply6(NetInterface6 iface, Ipv6Address source, Ipv6Address destination, int port, byte[] payload) {
}
