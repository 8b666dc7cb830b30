package ruru.dhcp6.service;

import static org.assertj.core.api.Assertions.assertThat;
import static ruru.dhcp6.service.Fixture6.duid;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import ruru.wire.v6.Dhcp6MessageType;
import ruru.wire.v6.Dhcp6Packet;
import ruru.wire.v6.Option6;

/**
 * Option 144 in replies: sent when the ORO asks for it, the most specific level winning as for any
 * option; an INFORMATION-REQUEST gets it too. Every instance configured at the winning level goes
 * out, one option 144 per resolver as RFC 9463 section 4.1 has it, in Kea 3's order (its
 * CfgOption::getList over a hashed index: the last configured first; kea-dhcp6 2.2, which knows no
 * option 144, sends that one alone for any code, seen live in SameCodeOptions6AgainstKeaTest); the
 * global instance, a lower level, does not. Several resolvers in one option are DHCPv4's form ("|").
 */
class Dnr6RepliesTest {

    private static final String CONFIG = """
            { "option-data": [ { "name": "v6-dnr", "data": "1, global.example." } ],
              "subnet6": [ { "id": 1, "subnet": "2001:db8:1::/64", "interface": "eth0",
                  "pools": [ { "pool": "2001:db8:1::100 - 2001:db8:1::1ff" } ],
                  "option-data": [
                    { "name": "v6-dnr", "data": "10, a.example., 2001:db8::53, alpn=dot port=853" },
                    { "code": 144, "data": "20, b.example." } ] } ] }
            """;

    private final Fixture6 f;

    Dnr6RepliesTest() throws Exception {
        f = new Fixture6(CONFIG);
    }

    private static String hex(Option6 o) {
        return HexFormat.of().formatHex(o.data());
    }

    @Test
    void askedForItGetsEveryInstanceOfTheSubnetLastConfiguredFirst() throws Exception {
        Dhcp6Packet adv = f.send(new Fixture6.Q(Dhcp6MessageType.SOLICIT).client(duid(1)).na(1).oro(23, 144))
                .orElseThrow();
        assertThat(adv.options().all(144)).extracting(Dnr6RepliesTest::hex).containsExactly(
                "0014" + "000b" + "0162076578616d706c6500",
                "000a" + "000b" + "0161076578616d706c6500" + "0010" + "20010db8000000000000000000000053"
                        + "0001000403646f74" + "000300020355");
    }

    @Test
    void notAskedForItGetsNone() throws Exception {
        Dhcp6Packet adv = f.send(new Fixture6.Q(Dhcp6MessageType.SOLICIT).client(duid(2)).na(1).oro(23)).orElseThrow();
        assertThat(adv.options().all(144)).isEmpty();
    }

    @Test
    void informationRequestGetsIt() throws Exception {
        Dhcp6Packet reply = f.send(new Fixture6.Q(Dhcp6MessageType.INFORMATION_REQUEST).client(duid(3)).oro(144))
                .orElseThrow();
        assertThat(reply.options().all(144)).extracting(Dnr6RepliesTest::hex)
                .containsExactly("0014000b0162076578616d706c6500", "000a000b0161076578616d706c6500"
                        + "001020010db8000000000000000000000053" + "0001000403646f74" + "000300020355");
    }
}
