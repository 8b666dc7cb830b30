package ruru.dhcp4.leasecmds;

import ruru.dhcp.leasecmds.LeaseContext;
import ruru.dhcp4.config.Dhcp4ServiceConfig;
import ruru.lease.Lease4;
import ruru.lease.Lease4Store;
import ruru.wire.Ipv4Address;

/**
 * What the lease_cmds and stat_cmds commands need from the running DHCPv4 server. The integrator
 * implements it over the live service; every method reads the state in force at the call, so a
 * reconfiguration between two commands is seen by the second.
 */
public interface LeaseCommandContext extends LeaseContext<Ipv4Address, Lease4, Lease4Store, Dhcp4ServiceConfig> {
}
