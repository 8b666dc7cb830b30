package ruru.dhcp;

import java.util.Optional;

import ruru.daemon.Flags;

/** The server and client ports from {@code -p} and {@code -P}, when given (else the family's 67/68 or 547/546). */
public record Ports(Optional<Integer> server, Optional<Integer> client) {

    public static final Ports DEFAULT = new Ports(Optional.empty(), Optional.empty());

    public static Ports of(Flags flags) {
        return new Ports(flags.serverPort(), flags.clientPort());
    }
}
