package ruru.net;

import ruru.wire.Ipv4Address;

/**
 * One DHCPv4 datagram as received: the UDP payload in {@code data[0, length)}, the interface it
 * arrived on, the sender, and the datagram's destination ({@code local}) which tells a broadcast
 * arrival ({@code toBroadcast}: 255.255.255.255 or the interface's directed broadcast) from a
 * unicast to one of our addresses.
 */
public record Received4(byte[] data, int length, NetInterface iface, Ipv4Address source, int sourcePort,
                        Ipv4Address local, boolean toBroadcast) {
}
