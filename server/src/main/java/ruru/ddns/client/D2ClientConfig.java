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

    /**
     * Kea's D2ClientConfig text (DHCPSRV_DHCP_DDNS_SENDER_STARTED): where requests go and from,
     * the queue bound, the protocol and format (ruru sends UDP and JSON only, Kea's defaults).
     */
    public String keaText() {
        if (!enableUpdates) {
            return "DHCP-DDNS updates disabled";
        }
        return "enable_updates: yes, server-ip: " + ruru.ddns.ncr.AddressText.of(serverIp) + ", server-port: "
                + serverPort + ", sender-ip: " + ruru.ddns.ncr.AddressText.of(senderIp) + ", sender-port: "
                + senderPort + ", max-queue-size: " + maxQueueSize + ", ncr-protocol: UDP, ncr-format: JSON";
    }

    private static InetAddress anyV4() {
        return InetAddress.ofLiteral("0.0.0.0");
    }
}
