package ruru.net;

import ruru.wire.Ipv4Address;

/** One IPv4 address of an interface, with its prefix length and directed broadcast (null on point-to-point links). */
public record InterfaceAddress4(Ipv4Address address, int prefixLength, Ipv4Address broadcast) {

    /** Whether {@code other} is on this address's subnet. */
    public boolean contains(Ipv4Address other) {
        if (prefixLength == 0) {
            return true;
        }
        int mask = prefixLength >= 32 ? -1 : -1 << (32 - prefixLength);
        return (address.bits() & mask) == (other.bits() & mask);
    }
}
