package ruru.net;

import java.util.List;

/**
 * What the DHCPv6 socket layer needs: the {@code interfaces-config.interfaces} entries, the server
 * port (547, or -p) and the client port replies go to (546, or -P), and the bound of the queue
 * between the socket readers and the packet workers.
 */
public record Dhcp6SocketSettings(List<String> interfaces, int serverPort, int clientPort, int queueSize) {

    public static final int DEFAULT_QUEUE_SIZE = 4096;

    public Dhcp6SocketSettings {
        interfaces = List.copyOf(interfaces);
        if (queueSize < 1) {
            throw new IllegalArgumentException("queue size " + queueSize);
        }
    }
}
