package ruru.dhcp4.service;

import static org.assertj.core.api.Assertions.assertThat;
import static ruru.dhcp4.service.ServiceFixture.mac;
import static ruru.dhcp4.service.ServiceFixture.query;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import ruru.wire.v4.Dhcp4Options;
import ruru.wire.v4.Dhcp4Packet;
import ruru.wire.v4.MessageType;
import ruru.wire.v4.OptionCodes;

/**
 * Two v4-dnr (162) entries in a subnet, one global: a client asking for 162 gets one option 162,
 * the subnet's last configured entry alone, as kea-dhcp4 2.2 sends any code configured twice in a
 * scope (SameCodeOptionsConformanceTest; 2.2 itself knows no option 162). Several resolvers go in
 * one entry ("|"): as separate options an RFC 3396 client would join them into one value.
 */
class Dnr4RepliesTest {

    private static final String CONFIG = """
            { "option-data": [ { "name": "v4-dnr", "data": "1, global.example." } ],
              "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24",
                  "pools": [ { "pool": "192.0.2.50 - 192.0.2.60" } ],
                  "option-data": [ { "name": "v4-dnr", "data": "10, a.example." },
                                   { "code": 162, "data": "20, b.example." } ] } ] }
            """;

    @Test
    void theSubnetsLastConfiguredInstanceAlone() throws Exception {
        ServiceFixture f = new ServiceFixture(CONFIG);
        Dhcp4Packet offer = f.send(query(MessageType.DISCOVER, mac(1), Dhcp4Options.builder()
                .put(OptionCodes.PARAMETER_LIST, new byte[] {1, (byte) 162})).build()).orElseThrow();
        String wire = HexFormat.of().formatHex(offer.encode());
        String b = "000e" + "0014" + "0b" + "0162076578616d706c6500";
        String a = "000e" + "000a" + "0b" + "0161076578616d706c6500";
        assertThat(wire).contains("a210" + b).doesNotContain(a).doesNotContain("676c6f62616c");
        assertThat(Dhcp4Packet.decode(offer.encode()).options().get(162)).hasValueSatisfying(
                v -> assertThat(HexFormat.of().formatHex(v)).isEqualTo(b));
        Dhcp4Packet notAsked = f.send(query(MessageType.DISCOVER, mac(2), Dhcp4Options.builder()
                .put(OptionCodes.PARAMETER_LIST, new byte[] {1, 3})).build()).orElseThrow();
        assertThat(notAsked.options().has(162)).isFalse();
    }
}
