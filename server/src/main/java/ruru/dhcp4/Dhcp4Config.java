package ruru.dhcp4;

import ruru.daemon.config.CommonConfig;
import ruru.daemon.hooks.HooksConfig;
import ruru.dhcp.DhcpConfig;
import ruru.dhcp4.config.Dhcp4ServiceConfig;
import ruru.json.MapElement;
import ruru.dhcp.config.MultiThreading;

/**
 * The DHCPv4 server's configuration, validated and immutable.
 *
 * @param hooks             {@code hooks-libraries}, validated (jars probed, nothing kept loaded)
 * @param parkedPacketLimit {@code parked-packet-limit} (Kea's default 256; 0 = no limit)
 */
public record Dhcp4Config(MapElement element, CommonConfig common, MultiThreading multiThreading, String serverTag,
                          Dhcp4ServiceConfig service, HooksConfig hooks, int parkedPacketLimit)
        implements DhcpConfig {
}
