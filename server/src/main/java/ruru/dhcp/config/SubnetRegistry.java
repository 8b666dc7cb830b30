package ruru.dhcp.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import ruru.daemon.config.ConfigException;
import ruru.json.MapElement;

/**
 * The subnets of one configuration as Kea's parsers add them, either family: each gets its declared
 * id or else Kea 2.2's automatic one (a counter from 1, bumped for each subnet without an id, blind
 * to explicit ids); ids and prefixes must be unique, with Kea's texts.
 *
 * @param <S> the family's subnet
 */
public final class SubnetRegistry<S> {

    /** Parses one subnet's map once its id is known. */
    @FunctionalInterface
    public interface SubnetParse<S> {
        S parse(long id) throws ConfigException;
    }

    private final String family;
    private final Function<S, String> prefixKey;
    private final Function<S, String> prefixText;
    private final Map<Long, MapElement> ids = new HashMap<>();
    private final Set<String> prefixes = new HashSet<>();
    private final List<S> subnets = new ArrayList<>();
    private long nextAutoId = 1;

    /**
     * @param family     "IPv4" or "IPv6", as Kea's duplicate-id text names it
     * @param prefixKey  what makes two subnets' prefixes the same
     * @param prefixText the prefix as Kea's duplicate-prefix text shows it
     */
    public SubnetRegistry(String family, Function<S, String> prefixKey, Function<S, String> prefixText) {
        this.family = family;
        this.prefixKey = prefixKey;
        this.prefixText = prefixText;
    }

    /** Parses and adds the subnet of map {@code m} whose declared id (0: none) is {@code declaredId}. */
    public S add(MapElement m, long declaredId, SubnetParse<S> parse) throws ConfigException {
        long id = declaredId == 0 ? nextAutoId++ : declaredId;
        S s = parse.parse(id);
        if (ids.putIfAbsent(id, m) != null) {
            throw new ConfigException(m.position(), "ID of the new " + family + " subnet '" + id
                    + "' is already in use");
        }
        if (!prefixes.add(prefixKey.apply(s))) {
            throw new ConfigException(m.position(), "subnet with the prefix of '" + prefixText.apply(s)
                    + "' already exists");
        }
        subnets.add(s);
        return s;
    }

    /** The subnets in the order they were added. */
    public List<S> subnets() {
        return List.copyOf(subnets);
    }
}
