package ruru.wire.v6;

import static ruru.wire.v4.OptionDataType.BINARY;
import static ruru.wire.v4.OptionDataType.EMPTY;
import static ruru.wire.v4.OptionDataType.FQDN;
import static ruru.wire.v4.OptionDataType.INT32;
import static ruru.wire.v4.OptionDataType.INTERNAL;
import static ruru.wire.v4.OptionDataType.IPV4_ADDRESS;
import static ruru.wire.v4.OptionDataType.IPV6_ADDRESS;
import static ruru.wire.v4.OptionDataType.IPV6_PREFIX;
import static ruru.wire.v4.OptionDataType.PSID;
import static ruru.wire.v4.OptionDataType.STRING;
import static ruru.wire.v4.OptionDataType.TUPLE;
import static ruru.wire.v4.OptionDataType.UINT16;
import static ruru.wire.v4.OptionDataType.UINT32;
import static ruru.wire.v4.OptionDataType.UINT8;

import java.util.ArrayList;
import java.util.List;

import ruru.wire.Universe;
import ruru.wire.v4.OptionDataType;
import ruru.wire.v4.OptionDefinition;
import ruru.wire.v4.OptionDefinitions;

/**
 * The DHCPv6 option definitions Kea 3.0 ships (names, codes, types and spaces as users write them
 * in "option-data"): the "dhcp6" space, the softwire 46 containers' spaces (RFC 7598), the NTP
 * server sub-options (RFC 5908), CableLabs' DOCSIS 3 vendor space and ISC's own vendor space.
 */
public final class StandardV6Definitions {

    public static final String DHCP6 = "dhcp6";
    /** Kea names CableLabs' (enterprise 4491) DHCPv6 vendor space both ways. */
    public static final String DOCSIS3 = "docsis3-v6";
    public static final String VENDOR_4491 = "vendor-4491";
    /** ISC's vendor space (DHCPv4-over-DHCPv6 internals). */
    public static final String VENDOR_2495 = "vendor-2495";
    public static final String MAPE = "s46-cont-mape-options";
    public static final String MAPT = "s46-cont-mapt-options";
    public static final String LW = "s46-cont-lw-options";
    public static final String RULE = "s46-rule-options";
    public static final String V4V6BIND = "s46-v4v6bind-options";
    public static final String NTP = "v6-ntp-server-suboptions";
    public static final String RSOO = "rsoo-opts";

    private static final OptionDefinitions REGISTRY = OptionDefinitions.ofStandard(Universe.V6, all());

    private StandardV6Definitions() {
    }

    /** Kea's standard DHCPv6 definitions as a registry; {@code withCustom} adds a configuration's own. */
    public static OptionDefinitions registry() {
        return REGISTRY;
    }

    static List<OptionDefinition> all() {
        List<OptionDefinition> d = new ArrayList<>(120);
        v6(d, "clientid", 1, BINARY, false);
        v6(d, "serverid", 2, BINARY, false);
        rec(d, "ia-na", 3, false, UINT32, UINT32, UINT32);
        v6(d, "ia-ta", 4, UINT32, false);
        rec(d, "iaaddr", 5, false, IPV6_ADDRESS, UINT32, UINT32);
        v6(d, "oro", 6, UINT16, true);
        v6(d, "preference", 7, UINT8, false);
        v6(d, "elapsed-time", 8, UINT16, false);
        v6(d, "relay-msg", 9, BINARY, false);
        v6(d, "auth", 11, BINARY, false);
        v6(d, "unicast", 12, IPV6_ADDRESS, false);
        rec(d, "status-code", 13, false, UINT16, STRING);
        v6(d, "rapid-commit", 14, EMPTY, false);
        v6(d, "user-class", 15, BINARY, false);
        rec(d, "vendor-class", 16, false, UINT32, BINARY);
        v6(d, "vendor-opts", 17, UINT32, false);
        v6(d, "interface-id", 18, BINARY, false);
        v6(d, "reconf-msg", 19, UINT8, false);
        v6(d, "reconf-accept", 20, EMPTY, false);
        v6(d, "sip-server-dns", 21, FQDN, true);
        v6(d, "sip-server-addr", 22, IPV6_ADDRESS, true);
        v6(d, "dns-servers", 23, IPV6_ADDRESS, true);
        v6(d, "domain-search", 24, FQDN, true);
        rec(d, "ia-pd", 25, false, UINT32, UINT32, UINT32);
        rec(d, "iaprefix", 26, false, UINT32, UINT32, UINT8, IPV6_ADDRESS);
        v6(d, "nis-servers", 27, IPV6_ADDRESS, true);
        v6(d, "nisp-servers", 28, IPV6_ADDRESS, true);
        v6(d, "nis-domain-name", 29, FQDN, true);
        v6(d, "nisp-domain-name", 30, FQDN, true);
        v6(d, "sntp-servers", 31, IPV6_ADDRESS, true);
        v6(d, "information-refresh-time", 32, UINT32, false);
        v6(d, "bcmcs-server-dns", 33, FQDN, true);
        v6(d, "bcmcs-server-addr", 34, IPV6_ADDRESS, true);
        rec(d, "geoconf-civic", 36, false, UINT8, UINT16, BINARY);
        rec(d, "remote-id", 37, false, UINT32, BINARY);
        v6(d, "subscriber-id", 38, BINARY, false);
        rec(d, "client-fqdn", 39, false, UINT8, FQDN);
        v6(d, "pana-agent", 40, IPV6_ADDRESS, true);
        v6(d, "new-posix-timezone", 41, STRING, false);
        v6(d, "new-tzdb-timezone", 42, STRING, false);
        v6(d, "ero", 43, UINT16, true);
        d.add(new OptionDefinition("lq-query", 44, DHCP6, OptionDataType.RECORD, false, List.of(UINT8, IPV6_ADDRESS),
                DHCP6, Universe.V6));
        d.add(OptionDefinition.encapsulating("client-data", 45, DHCP6, EMPTY, DHCP6));
        v6(d, "clt-time", 46, UINT32, false);
        rec(d, "lq-relay-data", 47, false, IPV6_ADDRESS, BINARY);
        v6(d, "lq-client-link", 48, IPV6_ADDRESS, true);
        v6(d, "v6-lost", 51, FQDN, false);
        v6(d, "capwap-ac-v6", 52, IPV6_ADDRESS, true);
        v6(d, "relay-id", 53, BINARY, false);
        d.add(OptionDefinition.encapsulating("ntp-server", 56, DHCP6, EMPTY, NTP));
        v6(d, "v6-access-domain", 57, FQDN, false);
        v6(d, "sip-ua-cs-list", 58, FQDN, true);
        v6(d, "bootfile-url", 59, STRING, false);
        v6(d, "bootfile-param", 60, TUPLE, true);
        v6(d, "client-arch-type", 61, UINT16, true);
        rec(d, "nii", 62, false, UINT8, UINT8, UINT8);
        v6(d, "aftr-name", 64, FQDN, false);
        v6(d, "erp-local-domain-name", 65, FQDN, false);
        d.add(OptionDefinition.encapsulating("rsoo", 66, DHCP6, EMPTY, RSOO));
        v6(d, "pd-exclude", 67, IPV6_PREFIX, false);
        rec(d, "rdnss-selection", 74, true, IPV6_ADDRESS, UINT8, FQDN);
        v6(d, "client-linklayer-addr", 79, BINARY, false);
        v6(d, "link-address", 80, IPV6_ADDRESS, false);
        v6(d, "solmax-rt", 82, UINT32, false);
        v6(d, "inf-max-rt", 83, UINT32, false);
        v6(d, "dhcpv4-message", 87, BINARY, false);
        v6(d, "dhcp4o6-server-addr", 88, IPV6_ADDRESS, true);
        d.add(OptionDefinition.encapsulating("s46-cont-mape", 94, DHCP6, EMPTY, MAPE));
        d.add(OptionDefinition.encapsulating("s46-cont-mapt", 95, DHCP6, EMPTY, MAPT));
        d.add(OptionDefinition.encapsulating("s46-cont-lw", 96, DHCP6, EMPTY, LW));
        v6(d, "v6-captive-portal", 103, STRING, false);
        v6(d, "relay-source-port", 135, UINT16, false);
        v6(d, "v6-sztp-redirect", 136, TUPLE, true);
        v6(d, "ipv6-address-andsf", 143, IPV6_ADDRESS, true);
        // Kea 3's own codec and notation (RFC 9463), as v4-dnr in dhcp4.
        v6(d, "v6-dnr", 144, INTERNAL, false);
        v6(d, "addr-reg-enable", 148, EMPTY, false);

        // RFC 5908 NTP server sub-options.
        d.add(OptionDefinition.of("ntp-server-address", 1, NTP, IPV6_ADDRESS, false));
        d.add(OptionDefinition.of("ntp-server-multicast", 2, NTP, IPV6_ADDRESS, false));
        d.add(OptionDefinition.of("ntp-server-fqdn", 3, NTP, FQDN, false));

        // RFC 7598 softwire 46 options inside their containers.
        d.add(OptionDefinition.of("s46-br", 90, MAPE, IPV6_ADDRESS, false));
        d.add(new OptionDefinition("s46-rule", 89, MAPE, OptionDataType.RECORD, false,
                List.of(UINT8, UINT8, UINT8, IPV4_ADDRESS, IPV6_PREFIX), RULE));
        d.add(new OptionDefinition("s46-rule", 89, MAPT, OptionDataType.RECORD, false,
                List.of(UINT8, UINT8, UINT8, IPV4_ADDRESS, IPV6_PREFIX), RULE));
        d.add(OptionDefinition.of("s46-dmr", 91, MAPT, IPV6_PREFIX, false));
        d.add(OptionDefinition.of("s46-br", 90, LW, IPV6_ADDRESS, false));
        d.add(new OptionDefinition("s46-v4v6bind", 92, LW, OptionDataType.RECORD, false,
                List.of(IPV4_ADDRESS, IPV6_PREFIX), V4V6BIND));
        d.add(OptionDefinition.record("s46-portparams", 93, RULE, false, UINT8, PSID));
        d.add(OptionDefinition.record("s46-portparams", 93, V4V6BIND, false, UINT8, PSID));

        // CableLabs DOCSIS 3 (enterprise 4491), carried in option 17.
        for (String space : List.of(DOCSIS3, VENDOR_4491)) {
            d.add(OptionDefinition.of("oro", 1, space, UINT16, true));
            d.add(OptionDefinition.of("device-type", 2, space, STRING, false));
            d.add(OptionDefinition.of("vendor-type", 10, space, STRING, false));
            d.add(OptionDefinition.of("tftp-servers", 32, space, IPV6_ADDRESS, true));
            d.add(OptionDefinition.of("config-file", 33, space, STRING, false));
            d.add(OptionDefinition.of("syslog-servers", 34, space, IPV6_ADDRESS, true));
            d.add(OptionDefinition.of("device-id", 36, space, BINARY, false));
            d.add(OptionDefinition.of("time-servers", 37, space, IPV6_ADDRESS, true));
            d.add(OptionDefinition.of("time-offset", 38, space, INT32, false));
            d.add(OptionDefinition.of("cmts-cm-mac", 1026, space, BINARY, false));
        }
        // ISC (enterprise 2495): DHCPv4-over-DHCPv6 internals.
        d.add(OptionDefinition.of("4o6-interface", 60000, VENDOR_2495, STRING, false));
        d.add(OptionDefinition.of("4o6-source-address", 60001, VENDOR_2495, IPV6_ADDRESS, false));
        d.add(OptionDefinition.of("4o6-source-port", 60002, VENDOR_2495, UINT16, false));
        return List.copyOf(d);
    }

    private static void v6(List<OptionDefinition> d, String name, int code, OptionDataType type, boolean array) {
        d.add(OptionDefinition.of(name, code, DHCP6, type, array));
    }

    private static void rec(List<OptionDefinition> d, String name, int code, boolean array, OptionDataType... fields) {
        d.add(OptionDefinition.record(name, code, DHCP6, array, fields));
    }
}
