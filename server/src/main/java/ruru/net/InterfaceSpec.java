package ruru.net;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import ruru.wire.Ipv4Address;
import ruru.wire.Ipv6Address;
import ruru.wire.WireFormatException;

/**
 * Kea's {@code interfaces-config.interfaces} entries checked against the machine's interfaces, one
 * implementation for both families (Kea's CfgIface::use, texts as kea-dhcp4/kea-dhcp6 2.2 write them
 * and Kea 3.0's source keeps): "eth0" (a whole interface), "eth0/192.0.2.1" or "eth0/2001:db8::1" (one
 * address of it), "*" (every interface but loopback). The configuration parsers call it for
 * {@code -t}, {@code -c}, config-test, config-set and config-reload; the socket layer calls it again
 * to select what to open.
 */
public final class InterfaceSpec {

    /** Kea's wildcard. */
    public static final String WILDCARD = "*";

    /** An entry Kea refuses: the entry's index in the list and Kea's text. */
    public static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;
        private final int index;

        Invalid(int index, String message) {
            super(message);
            this.index = index;
        }

        public int index() {
            return index;
        }
    }

    /**
     * The accepted selection: the wildcard, whole interfaces in order, and the addresses selected
     * per interface in order (IPv4 addresses to listen on, or IPv6 unicast addresses).
     */
    public record Selection<A>(boolean wildcard, Set<String> whole, Map<String, List<A>> explicit) {
    }

    /** What differs between the families: the address type and its checks. */
    public interface Family<A> {
        /** Kea's refusal of an address of the other kind, or null when it is acceptable. */
        String refusal(Object address);

        @SuppressWarnings("unchecked")
        default A cast(Object address) {
            return (A) address;
        }

        boolean has(SystemInterfaces system, String name, A address);

        /** kea-dhcp4 refuses a whole interface after one of its addresses (kea-dhcp6 takes both). */
        boolean wholeExcludesAddresses();
    }

    public static final Family<Ipv4Address> V4 = new Family<>() {
        @Override
        public String refusal(Object address) {
            return address instanceof Ipv4Address ? null : "address '" + address + "' is not a valid IPv4 address";
        }

        @Override
        public boolean has(SystemInterfaces system, String name, Ipv4Address address) {
            return system.hasAddress(name, address);
        }

        @Override
        public boolean wholeExcludesAddresses() {
            return true;
        }
    };

    public static final Family<Ipv6Address> V6 = new Family<>() {
        @Override
        public String refusal(Object address) {
            return address instanceof Ipv6Address a && !a.isMulticast() ? null
                    : "address '" + address + "' is not a valid IPv6 unicast address";
        }

        @Override
        public boolean has(SystemInterfaces system, String name, Ipv6Address address) {
            return system.hasAddress(name, address);
        }

        @Override
        public boolean wholeExcludesAddresses() {
            return false;
        }
    };

    private InterfaceSpec() {
    }

    /**
     * Checks every entry in order, as Kea does. An IPv6 link-local unicast address is accepted (Kea
     * logs DHCPSRV_CFGMGR_UNICAST_LINK_LOCAL, see ConfigTrace).
     */
    public static <A> Selection<A> check(List<String> entries, Family<A> family, SystemInterfaces system)
            throws Invalid {
        boolean wildcard = false;
        Set<String> whole = new LinkedHashSet<>();
        Map<String, List<A>> explicit = new LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            String raw = entries.get(i);
            int slash = raw.indexOf('/');
            if (slash < 0) {
                String name = raw.trim();
                if (name.isEmpty()) {
                    throw new Invalid(i, "empty interface name used in configuration");
                }
                if (name.equals(WILDCARD)) {
                    if (wildcard) {
                        throw new Invalid(i, "the wildcard interface '*' can only be specified once");
                    }
                    wildcard = true;
                    continue;
                }
                requireExists(system, name, i);
                if (whole.contains(name) || family.wholeExcludesAddresses() && explicit.containsKey(name)) {
                    throw new Invalid(i, "interface '" + name + "' has already been specified");
                }
                whole.add(name);
                continue;
            }
            String name = raw.substring(0, slash).trim();
            String text = raw.substring(slash + 1).trim();
            if (name.isEmpty()) {
                throw new Invalid(i, "empty interface name specified in the interface configuration");
            }
            if (text.isEmpty()) {
                throw new Invalid(i, "empty address specified in the interface configuration");
            }
            if (name.equals(WILDCARD)) {
                throw new Invalid(i, "wildcard interface name '*' must not be used in conjunction with an address");
            }
            requireExists(system, name, i);
            Object parsed = address(text, i);
            String refused = family.refusal(parsed);
            if (refused != null) {
                throw new Invalid(i, refused);
            }
            A addr = family.cast(parsed);
            if (!family.has(system, name, addr)) {
                throw new Invalid(i, "interface '" + name + "' doesn't have address '" + addr + "' assigned");
            }
            if (family.wholeExcludesAddresses() && whole.contains(name)) {
                throw new Invalid(i, "interface '" + name + "' has already been selected");
            }
            List<A> list = explicit.computeIfAbsent(name, k -> new ArrayList<>());
            if (list.contains(addr)) {
                throw new Invalid(i, "must not select address '" + addr + "' for interface '" + name
                        + "' because this address is already selected");
            }
            list.add(addr);
        }
        return new Selection<>(wildcard, whole, explicit);
    }

    private static void requireExists(SystemInterfaces system, String name, int index) throws Invalid {
        if (!system.exists(name)) {
            throw new Invalid(index, "interface '" + name + "' doesn't exist in the system");
        }
    }

    /** An address of either family, as Kea's IOAddress reads the text. */
    private static Object address(String text, int index) throws Invalid {
        try {
            return Ipv4Address.parse(text);
        } catch (WireFormatException notV4) {
            try {
                return Ipv6Address.parse(text);
            } catch (WireFormatException notV6) {
                throw new Invalid(index, "Failed to convert string to address '" + text + "': Invalid argument");
            }
        }
    }
}
