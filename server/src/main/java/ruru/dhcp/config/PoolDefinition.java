package ruru.dhcp.config;

import ruru.daemon.config.ConfigException;
import ruru.json.Element;
import ruru.json.MapElement;
import ruru.json.Position;

/**
 * A {@code pools} entry's definition text split as Kea's pool parsers split it (both families): all white
 * space stripped, then {@code prefix/len} (a slash wins) or {@code first-last}, with Kea's texts;
 * each family then parses the addresses (and only then the length, as Kea does).
 *
 * @param first      the prefix's address, or the range's first address
 * @param last       the range's last address; null for a prefix
 * @param lengthText the prefix length as written; null for a range
 */
public record PoolDefinition(String text, Position at, String first, String last, String lengthText) {

    public static PoolDefinition of(MapElement m) throws ConfigException {
        Element e = Fields.require(m, "pool");
        Position at = e.position();
        String text = e.asString().orElseThrow().replaceAll("\\s", "");
        int slash = text.indexOf('/');
        int dash = text.indexOf('-');
        if (slash >= 0) {
            return new PoolDefinition(text, at, text.substring(0, slash), null, text.substring(slash + 1));
        }
        if (dash >= 0) {
            return new PoolDefinition(text, at, text.substring(0, dash), text.substring(dash + 1), null);
        }
        throw new ConfigException(at, "invalid pool definition: " + text
                + ". There are two acceptable formats <min address-max address> or <prefix/len>");
    }

    public boolean isPrefix() {
        return lengthText != null;
    }

    /** The prefix length, 1..{@code max}, with Kea's texts. */
    public int length(int max) throws ConfigException {
        int len;
        try {
            len = Integer.parseInt(lengthText);
        } catch (NumberFormatException e) {
            throw failedToParse();
        }
        if (len < 1 || len > max) {
            throw failedToCreate();
        }
        return len;
    }

    /** Kea's text for a pool whose parts parse but make no pool (reversed range, other family, bad length). */
    public ConfigException failedToCreate() {
        return new ConfigException(at, "Failed to create pool defined by: " + text);
    }

    /** Kea's text for a pool whose parts do not parse. */
    public ConfigException failedToParse() {
        return new ConfigException(at, "Failed to parse pool definition: " + text);
    }
}
