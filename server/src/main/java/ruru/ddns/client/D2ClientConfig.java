package ruru.ddns.client;

import java.net.InetAddress;

/**
 * A DHCP server's {@code dhcp-ddns} block: whether it sends NCRs and where (Kea's D2ClientConfig).
 *
 * @param maxQueueSize how many NCRs may wait to be sent; more are dropped, the packet path never waits
 */
public record D2ClientConfig(boolean enableUpdates, InetAddress serverIp, int serverPort, InetAddress senderIp,
                             int senderPort, int maxQueueSize) {

    public static final D2ClientConfig DISABLED = new D2ClientConfig(false, InetAddress.getLoopbackAddress(), 53001,
            anyV4(), 0, 1024);

    private static InetAddress anyV4() {
        return InetAddress.ofLiteral("0.0.0.0");
    }
}
