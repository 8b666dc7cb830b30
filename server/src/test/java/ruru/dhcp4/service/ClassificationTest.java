package ruru.dhcp4.service;

import static org.assertj.core.api.Assertions.assertThat;
import static ruru.dhcp4.service.ServiceFixture.ip;
import static ruru.dhcp4.service.ServiceFixture.query;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import ruru.wire.HardwareAddress;
import ruru.wire.v4.Dhcp4Options;
import ruru.wire.v4.Dhcp4Packet;
import ruru.wire.v4.MessageType;
import ruru.wire.v4.OptionCodes;

/**
 * FACTS 12.7: the classes, options, pools and boot fields kea-dhcp4 2.2 gave each of these clients
 * (relayed through 127.0.0.2, asking for 1,15,66,40,41,67,69,71,72,73,74,12) with this configuration,
 * in Kea 2.2's spelling.
 */
class ClassificationTest {

    static final String CONFIG = """
            {
              "option-data": [ { "code": 66, "data": "global" }, { "code": 15, "data": "global.example" } ],
              "client-classes": [
                { "name": "foo", "test": "substring(option[61].hex,1,3) == 'foo'",
                  "option-data": [ { "code": 66, "data": "from-foo" }, { "code": 40, "data": "foo-nis" } ] },
                { "name": "bar", "test": "option[12].text == 'barhost'",
                  "option-data": [ { "code": 66, "data": "from-bar" }, { "code": 40, "data": "bar-nis" } ] },
                { "name": "gold", "test": "option[77].hex == 'gold'", "next-server": "10.0.0.7",
                  "server-hostname": "gs", "boot-file-name": "gold.efi", "valid-lifetime": 777 },
                { "name": "DROP", "test": "option[12].text == 'dropme'" },
                { "name": "VENDOR_CLASS_docsis3.0", "option-data": [ { "code": 67, "data": "docsis.cfg" } ] },
                { "name": "knownc", "test": "member('KNOWN')", "option-data": [ { "code": 41, "data": "10.9.9.9" } ] },
                { "name": "unknownc", "test": "member('UNKNOWN')",
                  "option-data": [ { "code": 71, "data": "10.8.8.8" } ] },
                { "name": "resclass", "option-data": [ { "code": 72, "data": "10.7.7.7" } ] },
                { "name": "req1", "only-if-required": true, "test": "'a' == 'a'",
                  "option-data": [ { "code": 73, "data": "10.6.6.6" } ] },
                { "name": "req2", "only-if-required": true, "test": "'a' == 'b'",
                  "option-data": [ { "code": 74, "data": "10.5.5.5" } ] },
                { "name": "relayc", "test": "relay4[1].hex == 'port7'" },
                { "name": "notrelay", "test": "not member('relayc')" },
                { "name": "macc", "test": "pkt4.mac == 0x0a0000000099" },
                { "name": "dep", "test": "member('foo') and member('KNOWN')",
                  "option-data": [ { "code": 69, "data": "10.4.4.4" } ] }
              ],
              "subnet4": [
                { "id": 1, "subnet": "192.0.3.0/24", "client-class": "macc", "relay": { "ip-addresses": [ "127.0.0.2" ] },
                  "pools": [ { "pool": "192.0.3.10 - 192.0.3.20" } ] },
                { "id": 2, "subnet": "192.0.2.0/24", "relay": { "ip-addresses": [ "127.0.0.2" ] },
                  "option-data": [ { "code": 15, "data": "subnet2.example" } ],
                  "require-client-classes": [ "req1", "req2" ],
                  "pools": [ { "pool": "192.0.2.10 - 192.0.2.50", "client-class": "notrelay" },
                             { "pool": "192.0.2.100 - 192.0.2.109", "client-class": "relayc" } ],
                  "reservations": [ { "hw-address": "0a:00:00:00:00:55", "ip-address": "192.0.2.55",
                                      "hostname": "reserved55", "client-classes": [ "resclass" ] } ] }
              ]
            }
            """;

    static final byte[] PRL = {1, 15, 66, 40, 41, 67, 69, 71, 72, 73, 74, 12};

    private final ServiceFixture f = new ServiceFixture(CONFIG);

    ClassificationTest() throws Exception {
    }

    private static HardwareAddress mac(String last) {
        return new HardwareAddress(1, HexFormat.of().parseHex("0a00000000" + last));
    }

    private Optional<Dhcp4Packet> discover(HardwareAddress hw, Dhcp4Options.Builder o) {
        o.put(OptionCodes.PARAMETER_LIST, PRL);
        return f.send(query(MessageType.DISCOVER, hw, o).giaddr(ip("127.0.0.2")).build(), ip("127.0.0.2"), false);
    }

    private static String text(Dhcp4Packet p, int code) {
        return p.options().get(code).map(b -> new String(b, StandardCharsets.US_ASCII)).orElse(null);
    }

    private static Dhcp4Options.Builder options() {
        return Dhcp4Options.builder();
    }

    @Test
    void relayedBarClientGetsTheRelayPoolTheFirstMatchingClassesOptionsAndTheRequiredClass() {
        Dhcp4Packet r = discover(mac("01"), options().putString(OptionCodes.HOST_NAME, "barhost")
                .put(OptionCodes.AGENT_INFO, HexFormat.of().parseHex("0105706f727437"))).orElseThrow();
        assertThat(r.yiaddr()).isEqualTo(ip("192.0.2.100"));
        assertThat(text(r, 66)).isEqualTo("from-bar");
        assertThat(text(r, 40)).isEqualTo("bar-nis");
        assertThat(text(r, 15)).isEqualTo("subnet2.example");
        assertThat(r.options().address(71)).contains(ip("10.8.8.8"));
        assertThat(r.options().address(73)).contains(ip("10.6.6.6"));
        assertThat(r.options().has(74)).isFalse();
        assertThat(r.options().has(41)).isFalse();
    }

    @Test
    void firstClassInConfigurationOrderWins() {
        Dhcp4Packet r = discover(mac("02"), options().put(OptionCodes.CLIENT_ID,
                ("\0foo-client").getBytes(StandardCharsets.US_ASCII)).putString(OptionCodes.HOST_NAME, "barhost"))
                .orElseThrow();
        assertThat(text(r, 66)).isEqualTo("from-foo");
        assertThat(text(r, 40)).isEqualTo("foo-nis");
        assertThat(r.yiaddr()).isEqualTo(ip("192.0.2.10"));
    }

    @Test
    void aSubnetGuardSteersSelectionAndGlobalsApplyThere() {
        Dhcp4Packet r = discover(mac("99"), options()).orElseThrow();
        assertThat(r.yiaddr()).isEqualTo(ip("192.0.3.10"));
        assertThat(text(r, 15)).isEqualTo("global.example");
        assertThat(r.options().has(73)).isFalse();
    }

    @Test
    void reservedClientIsKnownAndGetsItsReservationClasses() {
        Dhcp4Packet r = discover(mac("55"), options()).orElseThrow();
        assertThat(r.yiaddr()).isEqualTo(ip("192.0.2.55"));
        assertThat(text(r, 12)).isEqualTo("reserved55");
        assertThat(r.options().address(41)).contains(ip("10.9.9.9"));
        assertThat(r.options().address(72)).contains(ip("10.7.7.7"));
        assertThat(r.options().address(73)).contains(ip("10.6.6.6"));
        assertThat(r.options().has(71)).isFalse();
        assertThat(r.options().has(69)).isFalse();
    }

    @Test
    void classesDependingOnKnownAreEvaluatedAfterTheHostLookup() {
        Dhcp4Packet r = discover(mac("55"), options().put(OptionCodes.CLIENT_ID,
                ("\0foo-client").getBytes(StandardCharsets.US_ASCII))).orElseThrow();
        assertThat(r.options().address(69)).contains(ip("10.4.4.4"));
    }

    @Test
    void classBootFieldsAndLifetime() {
        Dhcp4Packet r = discover(mac("06"), options().put(77, "gold".getBytes(StandardCharsets.US_ASCII)))
                .orElseThrow();
        assertThat(r.siaddr()).isEqualTo(ip("10.0.0.7"));
        assertThat(r.serverHostname()).isEqualTo("gs");
        assertThat(r.bootFileName()).isEqualTo("gold.efi");
        assertThat(r.options().u32(OptionCodes.LEASE_TIME)).hasValue(777);
    }

    @Test
    void dropClassIsDroppedAndCounted() {
        long before = f.stat("pkt4-receive-drop");
        assertThat(discover(mac("07"), options().putString(OptionCodes.HOST_NAME, "dropme"))).isEmpty();
        assertThat(f.stat("pkt4-receive-drop")).isEqualTo(before + 1);
    }

    @Test
    void vendorClassIsABuiltInClassWithDefinableOptions() {
        Dhcp4Packet r = discover(mac("08"), options().putString(OptionCodes.VENDOR_CLASS_ID, "docsis3.0"))
                .orElseThrow();
        assertThat(text(r, 67)).isEqualTo("docsis.cfg");
        assertThat(r.bootFileName()).isEmpty();
    }
}
