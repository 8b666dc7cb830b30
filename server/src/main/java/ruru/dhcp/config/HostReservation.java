package ruru.dhcp.config;

import java.util.List;

/**
 * What the shared host index and lookup need of a reservation of either family: the one identifier
 * it is keyed on, its subnet (0: global) and the resources it reserves (addresses, and for DHCPv6
 * delegated prefixes), each a value with equality the packet path looks up.
 */
public interface HostReservation {

    HostIdentifierType identifierType();

    byte[] identifier();

    long subnetId();

    /** The addresses (and prefixes) this reservation holds for its client in its subnet. */
    List<?> resources();
}
