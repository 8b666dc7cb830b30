package ruru.dhcp4.service;

import ruru.dhcp4.config.Dhcp4ServiceConfig;
import ruru.dhcp4.config.InterfacesConfig;
import ruru.net.Dhcp4SocketSettings;
import ruru.net.SocketMode;

/** Translates the typed configuration into what the socket layer takes. */
final class ServiceSettings {

    private static final int SERVER_PORT = 67;
    private static final int CLIENT_PORT = 68;

    private ServiceSettings() {
    }

    /**
     * Kea's packet-queue-size bounds the queue between receiving and working threads; 0 (or
     * single-threaded operation) leaves ruru's default bound.
     */
    static Dhcp4SocketSettings sockets(Dhcp4ServiceConfig config, ruru.dhcp.Ports ports, int queueSize) {
        InterfacesConfig i = config.interfaces();
        SocketMode mode = i.socketType() == InterfacesConfig.SocketType.UDP ? SocketMode.UDP : SocketMode.RAW;
        return new Dhcp4SocketSettings(i.interfaces(), mode, ports.server().orElse(SERVER_PORT),
                ports.client().orElse(CLIENT_PORT), i.outboundInterface() == InterfacesConfig.OutboundInterface.USE_ROUTING,
                queueSize > 0 ? queueSize : Dhcp4SocketSettings.DEFAULT_QUEUE_SIZE);
    }
}
