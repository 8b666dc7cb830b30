package ruru.conformance;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Item 6 of issue 9: vendor options in the forms Kea supports: option 43 as raw hex and
 * encapsulating a custom space (UniFi style), option 43 chosen by vendor class with the class's own
 * definition (APC, Siemens, Mitel and iPXE style: encapsulated spaces, strings, binary, a
 * VENDOR_CLASS_ class, INFORM), option 125 sub-options per enterprise from Kea's built-in DOCSIS
 * space and from custom vendor spaces, several vendors at once, option 124; replies byte for byte
 * against kea-dhcp4 2.2.
 */
class VendorOptionsConformanceTest extends OracleTest {

    static final String SUBNET = """
            "valid-lifetime": 4000,
            "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24", "pools": [ { "pool": "192.0.2.10 - 192.0.2.20" } ] } ]
            """;

    static String cfg(String s) {
        return s + ", " + SUBNET;
    }

    static final String UNIFI = cfg("""
            "option-def": [
              { "name": "unifi-address", "code": 1, "space": "ubnt", "type": "ipv4-address" },
              { "name": "vendor-encapsulated-options", "code": 43, "type": "empty", "encapsulate": "ubnt" } ],
            "option-data": [
              { "name": "unifi-address", "space": "ubnt", "data": "192.0.2.5" },
              { "name": "vendor-encapsulated-options" } ]""");

    static final String HEX43 = cfg("""
            "option-data": [ { "name": "vendor-encapsulated-options", "csv-format": false, "data": "01 04 C0 00 02 05" } ]""");

    static final String DOCSIS = cfg("""
            "option-data": [ { "name": "tftp-servers", "space": "vendor-4491", "data": "192.0.2.9, 192.0.2.10" } ]""");

    static final String CUSTOM_VENDORS = cfg("""
            "option-def": [
              { "name": "acme-server", "code": 1, "space": "vendor-1234", "type": "ipv4-address" },
              { "name": "acme-name", "code": 2, "space": "vendor-1234", "type": "string" },
              { "name": "beta-flag", "code": 7, "space": "vendor-5678", "type": "uint16" } ],
            "option-data": [
              { "name": "acme-server", "space": "vendor-1234", "data": "192.0.2.7" },
              { "name": "acme-name", "space": "vendor-1234", "data": "lab" },
              { "name": "beta-flag", "space": "vendor-5678", "data": "513", "always-send": true },
              { "name": "vivso-suboptions", "data": "1234" },
              { "name": "tftp-servers", "space": "vendor-4491", "data": "192.0.2.9" } ]""");

    /** Option 43 chosen by vendor class (Kea's manual: a class's own option-def for 43 with its encapsulated space). */
    static final String CLASS_43 = cfg("""
            "option-def": [
              { "name": "cookie", "code": 1, "space": "APC", "type": "string" },
              { "name": "magic", "code": 1, "space": "siemens", "type": "binary" },
              { "name": "vlan-id", "code": 2, "space": "siemens", "type": "uint32" },
              { "name": "dls-url", "code": 3, "space": "siemens", "type": "string" } ],
            "client-classes": [
              { "name": "APC", "test": "option[vendor-class-identifier].text == 'APC'",
                "option-def": [ { "name": "vendor-encapsulated-options", "code": 43, "type": "empty", "encapsulate": "APC" } ],
                "option-data": [ { "name": "cookie", "space": "APC", "data": "1APC" },
                                 { "name": "vendor-encapsulated-options" } ] },
              { "name": "VENDOR_CLASS_OptiIpPhone",
                "option-def": [ { "name": "vendor-encapsulated-options", "code": 43, "type": "empty", "encapsulate": "siemens" } ],
                "option-data": [ { "name": "magic", "space": "siemens", "data": "5369656D656E7300" },
                                 { "name": "vlan-id", "space": "siemens", "data": "100" },
                                 { "name": "dls-url", "space": "siemens", "data": "sdlp://192.0.2.8:18443" },
                                 { "name": "vendor-encapsulated-options", "always-send": true } ] },
              { "name": "mitel", "test": "substring(option[60].hex, 0, 5) == 'MITEL'",
                "option-def": [ { "name": "vendor-encapsulated-options", "code": 43, "type": "string" } ],
                "option-data": [ { "name": "vendor-encapsulated-options", "data": "id:ipphone.mitel.com;call_srv=192.0.2.4;" } ] },
              { "name": "ipxe", "test": "option[77].hex == 'iPXE'",
                "option-def": [ { "name": "vendor-encapsulated-options", "code": 43, "type": "binary" } ],
                "option-data": [ { "name": "vendor-encapsulated-options", "data": "0101FF" } ],
                "boot-file-name": "http://192.0.2.6/boot.ipxe" } ]""");

    /** A subnet's option 43 and a class's for the same client: the subnet's comes first, as Kea orders them. */
    static final String CLASS_AND_SUBNET_43 = """
            "valid-lifetime": 4000,
            "client-classes": [
              { "name": "mitel", "test": "substring(option[60].hex, 0, 5) == 'MITEL'",
                "option-def": [ { "name": "vendor-encapsulated-options", "code": 43, "type": "string" } ],
                "option-data": [ { "name": "vendor-encapsulated-options", "data": "from-class" } ] } ],
            "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24", "pools": [ { "pool": "192.0.2.10 - 192.0.2.20" } ],
              "option-data": [ { "name": "vendor-encapsulated-options", "csv-format": false, "data": "0203616263" } ] } ]
            """;

    /**
     * A query's own option 43 read with the definition of the class its vendor class selects, then
     * tested by a class evaluated later (Kea unpacks option 43 after the first classification).
     */
    static final String CLIENT_43 = """
            "valid-lifetime": 4000,
            "option-def": [ { "name": "cookie", "code": 1, "space": "APC", "type": "string" } ],
            "client-classes": [
              { "name": "APC", "test": "option[vendor-class-identifier].text == 'APC'",
                "option-def": [ { "name": "vendor-encapsulated-options", "code": 43, "type": "empty", "encapsulate": "APC" } ] },
              { "name": "apc-cookie", "only-if-required": true, "test": "option[43].option[1].text == '1APC'",
                "option-data": [ { "name": "domain-name", "data": "apc.example.org" } ] } ],
            "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24", "pools": [ { "pool": "192.0.2.10 - 192.0.2.20" } ],
              "require-client-classes": [ "apc-cookie" ] } ]
            """;

    static String hex(String text) {
        return java.util.HexFormat.of().formatHex(text.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    /** Option 124 / 125 content for one enterprise with no data. */
    static String vendorClass(int enterprise, String dataHex) {
        int len = dataHex.length() / 2;
        return String.format("%08x", enterprise) + String.format("%02x", len) + dataHex;
    }

    static List<Scenario> scenarios() {
        return List.of(
                Scenario.of("option 43 encapsulating a custom space (UniFi)", UNIFI, r -> {
                    Client c = r.client(91).prl(1, 3, 43);
                    r.send(c.select(r.send(c.discover())));
                    r.send(r.client(92).discover());
                }),
                Scenario.of("option 43 as raw hex, asked for and not", HEX43, r -> {
                    r.send(r.client(93).prl(1, 43).discover());
                    r.send(r.client(94).prl(1, 3).discover());
                }),
                Scenario.of("DOCSIS vendor 4491 sub-options through option 125", DOCSIS, r -> {
                    r.send(r.client(95).prl(1, 125).discover().option(125, vendorClass(4491, "")));
                    r.send(r.client(96).prl(1, 125).discover().option(124, vendorClass(4491, "03646f63")));
                    r.send(r.client(97).prl(1, 125).discover());
                    r.send(r.client(98).prl(1, 3).discover().option(125, vendorClass(4491, "0201")));
                }),
                // truncated blocks and sub-options in a client's option 125 (Kea: unpackVendorOptions4 /
                // unpackOptions4 stop quietly)
                Scenario.of("a client's truncated option 125", DOCSIS, r -> {
                    r.send(r.client(117).prl(1, 125).discover().option(125, vendorClass(4491, "0105")));
                    r.send(r.client(118).prl(1, 125).discover().option(125, vendorClass(4491, "") + "000011"));
                    r.send(r.client(119).prl(1, 125).discover().option(125, "0000118b0901"));
                    r.send(r.client(120).prl(1, 125).discover().option(125, vendorClass(1234, "") + "0000118b05"));
                }),
                Scenario.of("several vendors at once and a custom vivso-suboptions", CUSTOM_VENDORS, r -> {
                    r.send(r.client(99).prl(1, 125).discover().option(125, vendorClass(1234, "")));
                    r.send(r.client(101).prl(1, 125).discover().option(125, vendorClass(1234, "") + vendorClass(4491, "")));
                    r.send(r.client(102).prl(1, 125).discover());
                    r.send(r.client(103).prl(1, 3).discover());
                }),
                Scenario.of("option 43 selected by vendor class: APC, Siemens, Mitel, iPXE", CLASS_43, r -> {
                    r.send(r.client(104).prl(1, 3, 43).discover().option(60, hex("APC")));
                    r.send(r.client(105).prl(1, 3).discover().option(60, hex("APC")));
                    Client siemens = r.client(106).prl(1, 3);
                    r.send(siemens.select(r.send(siemens.discover().option(60, hex("OptiIpPhone")))).option(60,
                            hex("OptiIpPhone")));
                    r.send(r.client(107).prl(1, 43, 66).discover().option(60, hex("MITEL IP PHONE")));
                    r.send(r.client(108).prl(1, 43, 67).discover().option(77, hex("iPXE")));
                    r.send(r.client(109).prl(1, 43, 67).discover().option(60, hex("MITEL IP PHONE")).option(77, hex("iPXE")));
                    r.send(r.client(110).prl(1, 43).discover().option(60, hex("other")));
                    r.send(r.client(111).prl(1, 43).inform("192.0.2.77").option(60, hex("APC")));
                }),
                Scenario.of("option 43 from a subnet and from a class", CLASS_AND_SUBNET_43, r -> {
                    r.send(r.client(112).prl(1, 43).discover().option(60, hex("MITEL IP PHONE")));
                    r.send(r.client(113).prl(1, 43).discover());
                }),
                Scenario.of("a client's option 43 read with its vendor class's definition", CLIENT_43, r -> {
                    r.send(r.client(114).prl(1, 15).discover().option(60, hex("APC")).option(43, "0104" + hex("1APC")));
                    r.send(r.client(115).prl(1, 15).discover().option(60, hex("APC")).option(43, "0104" + hex("2APC")));
                    r.send(r.client(116).prl(1, 15).discover().option(43, "0104" + hex("1APC")));
                }),
                Scenario.of("a client's option 43 with a truncated sub-option", CLIENT_43, r -> {
                    r.send(r.client(121).prl(1, 15).discover().option(60, hex("APC")).option(43, "0104" + hex("1APC") + "0209aa"));
                    r.send(r.client(122).prl(1, 15).discover().option(60, hex("APC")).option(43, "0104" + hex("1APC") + "02"));
                    r.send(r.client(123).prl(1, 15).discover().option(60, hex("APC")).option(43, "0105" + hex("1APC")));
                }));
    }

    @Override
    String tag() {
        return "vo";
    }

    @Override
    String initialConfig() {
        return SUBNET;
    }

    @TestFactory
    Stream<DynamicTest> againstKea() {
        return oracle.tests(scenarios());
    }
}
