package ruru.dhcp6.leasecmds;

import ruru.dhcp.leasecmds.LeaseContext;
import ruru.dhcp6.config.Dhcp6ServiceConfig;
import ruru.lease.Lease6;
import ruru.lease.Lease6Store;
import ruru.wire.Ipv6Address;

/**
 * What the DHCPv6 lease_cmds and stat_cmds commands need from the running server. Every method
 * reads the state in force at the call, so a reconfiguration between two commands is seen.
 */
public interface Lease6CommandContext extends LeaseContext<Ipv6Address, Lease6, Lease6Store, Dhcp6ServiceConfig> {
}
