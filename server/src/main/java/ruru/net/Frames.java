package ruru.net;

import ruru.wire.Ipv4Address;

/**
 * Ethernet II + IPv4 + UDP framing for RAW mode, built and parsed by hand (what Kea's
 * PktFilterLPF and protocol_util do). Parsing never throws: a frame that is not a whole,
 * unfragmented IPv4/UDP datagram to the expected port is dropped (null).
 */
final class Frames {

    static final int ETH_HEADER = 14;
    static final int IP_HEADER = 20;
    static final int UDP_HEADER = 8;
    static final int ETHERTYPE_IPV4 = 0x0800;
    static final int PROTO_UDP = 17;
    /** The TTL Kea's raw sender uses. */
    static final int TTL = 128;

    private Frames() {
    }

    /** A UDP datagram found in a frame: the payload is {@code frame[payloadOffset, payloadOffset + payloadLength)}. */
    record Datagram(Ipv4Address source, Ipv4Address destination, int sourcePort, int destinationPort,
                    int payloadOffset, int payloadLength) {
    }

    /** Ethernet frame with an IPv4 header (no options, DF clear) and a UDP header, both checksummed. */
    static byte[] build(byte[] srcMac, byte[] dstMac, Ipv4Address srcIp, Ipv4Address dstIp, int srcPort, int dstPort,
                        byte[] payload) {
        int udpLen = UDP_HEADER + payload.length;
        int ipLen = IP_HEADER + udpLen;
        if (ipLen > 0xffff) {
            throw new IllegalArgumentException("payload too large for one IPv4 datagram: " + payload.length);
        }
        byte[] f = new byte[ETH_HEADER + ipLen];
        System.arraycopy(dstMac, 0, f, 0, 6);
        System.arraycopy(srcMac, 0, f, 6, 6);
        put16(f, 12, ETHERTYPE_IPV4);
        int ip = ETH_HEADER;
        f[ip] = 0x45;
        put16(f, ip + 2, ipLen);
        f[ip + 8] = (byte) TTL;
        f[ip + 9] = PROTO_UDP;
        put32(f, ip + 12, srcIp.bits());
        put32(f, ip + 16, dstIp.bits());
        put16(f, ip + 10, ~sum(f, ip, IP_HEADER, 0) & 0xffff);
        int udp = ip + IP_HEADER;
        put16(f, udp, srcPort);
        put16(f, udp + 2, dstPort);
        put16(f, udp + 4, udpLen);
        System.arraycopy(payload, 0, f, udp + UDP_HEADER, payload.length);
        put16(f, udp + 6, udpChecksum(f, udp, udpLen, srcIp, dstIp));
        return f;
    }

    /**
     * The UDP datagram in {@code frame[0, length)} if it is IPv4/UDP to {@code port}, else null.
     * The IPv4 header checksum is verified; the UDP checksum is not, because frames this host
     * sends itself are seen by packet sockets before checksum offload fills it in.
     */
    static Datagram parse(byte[] frame, int length, int port) {
        if (length < ETH_HEADER + IP_HEADER + UDP_HEADER || length > frame.length) {
            return null;
        }
        if (get16(frame, 12) != ETHERTYPE_IPV4) {
            return null;
        }
        int ip = ETH_HEADER;
        int vihl = frame[ip] & 0xff;
        int ihl = (vihl & 0x0f) * 4;
        if (vihl >> 4 != 4 || ihl < IP_HEADER || ip + ihl + UDP_HEADER > length) {
            return null;
        }
        int total = get16(frame, ip + 2);
        // Ethernet pads short frames, so the frame may be longer than the datagram, never shorter.
        if (total < ihl + UDP_HEADER || ip + total > length) {
            return null;
        }
        // More-fragments flag or a fragment offset: Kea does not reassemble, neither do we.
        if ((get16(frame, ip + 6) & 0x3fff) != 0) {
            return null;
        }
        if ((frame[ip + 9] & 0xff) != PROTO_UDP) {
            return null;
        }
        if ((~sum(frame, ip, ihl, 0) & 0xffff) != 0) {
            return null;
        }
        int udp = ip + ihl;
        int udpLen = get16(frame, udp + 4);
        if (udpLen < UDP_HEADER || udpLen > total - ihl) {
            return null;
        }
        int dstPort = get16(frame, udp + 2);
        if (dstPort != port) {
            return null;
        }
        return new Datagram(Ipv4Address.of(frame, ip + 12), Ipv4Address.of(frame, ip + 16), get16(frame, udp), dstPort,
                udp + UDP_HEADER, udpLen - UDP_HEADER);
    }

    /** RFC 768 checksum over the pseudo-header and {@code f[udp, udp + udpLen)}; 0 is sent as 0xffff. */
    static int udpChecksum(byte[] f, int udp, int udpLen, Ipv4Address src, Ipv4Address dst) {
        int s = (src.bits() >>> 16) + (src.bits() & 0xffff) + (dst.bits() >>> 16) + (dst.bits() & 0xffff)
                + PROTO_UDP + udpLen;
        int c = ~sum(f, udp, udpLen, s) & 0xffff;
        return c == 0 ? 0xffff : c;
    }

    /** One's complement sum (folded, not inverted) of {@code b[off, off + len)} added to {@code initial}. */
    static int sum(byte[] b, int off, int len, int initial) {
        long s = initial & 0xffffffffL;
        int i = off;
        int end = off + len;
        for (; i + 1 < end; i += 2) {
            s += ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
        }
        if (i < end) {
            s += (b[i] & 0xff) << 8;
        }
        while ((s >>> 16) != 0) {
            s = (s & 0xffff) + (s >>> 16);
        }
        return (int) s;
    }

    static int get16(byte[] b, int off) {
        return ((b[off] & 0xff) << 8) | (b[off + 1] & 0xff);
    }

    private static void put16(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 8);
        b[off + 1] = (byte) v;
    }

    private static void put32(byte[] b, int off, int v) {
        put16(b, off, v >>> 16);
        put16(b, off + 2, v);
    }
}
