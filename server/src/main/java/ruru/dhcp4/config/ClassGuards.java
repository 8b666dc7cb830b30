package ruru.dhcp4.config;

import ruru.classify.ClassGuard;
import ruru.daemon.config.ConfigException;
import ruru.json.MapElement;
import ruru.dhcp.config.Fields;

/** The class keys of a DHCPv4 shared network, subnet or pool: {@link ruru.dhcp.config.ClassGuards}. */
final class ClassGuards {

    private ClassGuards() {
    }

    /** @param failed Kea's prefix of the level's errors ("subnet configuration failed: " or "") */
    static ClassGuard parse(MapElement m, String failed) throws ConfigException {
        return ruru.dhcp.config.ClassGuards.parse(m, failed);
    }
}
