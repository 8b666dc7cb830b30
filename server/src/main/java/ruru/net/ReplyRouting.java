package ruru.net;

import ruru.wire.HardwareAddress;
import ruru.wire.Ipv4Address;

/**
 * Where a DHCPv4 reply goes: RFC 2131 section 4.1 as Kea implements it (Dhcpv4Srv::adjustRemoteAddr
 * and adjustIfaceData). Pure: no sockets, no clock. Destination, in this order:
 * <ol>
 * <li>DHCPINFORM (RFC 2131 4.3.5): to ciaddr when set; else, when relayed, to giaddr with the
 *     BROADCAST flag set in the reply so the relay can broadcast it (Kea); else to the datagram's
 *     source address. Kea would answer a source of 0.0.0.0 there; ruru broadcasts instead.</li>
 * <li>giaddr != 0 (relayed, 4.1 paragraph on giaddr): to giaddr.</li>
 * <li>ciaddr != 0: unicast to ciaddr. Kea does this even for a DHCPNAK, although 4.1 says a
 *     NAK with giaddr 0 is always broadcast; ruru follows Kea.</li>
 * <li>DHCPNAK: to 255.255.255.255 (4.1: the client may not be able to receive a unicast).</li>
 * <li>yiaddr != 0: broadcast when the client set the BROADCAST flag (4.1, RFC 1542 3.1.1) or
 *     when the sockets cannot unicast to an address not yet configured (UDP mode); else, in RAW
 *     mode, unicast to yiaddr at chaddr, i.e. an Ethernet frame to chaddr. A chaddr that is not
 *     a 6-byte Ethernet address cannot be framed: broadcast then.</li>
 * <li>Otherwise to the datagram's source address (broadcast if that is 0.0.0.0).</li>
 * </ol>
 * Destination port (RFC 2131 4.1, RFC 8357 5.1, Kea adjustIfaceData): a non-default client port
 * ({@code -P}) forces every reply there, as Kea's test switch does; else the client port unless
 * the reply goes back through a relay (giaddr set, and for an INFORM also no ciaddr), which
 * gets the relay's port (RFC 8357 relay-port sub-option) or the server port. (Kea also sends an
 * unrelayed INFORM from 0.0.0.0 to the server port; ruru broadcasts it to the client port.) Source: the address the request was sent to, or, for a broadcast
 * arrival, the interface's address: the one whose directed broadcast it was sent to, else the
 * one on the destination's subnet, else the first selected one.
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
        HardwareAddress mac = null;
        byte[] out = payload;
        if (isInform) {
            if (hasCiaddr) {
                destination = requestCiaddr;
            } else if (relayed) {
                destination = requestGiaddr;
                out = withBroadcastFlag(payload);
            } else {
                destination = orBroadcast(request.source());
            }
        } else if (relayed) {
            destination = requestGiaddr;
        } else if (hasCiaddr) {
            destination = requestCiaddr;
        } else if (isNak) {
            destination = Ipv4Address.BROADCAST;
        } else if (!replyYiaddr.isZero()) {
            if (broadcastFlag || mode == SocketMode.UDP || !isEthernet(chaddr)) {
                destination = Ipv4Address.BROADCAST;
            } else {
                destination = replyYiaddr;
                mac = chaddr;
            }
        } else {
            destination = orBroadcast(request.source());
        }

        int port;
        if (clientPort != Dhcp4SocketSettings.DEFAULT_CLIENT_PORT) {
            port = clientPort;
        } else if (isInform ? hasCiaddr || !relayed : !relayed) {
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
