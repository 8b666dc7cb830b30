package ruru.dhcp4;

import ruru.daemon.DaemonConfig;
import ruru.daemon.config.CommonConfig;
import ruru.dhcp4.config.Dhcp4ServiceConfig;
import ruru.json.MapElement;

/** The DHCPv4 server's configuration, validated and immutable. */
public record Dhcp4Config(MapElement element, CommonConfig common, MultiThreading multiThreading, String serverTag,
                          Dhcp4ServiceConfig service)
        implements DaemonConfig {
}
