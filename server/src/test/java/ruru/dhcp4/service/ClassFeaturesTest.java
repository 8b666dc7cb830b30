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
 * Class features in Kea 3.0's spelling: template classes, additional classes in pool, subnet,
 * shared-network order, shared-network guards, class option definitions (option 43 encapsulating
 * a space, private options read with the class's type), option class-tagging, class lifetimes
 * with bounds, and DROP depending on KNOWN.
 */
class ClassFeaturesTest {

    static final String CONFIG = """
            {
              "client-classes": [
                { "name": "tpl", "template-test": "substring(option[61].hex, 1, 3)",
                  "option-data": [ { "code": 72, "data": "10.0.0.72" }, { "code": 73, "data": "10.0.0.73" } ] },
                { "name": "SPAWN_tpl_abc", "option-data": [ { "code": 72, "data": "10.1.1.72" } ] },
                { "name": "late-pool", "only-in-additional-list": true, "test": "member('ALL')",
                  "option-data": [ { "code": 74, "data": "10.0.0.1" } ] },
                { "name": "late-subnet", "only-in-additional-list": true,
                  "option-data": [ { "code": 74, "data": "10.0.0.2" }, { "code": 75, "data": "10.0.0.2" } ] },
                { "name": "late-network", "only-in-additional-list": true,
                  "option-data": [ { "code": 75, "data": "10.0.0.3" }, { "code": 76, "data": "10.0.0.3" } ] },
                { "name": "voip", "test": "substring(option[60].hex, 0, 6) == 'Aastra'",
                  "option-def": [ { "name": "vendor-encapsulated-options", "code": 43, "type": "empty",
                                    "encapsulate": "aastra" },
                                  { "name": "secret", "code": 224, "type": "string" } ],
                  "option-data": [ { "name": "vendor-encapsulated-options" },
                                   { "space": "aastra", "code": 1, "data": "0102", "csv-format": false } ] },
                { "name": "private-text", "test": "option[224].text == 'open sesame'",
                  "option-data": [ { "code": 69, "data": "10.2.2.2" } ] },
                { "name": "short", "test": "option[12].text == 'short'", "valid-lifetime": 500,
                  "min-valid-lifetime": 300, "max-valid-lifetime": 700 },
                { "name": "blocked", "test": "option[12].text == 'blocked'" },
                { "name": "DROP", "test": "member('KNOWN') and member('blocked')" }
              ],
              "shared-networks": [ {
                "name": "net", "client-classes": [ "ALL" ], "evaluate-additional-classes": [ "late-network" ],
                "subnet4": [ {
                  "id": 1, "subnet": "192.0.2.0/24", "evaluate-additional-classes": [ "late-subnet" ],
                  "option-data": [ { "code": 70, "data": "10.3.3.3", "client-classes": [ "short" ] },
                                   { "code": 71, "data": "10.4.4.4", "client-classes": [ "nobody" ] } ],
                  "pools": [ { "pool": "192.0.2.10 - 192.0.2.50", "evaluate-additional-classes": [ "late-pool" ] } ],
                  "reservations": [ { "hw-address": "02:00:00:00:00:99", "hostname": "h99" } ]
                } ],
                "option-data": [ { "code": 71, "data": "10.5.5.5" } ]
              }, {
                "name": "closed", "client-classes": [ "nobody" ],
                "subnet4": [ { "id": 2, "subnet": "10.0.0.0/24", "pools": [ { "pool": "10.0.0.10 - 10.0.0.20" } ] } ]
              } ]
            }
            """;

    static final byte[] PRL = {43, 69, 70, 71, 72, 73, 74, 75, 76};

    private final ServiceFixture f = new ServiceFixture(CONFIG);

    ClassFeaturesTest() throws Exception {
    }

    private Optional<Dhcp4Packet> discover(String mac, Dhcp4Options.Builder o) {
        o.put(OptionCodes.PARAMETER_LIST, PRL);
        return f.send(query(MessageType.DISCOVER, new HardwareAddress(1, HexFormat.of().parseHex(mac)), o).build());
    }

    private static String address(Dhcp4Packet p, int code) {
        return p.options().address(code).map(Object::toString).orElse(null);
    }

    @Test
    void aTemplateSpawnsAClassWhoseOptionsWinOverTheTemplates() {
        Dhcp4Packet r = discover("020000000001", Dhcp4Options.builder().put(OptionCodes.CLIENT_ID,
                "\0abcdef".getBytes(StandardCharsets.US_ASCII))).orElseThrow();
        assertThat(address(r, 72)).isEqualTo("10.1.1.72");
        assertThat(address(r, 73)).isEqualTo("10.0.0.73");
        Dhcp4Packet other = discover("020000000002", Dhcp4Options.builder().put(OptionCodes.CLIENT_ID,
                "\0xyz".getBytes(StandardCharsets.US_ASCII))).orElseThrow();
        assertThat(address(other, 72)).isEqualTo("10.0.0.72");
        Dhcp4Packet none = discover("020000000003", Dhcp4Options.builder()).orElseThrow();
        assertThat(none.options().has(72)).isFalse();
    }

    @Test
    void additionalClassesOfPoolThenSubnetThenSharedNetwork() {
        Dhcp4Packet r = discover("020000000004", Dhcp4Options.builder()).orElseThrow();
        assertThat(address(r, 74)).isEqualTo("10.0.0.1");
        assertThat(address(r, 75)).isEqualTo("10.0.0.2");
        assertThat(address(r, 76)).isEqualTo("10.0.0.3");
    }

    @Test
    void aSharedNetworkGuardKeepsClientsOut() {
        Dhcp4Packet r = discover("020000000005", Dhcp4Options.builder()).orElseThrow();
        assertThat(r.yiaddr().toString()).startsWith("192.0.2.");
    }

    @Test
    void aClassRedefinesOption43ForItsMembersReplies() {
        Dhcp4Packet r = discover("020000000006", Dhcp4Options.builder().putString(OptionCodes.VENDOR_CLASS_ID,
                "Aastra6731i")).orElseThrow();
        assertThat(r.options().get(43)).hasValueSatisfying(v -> assertThat(HexFormat.of().formatHex(v))
                .isEqualTo("01020102"));
        Dhcp4Packet plain = discover("020000000007", Dhcp4Options.builder()).orElseThrow();
        assertThat(plain.options().has(43)).isFalse();
    }

    @Test
    void privateOptionsAreReadWithTheDefinitionOfAClassThePacketJoined() {
        byte[] secret = "open sesame".getBytes(StandardCharsets.US_ASCII);
        Dhcp4Packet member = discover("020000000008", Dhcp4Options.builder().putString(OptionCodes.VENDOR_CLASS_ID,
                "Aastra6731i").put(224, secret)).orElseThrow();
        assertThat(address(member, 69)).isEqualTo("10.2.2.2");
        // Without the class that defines 224 as a string, its text is Kea's debug form: no match.
        Dhcp4Packet other = discover("020000000009", Dhcp4Options.builder().put(224, secret)).orElseThrow();
        assertThat(other.options().has(69)).isFalse();
    }

    @Test
    void taggedOptionsApplyToTheirClassesOnlyAndGiveWayToTheLevelBelow() {
        Dhcp4Packet tagged = discover("02000000000a", Dhcp4Options.builder().putString(OptionCodes.HOST_NAME,
                "short")).orElseThrow();
        assertThat(address(tagged, 70)).isEqualTo("10.3.3.3");
        assertThat(address(tagged, 71)).isEqualTo("10.5.5.5");
        Dhcp4Packet plain = discover("02000000000b", Dhcp4Options.builder()).orElseThrow();
        assertThat(plain.options().has(70)).isFalse();
        assertThat(address(plain, 71)).isEqualTo("10.5.5.5");
    }

    @Test
    void aClassLifetimeIsBoundedByItsMinAndMax() {
        Dhcp4Packet dflt = discover("02000000000c", Dhcp4Options.builder().putString(OptionCodes.HOST_NAME, "short"))
                .orElseThrow();
        assertThat(dflt.options().u32(OptionCodes.LEASE_TIME)).hasValue(500);
        Dhcp4Packet asked = discover("02000000000d", Dhcp4Options.builder().putString(OptionCodes.HOST_NAME, "short")
                .putU32(OptionCodes.LEASE_TIME, 10_000)).orElseThrow();
        assertThat(asked.options().u32(OptionCodes.LEASE_TIME)).hasValue(700);
    }

    @Test
    void dropCanDependOnKnown() {
        long drops = f.stat("pkt4-receive-drop");
        assertThat(discover("020000000099", Dhcp4Options.builder().putString(OptionCodes.HOST_NAME, "blocked")))
                .isEmpty();
        assertThat(f.stat("pkt4-receive-drop")).isEqualTo(drops + 1);
        // Unknown and blocked: not dropped.
        assertThat(discover("02000000000e", Dhcp4Options.builder().putString(OptionCodes.HOST_NAME, "blocked")))
                .isPresent();
        assertThat(ip("192.0.2.10")).isNotNull();
    }
}
