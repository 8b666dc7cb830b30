package ruru.daemon;

import ruru.daemon.config.CommonConfig;
import ruru.json.MapElement;

/**
 * A daemon's validated, immutable configuration. {@link #element} is the normalized daemon map
 * (comments moved into user-context) that config-get returns and the hash covers.
 */
public interface DaemonConfig {

    MapElement element();

    CommonConfig common();
}
