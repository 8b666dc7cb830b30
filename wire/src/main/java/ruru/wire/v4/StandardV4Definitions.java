package ruru.wire.v4;

import static ruru.wire.v4.OptionDataType.BINARY;
import static ruru.wire.v4.OptionDataType.BOOLEAN;
import static ruru.wire.v4.OptionDataType.EMPTY;
import static ruru.wire.v4.OptionDataType.FQDN;
import static ruru.wire.v4.OptionDataType.INT32;
import static ruru.wire.v4.OptionDataType.INTERNAL;
import static ruru.wire.v4.OptionDataType.IPV4_ADDRESS;
import static ruru.wire.v4.OptionDataType.IPV6_ADDRESS;
import static ruru.wire.v4.OptionDataType.PSID;
import static ruru.wire.v4.OptionDataType.STRING;
import static ruru.wire.v4.OptionDataType.TUPLE;
import static ruru.wire.v4.OptionDataType.UINT16;
import static ruru.wire.v4.OptionDataType.UINT32;
import static ruru.wire.v4.OptionDataType.UINT8;

import java.util.ArrayList;
import java.util.List;

/**
 * The DHCPv4 option definitions Kea ships (names, codes, types and spaces as users write them in
 * "option-data"), from RFC 2132 and the later RFCs each entry cites in Kea's table.
 */
final class StandardV4Definitions {

    static final String DHCP4 = "dhcp4";
    static final String AGENT = "dhcp-agent-options-space";
    static final String VENDOR_ENCAPSULATED = "vendor-encapsulated-options-space";
    /** Kea names CableLabs' (enterprise 4491) vendor space both ways. */
    static final String DOCSIS3 = "docsis3-v4";
    static final String VENDOR_4491 = "vendor-4491";

    private StandardV4Definitions() {
    }

    /** Option 43 is only a last resort in Kea: a user may redefine it in "dhcp4". */
    static OptionDefinition lastResort43() {
        return OptionDefinition.encapsulating("vendor-encapsulated-options", 43, DHCP4, EMPTY, VENDOR_ENCAPSULATED);
    }

    static List<OptionDefinition> all() {
        List<OptionDefinition> d = new ArrayList<>(160);
        v4(d, "subnet-mask", 1, IPV4_ADDRESS, false);
        v4(d, "time-offset", 2, INT32, false);
        v4(d, "routers", 3, IPV4_ADDRESS, true);
        v4(d, "time-servers", 4, IPV4_ADDRESS, true);
        v4(d, "name-servers", 5, IPV4_ADDRESS, true);
        v4(d, "domain-name-servers", 6, IPV4_ADDRESS, true);
        v4(d, "log-servers", 7, IPV4_ADDRESS, true);
        v4(d, "cookie-servers", 8, IPV4_ADDRESS, true);
        v4(d, "lpr-servers", 9, IPV4_ADDRESS, true);
        v4(d, "impress-servers", 10, IPV4_ADDRESS, true);
        v4(d, "resource-location-servers", 11, IPV4_ADDRESS, true);
        v4(d, "host-name", 12, STRING, false);
        v4(d, "boot-size", 13, UINT16, false);
        v4(d, "merit-dump", 14, STRING, false);
        v4(d, "domain-name", 15, STRING, false);
        v4(d, "swap-server", 16, IPV4_ADDRESS, false);
        v4(d, "root-path", 17, STRING, false);
        v4(d, "extensions-path", 18, STRING, false);
        v4(d, "ip-forwarding", 19, BOOLEAN, false);
        v4(d, "non-local-source-routing", 20, BOOLEAN, false);
        v4(d, "policy-filter", 21, IPV4_ADDRESS, true);
        v4(d, "max-dgram-reassembly", 22, UINT16, false);
        v4(d, "default-ip-ttl", 23, UINT8, false);
        v4(d, "path-mtu-aging-timeout", 24, UINT32, false);
        v4(d, "path-mtu-plateau-table", 25, UINT16, true);
        v4(d, "interface-mtu", 26, UINT16, false);
        v4(d, "all-subnets-local", 27, BOOLEAN, false);
        v4(d, "broadcast-address", 28, IPV4_ADDRESS, false);
        v4(d, "perform-mask-discovery", 29, BOOLEAN, false);
        v4(d, "mask-supplier", 30, BOOLEAN, false);
        v4(d, "router-discovery", 31, BOOLEAN, false);
        v4(d, "router-solicitation-address", 32, IPV4_ADDRESS, false);
        v4(d, "static-routes", 33, IPV4_ADDRESS, true);
        v4(d, "trailer-encapsulation", 34, BOOLEAN, false);
        v4(d, "arp-cache-timeout", 35, UINT32, false);
        v4(d, "ieee802-3-encapsulation", 36, BOOLEAN, false);
        v4(d, "default-tcp-ttl", 37, UINT8, false);
        v4(d, "tcp-keepalive-interval", 38, UINT32, false);
        v4(d, "tcp-keepalive-garbage", 39, BOOLEAN, false);
        v4(d, "nis-domain", 40, STRING, false);
        v4(d, "nis-servers", 41, IPV4_ADDRESS, true);
        v4(d, "ntp-servers", 42, IPV4_ADDRESS, true);
        v4(d, "netbios-name-servers", 44, IPV4_ADDRESS, true);
        v4(d, "netbios-dd-server", 45, IPV4_ADDRESS, true);
        v4(d, "netbios-node-type", 46, UINT8, false);
        v4(d, "netbios-scope", 47, STRING, false);
        v4(d, "font-servers", 48, IPV4_ADDRESS, true);
        v4(d, "x-display-manager", 49, IPV4_ADDRESS, true);
        v4(d, "dhcp-requested-address", 50, IPV4_ADDRESS, false);
        v4(d, "dhcp-lease-time", 51, UINT32, false);
        v4(d, "dhcp-option-overload", 52, UINT8, false);
        v4(d, "dhcp-message-type", 53, UINT8, false);
        v4(d, "dhcp-server-identifier", 54, IPV4_ADDRESS, false);
        v4(d, "dhcp-parameter-request-list", 55, UINT8, true);
        v4(d, "dhcp-message", 56, STRING, false);
        v4(d, "dhcp-max-message-size", 57, UINT16, false);
        v4(d, "dhcp-renewal-time", 58, UINT32, false);
        v4(d, "dhcp-rebinding-time", 59, UINT32, false);
        v4(d, "vendor-class-identifier", 60, STRING, false);
        v4(d, "dhcp-client-identifier", 61, BINARY, false);
        v4(d, "nwip-domain-name", 62, STRING, false);
        v4(d, "nwip-suboptions", 63, BINARY, false);
        v4(d, "nisplus-domain-name", 64, STRING, false);
        v4(d, "nisplus-servers", 65, IPV4_ADDRESS, true);
        v4(d, "tftp-server-name", 66, STRING, false);
        v4(d, "boot-file-name", 67, STRING, false);
        v4(d, "mobile-ip-home-agent", 68, IPV4_ADDRESS, true);
        v4(d, "smtp-server", 69, IPV4_ADDRESS, true);
        v4(d, "pop-server", 70, IPV4_ADDRESS, true);
        v4(d, "nntp-server", 71, IPV4_ADDRESS, true);
        v4(d, "www-server", 72, IPV4_ADDRESS, true);
        v4(d, "finger-server", 73, IPV4_ADDRESS, true);
        v4(d, "irc-server", 74, IPV4_ADDRESS, true);
        v4(d, "streettalk-server", 75, IPV4_ADDRESS, true);
        v4(d, "streettalk-directory-assistance-server", 76, IPV4_ADDRESS, true);
        v4(d, "user-class", 77, BINARY, false);
        d.add(OptionDefinition.record("slp-directory-agent", 78, DHCP4, true, BOOLEAN, IPV4_ADDRESS));
        d.add(OptionDefinition.record("slp-service-scope", 79, DHCP4, false, BOOLEAN, STRING));
        d.add(OptionDefinition.record("fqdn", 81, DHCP4, false, UINT8, UINT8, UINT8, FQDN));
        d.add(OptionDefinition.encapsulating("dhcp-agent-options", 82, DHCP4, EMPTY, AGENT));
        v4(d, "nds-servers", 85, IPV4_ADDRESS, true);
        v4(d, "nds-tree-name", 86, STRING, false);
        v4(d, "nds-context", 87, STRING, false);
        v4(d, "bcms-controller-names", 88, FQDN, true);
        v4(d, "bcms-controller-address", 89, IPV4_ADDRESS, true);
        v4(d, "authenticate", 90, BINARY, false);
        v4(d, "client-last-transaction-time", 91, UINT32, false);
        v4(d, "associated-ip", 92, IPV4_ADDRESS, true);
        v4(d, "client-system", 93, UINT16, true);
        d.add(OptionDefinition.record("client-ndi", 94, DHCP4, false, UINT8, UINT8, UINT8));
        d.add(OptionDefinition.record("uuid-guid", 97, DHCP4, false, UINT8, BINARY));
        v4(d, "uap-servers", 98, STRING, false);
        v4(d, "geoconf-civic", 99, BINARY, false);
        v4(d, "pcode", 100, STRING, false);
        v4(d, "tcode", 101, STRING, false);
        v4(d, "v6-only-preferred", 108, UINT32, false);
        v4(d, "netinfo-server-address", 112, IPV4_ADDRESS, true);
        v4(d, "netinfo-server-tag", 113, STRING, false);
        v4(d, "v4-captive-portal", 114, STRING, false);
        v4(d, "auto-config", 116, UINT8, false);
        v4(d, "name-service-search", 117, UINT16, true);
        v4(d, "subnet-selection", 118, IPV4_ADDRESS, false);
        v4(d, "domain-search", 119, FQDN, true);
        v4(d, "classless-static-route", 121, INTERNAL, false);
        d.add(OptionDefinition.record("vivco-suboptions", 124, DHCP4, false, UINT32, BINARY));
        v4(d, "vivso-suboptions", 125, UINT32, false);
        v4(d, "pana-agent", 136, IPV4_ADDRESS, true);
        v4(d, "v4-lost", 137, FQDN, false);
        v4(d, "capwap-ac-v4", 138, IPV4_ADDRESS, true);
        v4(d, "sip-ua-cs-domains", 141, FQDN, true);
        v4(d, "v4-sztp-redirect", 143, TUPLE, true);
        d.add(OptionDefinition.record("rdnss-selection", 146, DHCP4, true, UINT8, IPV4_ADDRESS, IPV4_ADDRESS, FQDN));
        d.add(OptionDefinition.record("status-code", 151, DHCP4, false, UINT8, STRING));
        v4(d, "base-time", 152, UINT32, false);
        v4(d, "start-time-of-state", 153, UINT32, false);
        v4(d, "query-start-time", 154, UINT32, false);
        v4(d, "query-end-time", 155, UINT32, false);
        v4(d, "dhcp-state", 156, UINT8, false);
        v4(d, "data-source", 157, UINT8, false);
        d.add(OptionDefinition.record("v4-portparams", 159, DHCP4, false, UINT8, PSID));
        v4(d, "v4-dnr", 162, INTERNAL, false);
        d.add(OptionDefinition.record("option-6rd", 212, DHCP4, true, UINT8, UINT8, IPV6_ADDRESS, IPV4_ADDRESS));
        v4(d, "v4-access-domain", 213, FQDN, false);

        // RFC 3046 relay agent sub-options and their successors (RFC 3527, 3993, 4030, 4014, 5010, 5107,
        // 6607, 7839, 8357), in the space option 82 encapsulates.
        agent(d, "circuit-id", 1, BINARY);
        agent(d, "remote-id", 2, BINARY);
        agent(d, "docsis-device-class", 4, UINT32);
        agent(d, "link-selection", 5, IPV4_ADDRESS);
        agent(d, "subscriber-id", 6, STRING);
        agent(d, "radius", 7, BINARY);
        agent(d, "auth", 8, BINARY);
        agent(d, "vendor-specific-info", 9, BINARY);
        agent(d, "relay-flags", 10, UINT8);
        agent(d, "server-id-override", 11, IPV4_ADDRESS);
        agent(d, "relay-id", 12, BINARY);
        agent(d, "access-techno-type", 13, UINT16);
        agent(d, "access-network-name", 14, STRING);
        agent(d, "access-point-name", 15, STRING);
        agent(d, "access-point-bssid", 16, BINARY);
        agent(d, "operator-id", 17, UINT32);
        agent(d, "operator-realm", 18, STRING);
        agent(d, "relay-port", 19, UINT16);
        agent(d, "virtual-subnet-select", 151, BINARY);
        agent(d, "virtual-subnet-select-ctrl", 152, EMPTY);

        // CableLabs DOCSIS 3 vendor options (enterprise 4491), carried in option 125.
        for (String space : List.of(DOCSIS3, VENDOR_4491)) {
            d.add(OptionDefinition.of("oro", 1, space, UINT8, true));
            d.add(OptionDefinition.of("tftp-servers", 2, space, IPV4_ADDRESS, true));
        }
        return List.copyOf(d);
    }

    private static void v4(List<OptionDefinition> d, String name, int code, OptionDataType type, boolean array) {
        d.add(OptionDefinition.of(name, code, DHCP4, type, array));
    }

    private static void agent(List<OptionDefinition> d, String name, int code, OptionDataType type) {
        d.add(OptionDefinition.of(name, code, AGENT, type, false));
    }
}
