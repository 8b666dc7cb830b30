package ruru.dhcp;

import ruru.daemon.DaemonConfig;
import ruru.daemon.hooks.HooksConfig;
import ruru.dhcp.config.MultiThreading;

/** What every DHCP daemon's configuration has beside its own service part. */
public interface DhcpConfig extends DaemonConfig {

    MultiThreading multiThreading();

    String serverTag();

    /** {@code hooks-libraries}, validated (jars probed, nothing kept loaded). */
    HooksConfig hooks();

    /** {@code parked-packet-limit} (Kea's default 256; 0 = no limit). */
    int parkedPacketLimit();
}
