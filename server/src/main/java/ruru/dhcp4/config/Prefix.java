package ruru.dhcp4.config;

import ruru.wire.Ipv4Address;

/** A subnet's {@code address/length} while the subnet itself is still being built. */
record Prefix(Ipv4Address address, int length) {

    boolean contains(Ipv4Address a) {
        int mask = Subnet4.mask(length);
        return (a.bits() & mask) == (address.bits() & mask);
    }

    Ipv4Address first() {
        return new Ipv4Address(address.bits() & Subnet4.mask(length));
    }

    Ipv4Address last() {
        return new Ipv4Address(address.bits() | ~Subnet4.mask(length));
    }

    String text() {
        return address + "/" + length;
    }
}
