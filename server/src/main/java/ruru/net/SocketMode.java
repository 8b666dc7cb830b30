package ruru.net;

/**
 * Kea's {@code dhcp-socket-type}. RAW (Kea's default) receives through AF_PACKET and can answer
 * a client that has no address yet with a unicast Ethernet frame; UDP uses ordinary datagram
 * sockets, so such answers must be broadcast.
 */
public enum SocketMode { RAW, UDP }
