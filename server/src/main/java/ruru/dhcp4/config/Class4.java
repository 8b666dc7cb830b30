package ruru.dhcp4.config;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

import ruru.wire.Ipv4Address;
import ruru.wire.v4.OptionDefinitions;
import ruru.dhcp.config.OptionValue;

/**
 * What a DHCPv4 client class carries besides its test: its options, its own option definitions
 * (laid over the configuration's, for re-decoding a member's private options and encoding its
 * reply), and the boot fields it sets (siaddr, sname, file; zero or empty: not set).
 *
 * @param definitions the configuration's definitions with the class's {@code option-def} over them;
 *                    {@code ownDefinitions} says whether the class has any
 * @param offerLifetime Kea 3's {@code offer-lifetime} of the class (the first of a client's classes
 *                    that sets it wins over the subnet's)
 */
public record Class4(List<OptionValue> options, OptionDefinitions definitions, boolean ownDefinitions,
        Ipv4Address nextServer, String serverHostname, String bootFileName, OptionalLong offerLifetime) {

    public Class4(List<OptionValue> options, OptionDefinitions definitions, boolean ownDefinitions,
            Ipv4Address nextServer, String serverHostname, String bootFileName) {
        this(options, definitions, ownDefinitions, nextServer, serverHostname, bootFileName, OptionalLong.empty());
    }

    public Class4 {
        options = List.copyOf(options);
        Objects.requireNonNull(definitions, "definitions");
        Objects.requireNonNull(nextServer, "nextServer");
        Objects.requireNonNull(serverHostname, "serverHostname");
        Objects.requireNonNull(bootFileName, "bootFileName");
        Objects.requireNonNull(offerLifetime, "offerLifetime");
    }
}
