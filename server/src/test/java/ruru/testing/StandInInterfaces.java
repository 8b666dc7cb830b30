package ruru.testing;

import ruru.net.SystemInterfaces;

/**
 * Interfaces standing in for a machine's, for tests that parse configurations in-process and
 * drive packets through the service as if they arrived on these interfaces (as Kea's own unit tests
 * stand in "lo", "eth0" and "eth1" with IfaceMgrTestConfig), and for Kea's example files, which name
 * eth0, eth1 and eth1961. Tests that compare verdicts with a live Kea check against the machine's
 * real interfaces instead (the parsers' default), so both sides see the same ones.
 */
public final class StandInInterfaces {

    /** lo, eth0, eth1 (Kea's test interfaces), eth1961 (Kea's RADIUS example), veth0 (the benches'). */
    public static final SystemInterfaces ALL = SystemInterfaces.named("lo", "eth0", "eth1", "eth1961", "veth0");

    private StandInInterfaces() {
    }
}
