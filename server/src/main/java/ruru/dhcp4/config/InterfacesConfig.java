package ruru.dhcp4.config;

import java.util.List;

/**
 * Kea's {@code interfaces-config}. Defaults are Kea's: raw sockets, replies leave through the
 * inbound interface, interfaces re-detected on reconfiguration, no retries, 5000 ms between retries.
 */
public record InterfacesConfig(List<String> interfaces, SocketType socketType, OutboundInterface outboundInterface,
        boolean reDetect, boolean serviceSocketsRequireAll, long serviceSocketsMaxRetries,
        long serviceSocketsRetryWaitTimeMillis) {

    public enum SocketType { RAW, UDP }

    public enum OutboundInterface { SAME_AS_INBOUND, USE_ROUTING }

    public InterfacesConfig {
        interfaces = List.copyOf(interfaces);
    }

    public static InterfacesConfig defaults() {
        return new InterfacesConfig(List.of(), SocketType.RAW, OutboundInterface.SAME_AS_INBOUND, true, false, 0, 5000);
    }
}
