package ruru.dhcp.config;

import java.util.ArrayList;
import java.util.List;

import ruru.daemon.config.ConfigException;
import ruru.json.Element;
import ruru.json.ListElement;
import ruru.json.MapElement;
import ruru.json.Position;
import ruru.json.StringElement;
import ruru.net.InterfaceSpec;
import ruru.net.SystemInterfaces;

/**
 * Kea refuses a configuration naming an interface this machine does not have, for both families,
 * at {@code -t}, {@code -c}, config-test, config-set and config-reload (kea-dhcp4/kea-dhcp6 2.2 live,
 * the same code in Kea 3.0): an {@code interfaces-config} entry (Kea's CfgIface::use, see
 * {@link InterfaceSpec}), a subnet's {@code interface} and a shared network's {@code interface}.
 */
public final class InterfaceChecks {

    private InterfaceChecks() {
    }

    /**
     * {@code interfaces-config.interfaces}: "Failed to select interface: TEXT (entry) (list)". Kea
     * places the list at its key in a file (its grammar's "interfaces" token), at its opening
     * bracket in command text (Element::fromJSON).
     */
    public static <A> void interfacesConfig(MapElement root, InterfaceSpec.Family<A> family, SystemInterfaces system)
            throws ConfigException {
        if (!(root.get("interfaces-config") instanceof MapElement config)
                || !(config.get("interfaces") instanceof ListElement list)) {
            return;
        }
        List<String> names = new ArrayList<>();
        for (Element e : list.items()) {
            names.add(e instanceof StringElement s ? s.value() : "");
        }
        try {
            InterfaceSpec.check(names, family, system);
        } catch (InterfaceSpec.Invalid e) {
            Position key = config.keyPosition("interfaces");
            boolean file = key.isKnown() && !key.file().equals("<wire>") && !key.file().equals("<string>");
            throw new ConfigException(file ? key : list.position(), "Failed to select interface: " + e.getMessage() + " ("
                    + list.items().get(e.index()).position() + ")");
        }
    }

    /** A subnet's own {@code interface}: Kea's text with the subnet prefix, at the value. */
    public static void subnet(MapElement subnet, String subnetText, SystemInterfaces system) throws ConfigException {
        if (subnet.get("interface") instanceof StringElement s && !s.value().isEmpty() && !system.exists(s.value())) {
            throw new ConfigException(s.position(), NetworkChecks.SUBNET_FAILED + "Specified network interface name "
                    + s.value() + " for subnet " + subnetText + " is not present in the system");
        }
    }

    /** A shared network's {@code interface}, at the value (kea-dhcp6 adds the network's position). */
    public static void sharedNetwork(MapElement network, String name, SystemInterfaces system) throws ConfigException {
        if (network.get("interface") instanceof StringElement s && !s.value().isEmpty() && !system.exists(s.value())) {
            throw new ConfigException(s.position(), "Specified network interface name " + s.value()
                    + " for shared network " + name + " is not present in the system");
        }
    }
}
