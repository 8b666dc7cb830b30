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
 * Two v4-dnr (162) entries in a subnet, one global: a client asking for 162 gets both of the
 * subnet's, each as an option 162 of its own, the last configured first (Kea 3's CfgOption::getList
 * order; Kea 2.2 knows no option 162 and would send that first one alone, as it does for any code,
 * see SameCodeOptionsConformanceTest). An RFC 3396 client joins them into one list of two DNR
 * instances, the form several instances take in one entry ("|").
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
    void everyInstanceOfTheSubnetAsAnOptionOfItsOwnLastConfiguredFirst() throws Exception {
        ServiceFixture f = new ServiceFixture(CONFIG);
        Dhcp4Packet offer = f.send(query(MessageType.DISCOVER, mac(1), Dhcp4Options.builder()
                .put(OptionCodes.PARAMETER_LIST, new byte[] {1, (byte) 162})).build()).orElseThrow();
        String wire = HexFormat.of().formatHex(offer.encode());
        String b = "000e" + "0014" + "0b" + "0162076578616d706c6500";
        String a = "000e" + "000a" + "0b" + "0161076578616d706c6500";
        assertThat(wire).contains("a210" + b + "a210" + a).doesNotContain("676c6f62616c");
        assertThat(Dhcp4Packet.decode(offer.encode()).options().get(162)).hasValueSatisfying(
                v -> assertThat(HexFormat.of().formatHex(v)).isEqualTo(b + a));
        Dhcp4Packet notAsked = f.send(query(MessageType.DISCOVER, mac(2), Dhcp4Options.builder()
                .put(OptionCodes.PARAMETER_LIST, new byte[] {1, 3})).build()).orElseThrow();
        assertThat(notAsked.options().has(162)).isFalse();
    }
}
