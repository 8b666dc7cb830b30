package ruru.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Item 7 of issue 9: configuration values Kea refuses (option-data that does not fit its
 * definition, code 0 and 255, redefined standard codes, unknown names, bad next-server, \\u00XX
 * escapes), sent as config-test to kea-dhcp4 2.2 and to ruru over their control sockets: the
 * verdict (result) and the text with its position must be Kea's. Where Kea 3 answers differently
 * ruru follows Kea 3 and the case says so ({@link #KEA3}).
 */
class ConfigValidationConformanceTest extends OracleTest {

    static final String SUBNET = "\"subnet4\": [ { \"id\": 1, \"subnet\": \"192.0.2.0/24\" } ]";

    /**
     * Case → ruru's answer where it deliberately refuses what kea-dhcp4 2.2 accepts: an IPv6
     * address in an ipv4-address option (2.2 writes 16 bytes into a 4-byte field), and a global
     * next-server that is not an IPv4 address (2.2 checks only a subnet's own next-server).
     */
    static final Map<String, String> KEA3 = Map.of(
            "\"option-data\": [ { \"name\": \"routers\", \"data\": \"2001:db8::1\" } ]",
            "1|option data does not match option definition (space: dhcp4, code: 3): Failed to convert string to"
                    + " address '2001:db8::1': Invalid argument (<wire>:0:100)",
            "\"next-server\": \"foo\"", "1|subnet configuration failed: invalid parameter next-server : foo(<wire>:0:69)",
            "\"next-server\": \"2001:db8::1\"",
            "1|subnet configuration failed: invalid parameter next-server : 2001:db8::1(<wire>:0:69)");

    static final List<String> CASES = List.of(
            "\"option-data\": [ { \"name\": \"routers\", \"data\": \"192.0.2.300\" } ]",
            "\"option-data\": [ { \"name\": \"routers\", \"data\": \"2001:db8::1\" } ]",
            "\"option-data\": [ { \"name\": \"routers\", \"data\": \"\" } ]",
            "\"option-data\": [ { \"name\": \"domain-name-servers\", \"data\": \"192.0.2.1, foo\" } ]",
            "\"option-data\": [ { \"code\": 224, \"csv-format\": false, \"data\": \"ABC\" } ]",
            "\"option-data\": [ { \"code\": 224, \"csv-format\": false, \"data\": \"0G\" } ]",
            "\"option-data\": [ { \"code\": 224, \"csv-format\": false, \"data\": \"0x\" } ]",
            "\"option-data\": [ { \"name\": \"default-ip-ttl\", \"data\": \"300\" } ]",
            "\"option-data\": [ { \"name\": \"default-ip-ttl\", \"data\": \"-1\" } ]",
            "\"option-data\": [ { \"name\": \"interface-mtu\", \"data\": \"70000\" } ]",
            "\"option-data\": [ { \"name\": \"dhcp-lease-time\", \"data\": \"4294967296\" } ]",
            "\"option-data\": [ { \"name\": \"ip-forwarding\", \"data\": \"yes\" } ]",
            "\"option-data\": [ { \"name\": \"ip-forwarding\", \"data\": \"1\" } ]",
            "\"option-data\": [ { \"code\": 0, \"data\": \"01\", \"csv-format\": false } ]",
            "\"option-data\": [ { \"code\": 255, \"data\": \"01\", \"csv-format\": false } ]",
            "\"option-data\": [ { \"code\": 256, \"data\": \"01\", \"csv-format\": false } ]",
            "\"option-data\": [ { \"name\": \"bogus-name\", \"data\": \"01\" } ]",
            "\"option-data\": [ { \"name\": \"routers\", \"code\": 6, \"data\": \"192.0.2.1\" } ]",
            "\"option-def\": [ { \"name\": \"foo\", \"code\": 3, \"type\": \"ipv4-address\" } ]",
            "\"option-def\": [ { \"name\": \"foo\", \"code\": 224, \"type\": \"bogus\" } ]",
            "\"option-def\": [ { \"name\": \"foo\", \"code\": 0, \"type\": \"uint8\" } ]",
            "\"option-def\": [ { \"name\": \"foo\", \"code\": 224, \"type\": \"uint8\" },"
                    + " { \"name\": \"foo\", \"code\": 225, \"type\": \"uint8\" } ]",
            "\"next-server\": \"foo\"",
            "\"next-server\": \"2001:db8::1\"",
            "\"server-hostname\": \"a\\u00e9b\"",
            "\"option-data\": [ { \"name\": \"domain-name\", \"data\": \"caf\\u00e9.example\" } ]",
            "\"boot-file-name\": \"pxe\\u0041.0\"",
            // issue 11: an empty NCR queue passes config-test (only the sender refuses it when it starts)
            "\"dhcp-ddns\": { \"enable-updates\": true, \"max-queue-size\": 0 }",
            "\"dhcp-ddns\": { \"enable-updates\": false, \"max-queue-size\": 0 }");

    /** Subnet-level values: the case is the inside of the subnet map. */
    static final List<String> SUBNET_CASES = List.of(
            "\"next-server\": \"foo\"",
            "\"next-server\": \"192.0.2.300\"",
            "\"option-data\": [ { \"name\": \"routers\", \"data\": \"192.0.2.1, 192.0.2.x\" } ]",
            "\"pools\": [ { \"pool\": \"192.0.2.10 - 192.0.2.x\" } ]",
            "\"boot-file-name\": \"caf\\u00e9\"");

    /** Where option-data can stand: the configuration around {@code @X@}, the option-data list. */
    static final Map<String, String> LEVELS = new java.util.LinkedHashMap<>();

    static {
        LEVELS.put("global", "\"option-data\": @X@, " + SUBNET);
        LEVELS.put("shared network", "\"shared-networks\": [ { \"name\": \"net\", \"option-data\": @X@, " + SUBNET + " } ]");
        LEVELS.put("subnet", "\"subnet4\": [ { \"id\": 1, \"subnet\": \"192.0.2.0/24\", \"option-data\": @X@ } ]");
        LEVELS.put("pool", "\"subnet4\": [ { \"id\": 1, \"subnet\": \"192.0.2.0/24\", \"pools\": [ { \"pool\":"
                + " \"192.0.2.10 - 192.0.2.20\", \"option-data\": @X@ } ] } ]");
        LEVELS.put("subnet reservation", "\"subnet4\": [ { \"id\": 1, \"subnet\": \"192.0.2.0/24\", \"reservations\":"
                + " [ { \"hw-address\": \"02:00:00:00:00:01\", \"option-data\": @X@ } ] } ]");
        LEVELS.put("global reservation", "\"reservations\": [ { \"hw-address\": \"02:00:00:00:00:01\", \"option-data\":"
                + " @X@ } ], " + SUBNET);
        LEVELS.put("client class", "\"client-classes\": [ { \"name\": \"c\", \"option-data\": @X@ } ], " + SUBNET);
    }

    /** Option data of the wrong JSON type or value, as an operator mistypes it. */
    static final List<String> OPTION_ERRORS = List.of(
            "[ { \"name\": \"routers\", \"data\": 5 } ]",
            "[ { \"name\": \"routers\", \"data\": \"192.0.2.1\", \"csv-format\": \"yes\" } ]",
            "[ { \"name\": \"routers\", \"data\": \"192.0.2.1\", \"always-send\": 1 } ]",
            "[ { \"code\": \"3\", \"data\": \"192.0.2.1\" } ]",
            "[ { \"name\": 3, \"data\": \"192.0.2.1\" } ]",
            "[ { \"name\": \"routers\", \"space\": 4, \"data\": \"192.0.2.1\" } ]",
            "[ { \"name\": \"routers\", \"data\": \"192.0.2.300\" } ]",
            "[ { \"name\": \"routers\", \"data\": \"192.0.2.1\", \"bogus\": 1 } ]",
            "[ { \"data\": \"192.0.2.1\" } ]",
            "[ 5 ]",
            "{ }");

    /** Option definitions of the wrong JSON type, globally and in a client class. */
    static final List<String> OPTION_DEF_ERRORS = List.of(
            "[ { \"name\": 5, \"code\": 224, \"type\": \"uint8\" } ]",
            "[ { \"name\": \"foo\", \"code\": \"224\", \"type\": \"uint8\" } ]",
            "[ { \"name\": \"foo\", \"code\": 224, \"type\": 8 } ]",
            "[ { \"name\": \"foo\", \"code\": 224, \"type\": \"uint8\", \"array\": \"yes\" } ]",
            "[ { \"name\": \"foo\", \"code\": 224, \"type\": \"record\", \"record-types\": 5 } ]",
            "[ { \"name\": \"foo\", \"code\": 224, \"type\": \"uint8\", \"space\": 1 } ]",
            "[ { \"name\": \"foo\", \"code\": 224, \"type\": \"empty\", \"encapsulate\": 1 } ]",
            "[ { \"name\": \"foo\", \"code\": 224, \"type\": \"uint8\", \"bogus\": 1 } ]",
            "[ { \"code\": 224, \"type\": \"uint8\" } ]",
            "[ { \"name\": \"foo\", \"type\": \"uint8\" } ]",
            "[ 5 ]",
            "{ }");

    @TestFactory
    Stream<DynamicTest> optionDefErrorsAsKeas() {
        return refusedEverywhere(Map.of("global", "\"option-def\": @X@, " + SUBNET,
                "client class", "\"client-classes\": [ { \"name\": \"c\", \"option-def\": @X@ } ], " + SUBNET),
                OPTION_DEF_ERRORS);
    }

    @TestFactory
    Stream<DynamicTest> optionDataErrorsAtEveryLevelAsKeas() {
        return refusedEverywhere(LEVELS, OPTION_ERRORS);
    }

    /** Each value at each place ({@code @X@} in the configuration around it): Kea refuses it, ruru with Kea's text. */
    private Stream<DynamicTest> refusedEverywhere(Map<String, String> places, List<String> values) {
        List<DynamicTest> tests = new ArrayList<>();
        places.forEach((place, around) -> {
            for (String x : values) {
                tests.add(DynamicTest.dynamicTest(place + ": " + x, () -> {
                    String json = "{ \"command\": \"config-test\", \"arguments\": { \"Dhcp4\": { "
                            + around.replace("@X@", x) + " } } }";
                    String kea = LeaseCommandsConformanceTest.answer(oracle.kea.command(json));
                    assertThat(kea).as("Kea refuses it").startsWith("1|");
                    assertThat(LeaseCommandsConformanceTest.answer(oracle.ruru.command(json))).isEqualTo(kea);
                }));
            }
        });
        return tests.stream();
    }

    @Override
    String tag() {
        return "cv";
    }

    @Override
    String initialConfig() {
        return SUBNET;
    }

    @TestFactory
    Stream<DynamicTest> configTestAnswersAsKeas() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String c : CASES) {
            tests.add(DynamicTest.dynamicTest(c, () -> {
                String json = "{ \"command\": \"config-test\", \"arguments\": { \"Dhcp4\": { " + c + ", " + SUBNET
                        + " } } }";
                String kea = LeaseCommandsConformanceTest.answer(oracle.kea.command(json));
                assertThat(LeaseCommandsConformanceTest.answer(oracle.ruru.command(json)))
                        .as("Kea 2.2 says %s", kea).isEqualTo(KEA3.getOrDefault(c, kea));
            }));
        }
        for (String c : SUBNET_CASES) {
            tests.add(DynamicTest.dynamicTest("subnet " + c, () -> {
                String json = "{ \"command\": \"config-test\", \"arguments\": { \"Dhcp4\": { \"subnet4\": [ { \"id\": 1,"
                        + " \"subnet\": \"192.0.2.0/24\", " + c + " } ] } } }";
                String kea = LeaseCommandsConformanceTest.answer(oracle.kea.command(json));
                assertThat(LeaseCommandsConformanceTest.answer(oracle.ruru.command(json))).as("Kea 2.2 says %s", kea)
                        .isEqualTo(kea);
            }));
        }
        return tests.stream();
    }
}
