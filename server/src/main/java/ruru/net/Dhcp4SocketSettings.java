package ruru.net;

import java.util.List;

/**
 * What the DHCPv4 socket layer opens: {@code interfaces} in Kea's {@code interfaces-config}
 * syntax ("eth0", "eth0/192.0.2.1", "*"), the socket type, the ports ({@code -p}/{@code -P}) and
 * Kea's {@code outbound-interface: use-routing} (UDP mode only, replies to relays), and the bound of
 * the queue between the receiving threads and the workers (Kea's {@code packet-queue-size}).
 */
public record Dhcp4SocketSettings(List<String> interfaces, SocketMode mode, int serverPort, int clientPort,
                                  boolean outboundUseRouting, int queueSize) {

    public static final int DEFAULT_SERVER_PORT = 67;
    public static final int DEFAULT_CLIENT_PORT = 68;
    public static final int DEFAULT_QUEUE_SIZE = 8192;

    public Dhcp4SocketSettings(List<String> interfaces, SocketMode mode, int serverPort, int clientPort,
                               boolean outboundUseRouting) {
        this(interfaces, mode, serverPort, clientPort, outboundUseRouting, DEFAULT_QUEUE_SIZE);
    }

    public Dhcp4SocketSettings {
        interfaces = List.copyOf(interfaces);
        if (serverPort < 1 || serverPort > 65535 || clientPort < 1 || clientPort > 65535) {
            throw new IllegalArgumentException("ports must be 1-65535");
        }
        if (queueSize < 1) {
            throw new IllegalArgumentException("queue size must be positive");
        }
    }
}
