package ruru.ha.config;

import java.util.List;
import java.util.Optional;

/**
 * The relationships of one server: one in Kea 2.2, one or more in Kea 3 (hub and spoke, hot-standby
 * only). Server names are unique across relationships.
 */
public record HaConfigs(List<HaConfig> relationships) {

    public HaConfigs {
        relationships = List.copyOf(relationships);
    }

    /** The relationship that names server {@code name} among its peers. */
    public Optional<HaConfig> byServerName(String name) {
        return relationships.stream().filter(r -> r.peers().containsKey(name)).findFirst();
    }

    public boolean hasMultiple() {
        return relationships.size() > 1;
    }
}
