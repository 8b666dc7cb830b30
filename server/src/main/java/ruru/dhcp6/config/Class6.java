package ruru.dhcp6.config;

import java.util.List;

import ruru.dhcp.config.OptionValue;

/**
 * What a DHCPv6 client class carries besides its test and lifetimes: its options (Kea's DHCPv6
 * classes have no option definitions and no boot fields).
 */
public record Class6(List<OptionValue> options) {

    public Class6 {
        options = List.copyOf(options);
    }
}
