package ruru.net;

import ruru.wire.HardwareAddress;
import ruru.wire.Ipv4Address;

/**
 * Where a DHCPv4 reply goes: RFC 2131 section 4.1 as kea-dhcp4 does it (observed on Kea 2.2 with a
 * raw client that answers no ARP). Pure: no sockets, no clock. Destination address, in this order:
 * <ol>
 * <li>DHCPINFORM (RFC 2131 4.3.5): to ciaddr when set; else, when relayed, to giaddr with the
 *     BROADCAST flag set in the reply so the relay can broadcast it. (An INFORM with neither is
 *     not answered at all; the caller drops it.)</li>
 * <li>giaddr != 0 (relayed): to giaddr.</li>
 * <li>ciaddr != 0: unicast to ciaddr (Kea does this for a DHCPNAK too).</li>
 * <li>DHCPNAK: to 255.255.255.255.</li>
 * <li>yiaddr != 0: 255.255.255.255 when the client set the BROADCAST flag, or in UDP mode (the
 *     kernel cannot unicast to an address nobody answers ARP for yet); else to yiaddr.</li>
 * <li>Otherwise to the datagram's source address (broadcast if that is 0.0.0.0).</li>
 * </ol>
 * Link layer, RAW mode: every reply that does not go back to a relay leaves as a hand-built
 * Ethernet frame to the MAC the query came from (Kea's remote hardware address), whatever the IP
 * destination: unicast to ciaddr or yiaddr, and also the broadcasts, so no reply of a directly
 * connected client ever waits for ARP. Without a known source MAC (a query injected by a hook) the
 * frame goes to chaddr when that is an Ethernet address; else the kernel sends it (a yiaddr
 * unicast is then broadcast). Replies to a relay go through the kernel's UDP socket. UDP mode
 * always uses the kernel.
 *
 * <p>Destination port (RFC 2131 4.1, RFC 8357 5.1): a non-default client port ({@code -P}) forces
 * every reply there, as Kea's test switch does; else the client port unless the reply goes back
 * through a relay, which gets the relay's port (RFC 8357 relay-port sub-option) or the server port.
 * Source: the address the request was sent to, or, for a broadcast arrival, the interface's
 * address: the one whose directed broadcast it was sent to, else the one on the destination's
 * subnet, else the first selected one.
 */
public final class ReplyRouting {

    /** The BROADCAST bit of the BOOTP flags field (RFC 2131 figure 2), at bytes 10-11 of the message. */
    static final int FLAGS_OFFSET = 10;

    private ReplyRouting() {
    }

    public static Reply4 route(Received4 request, Ipv4Address requestGiaddr, Ipv4Address requestCiaddr, boolean broadcastFlag,
                               Ipv4Address replyYiaddr, HardwareAddress chaddr, boolean isNak, byte[] payload,
                               SocketMode mode, int serverPort, int clientPort) {
        return route(request, requestGiaddr, requestCiaddr, broadcastFlag, replyYiaddr, chaddr, isNak, false, 0, payload,
                mode, serverPort, clientPort);
    }

    /**
     * The full rule set: {@code isInform} for a DHCPINFORM request, {@code relayPort} the source
     * port of a relayed request that carried the RFC 8357 relay-port sub-option (0 when absent).
     */
    public static Reply4 route(Received4 request, Ipv4Address requestGiaddr, Ipv4Address requestCiaddr, boolean broadcastFlag,
                               Ipv4Address replyYiaddr, HardwareAddress chaddr, boolean isNak, boolean isInform, int relayPort,
                               byte[] payload, SocketMode mode, int serverPort, int clientPort) {
        boolean relayed = !requestGiaddr.isZero();
        boolean hasCiaddr = !requestCiaddr.isZero();
        Ipv4Address destination;
        boolean toRelay = false;
        byte[] out = payload;
        if (isInform) {
            if (hasCiaddr) {
                destination = requestCiaddr;
            } else if (relayed) {
                destination = requestGiaddr;
                toRelay = true;
                out = withBroadcastFlag(payload);
            } else {
                destination = orBroadcast(request.source());
            }
        } else if (relayed) {
            destination = requestGiaddr;
            toRelay = true;
        } else if (hasCiaddr) {
            destination = requestCiaddr;
        } else if (isNak) {
            destination = Ipv4Address.BROADCAST;
        } else if (!replyYiaddr.isZero()) {
            destination = broadcastFlag || mode == SocketMode.UDP ? Ipv4Address.BROADCAST : replyYiaddr;
        } else {
            destination = orBroadcast(request.source());
        }
        HardwareAddress mac = null;
        if (mode == SocketMode.RAW && !toRelay) {
            mac = isEthernet(request.sourceMac()) ? request.sourceMac() : isEthernet(chaddr) ? chaddr : null;
            if (mac == null && destination.equals(replyYiaddr) && !hasCiaddr) {
                destination = Ipv4Address.BROADCAST;
            }
        }

        int port;
        if (clientPort != Dhcp4SocketSettings.DEFAULT_CLIENT_PORT) {
            port = clientPort;
        } else if (!toRelay) {
            port = clientPort;
        } else {
            port = relayPort > 0 ? relayPort : serverPort;
        }
        return new Reply4(out, request.iface(), destination, port, mac, source(request, destination));
    }

    private static Ipv4Address orBroadcast(Ipv4Address a) {
        return a.isZero() ? Ipv4Address.BROADCAST : a;
    }

    private static boolean isEthernet(HardwareAddress chaddr) {
        return chaddr != null && chaddr.type() == HardwareAddress.ETHERNET && chaddr.length() == 6;
    }

    private static Ipv4Address source(Received4 request, Ipv4Address destination) {
        NetInterface iface = request.iface();
        if (!request.toBroadcast() && iface.hasAddress(request.local())) {
            return request.local();
        }
        if (iface.addresses().isEmpty()) {
            return request.toBroadcast() ? Ipv4Address.ANY : request.local();
        }
        for (InterfaceAddress4 ia : iface.addresses()) {
            if (request.local().equals(ia.broadcast())) {
                return ia.address();
            }
        }
        for (InterfaceAddress4 ia : iface.addresses()) {
            if (destination.bits() != -1 && ia.contains(destination)) {
                return ia.address();
            }
        }
        return iface.addresses().getFirst().address();
    }

    private static byte[] withBroadcastFlag(byte[] payload) {
        byte[] copy = payload.clone();
        if (copy.length > FLAGS_OFFSET) {
            copy[FLAGS_OFFSET] |= (byte) 0x80;
        }
        return copy;
    }
}
