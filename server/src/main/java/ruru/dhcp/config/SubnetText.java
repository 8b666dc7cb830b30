package ruru.dhcp.config;

import static ruru.dhcp.config.NetworkChecks.SUBNET_FAILED;

import ruru.daemon.config.ConfigException;
import ruru.json.Element;
import ruru.json.MapElement;
import ruru.json.Position;

/**
 * A subnet's {@code "subnet": "address/length"} split as Kea's subnet parsers split it (both
 * families), with their texts; each family then parses the address and bounds the length.
 */
public record SubnetText(String address, int length, Position at) {

    public static SubnetText of(MapElement m) throws ConfigException {
        Element e = Fields.require(m, "subnet");
        String text = e.asString().orElseThrow();
        Position at = e.position();
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new ConfigException(at, SUBNET_FAILED + "Invalid subnet syntax (prefix/len expected):" + text);
        }
        String lenText = text.substring(slash + 1);
        try {
            return new SubnetText(text.substring(0, slash), Integer.parseInt(lenText), at);
        } catch (NumberFormatException ex) {
            throw new ConfigException(at, SUBNET_FAILED + "prefix length: '" + lenText + "' is not an integer");
        }
    }

    /** Kea's text for a length outside 0..{@code max}. */
    public void requireLengthAtMost(int max) throws ConfigException {
        if (length < 0 || length > max) {
            throw new ConfigException(at, SUBNET_FAILED + "Invalid prefix length specified for subnet: " + length);
        }
    }
}
