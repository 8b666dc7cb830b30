package ruru.conformance;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Item 6 of issue 9: vendor options in the forms Kea supports without client classes (the
 * class-selected option 43 definitions come with client classification, issue 10): option 43 as
 * raw hex and encapsulating a custom space (UniFi and iPXE style), option 125 sub-options per
 * enterprise from Kea's built-in DOCSIS space and from custom vendor spaces, several vendors at
 * once, option 124; replies byte for byte against kea-dhcp4 2.2.
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
                Scenario.of("several vendors at once and a custom vivso-suboptions", CUSTOM_VENDORS, r -> {
                    r.send(r.client(99).prl(1, 125).discover().option(125, vendorClass(1234, "")));
                    r.send(r.client(101).prl(1, 125).discover().option(125, vendorClass(1234, "") + vendorClass(4491, "")));
                    r.send(r.client(102).prl(1, 125).discover());
                    r.send(r.client(103).prl(1, 3).discover());
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
