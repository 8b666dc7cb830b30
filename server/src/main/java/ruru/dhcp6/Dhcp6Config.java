package ruru.dhcp6;

import ruru.daemon.config.CommonConfig;
import ruru.daemon.hooks.HooksConfig;
import ruru.dhcp.DhcpConfig;
import ruru.dhcp.config.MultiThreading;
import ruru.dhcp6.config.Dhcp6ServiceConfig;
import ruru.json.MapElement;

/** The DHCPv6 server's configuration, validated and immutable. */
public record Dhcp6Config(MapElement element, CommonConfig common, MultiThreading multiThreading, String serverTag,
                          Dhcp6ServiceConfig service, HooksConfig hooks, int parkedPacketLimit) implements DhcpConfig {
}
