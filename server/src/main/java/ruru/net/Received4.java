package ruru.net;

import ruru.wire.HardwareAddress;
import ruru.wire.Ipv4Address;

/**
 * One DHCPv4 datagram as received: the UDP payload in {@code data[0, length)}, the interface it
 * arrived on, the sender, and the datagram's destination ({@code local}) which tells a broadcast
 * arrival ({@code toBroadcast}: 255.255.255.255 or the interface's directed broadcast) from a
 * unicast to one of our addresses. {@code sourceMac} is the Ethernet source of the frame when it
 * came through a packet socket (RAW mode), else null: Kea answers a directly connected client's
 * frame at that MAC (its "remote hardware address"), without ARP.
 */
public record Received4(byte[] data, int length, NetInterface iface, Ipv4Address source, int sourcePort,
                        Ipv4Address local, boolean toBroadcast, HardwareAddress sourceMac) {

    public Received4(byte[] data, int length, NetInterface iface, Ipv4Address source, int sourcePort, Ipv4Address local,
                     boolean toBroadcast) {
        this(data, length, iface, source, sourcePort, local, toBroadcast, null);
    }
}
