package ruru.ddns.d2.config;

import java.util.List;
import java.util.Optional;

import ruru.daemon.DaemonConfig;
import ruru.daemon.config.CommonConfig;
import ruru.daemon.hooks.HooksConfig;
import ruru.json.MapElement;

/** The DNS update daemon's configuration, validated and immutable. */
public record D2Config(MapElement element, CommonConfig common, D2Params params, List<TsigKeySpec> keys,
                       DomainList forward, DomainList reverse, HooksConfig hooks) implements DaemonConfig {

    public D2Config {
        keys = List.copyOf(keys);
    }

    public Optional<TsigKeySpec> key(String name) {
        return keys.stream().filter(k -> k.name().equals(name)).findFirst();
    }
}
