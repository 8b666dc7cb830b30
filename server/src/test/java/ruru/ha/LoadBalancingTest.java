package ruru.ha;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

import ruru.ha.state.LoadBalancing;
import ruru.ha.v4.Ha4Query;
import ruru.wire.HardwareAddress;
import ruru.wire.v4.Dhcp4Options;
import ruru.wire.v4.Dhcp4Packet;
import ruru.wire.v4.MessageType;
import ruru.wire.v4.OptionCodes;

/** RFC 3074's hash as Kea computes it: the four clients observed on a Kea 2.2 load-balancing pair (FACTS 13.5). */
class LoadBalancingTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void testVectorsObservedOnKea() {
        assertThat(LoadBalancing.hash(HEX.parseHex("010e0000000000"))).isEqualTo(9);
        assertThat(LoadBalancing.hash(HEX.parseHex("0e0000000107"))).isEqualTo(114);
        assertThat(LoadBalancing.hash(HEX.parseHex("010e000000041c"))).isEqualTo(151);
        assertThat(LoadBalancing.hash(HEX.parseHex("0e0000000523"))).isEqualTo(210);
        // index = hash % 2: 9 and 151 go to the secondary (server2), 114 and 210 to the primary
        assertThat(List.of(9, 114, 151, 210).stream().map(h -> h % 2).toList()).containsExactly(1, 0, 1, 0);
    }

    @Test
    void queryKeyIsOption61PayloadWhenPresentElseChaddr() {
        Dhcp4Packet withId = query("0e0000000000", "010e0000000000");
        Dhcp4Packet withoutId = query("0e0000000107", null);
        assertThat(LoadBalancing.server(new Ha4Query(withId).loadBalanceKey(), 2)).isEqualTo(1);
        assertThat(LoadBalancing.server(new Ha4Query(withoutId).loadBalanceKey(), 2)).isEqualTo(0);
        assertThat(new Ha4Query(withId).label()).isEqualTo("[hwtype=1 0e:00:00:00:00:00], cid=[01:0e:00:00:00:00:00], "
                + "tid=0x2a");
    }

    static Dhcp4Packet query(String mac, String clientId) {
        Dhcp4Options.Builder o = Dhcp4Options.builder().put(OptionCodes.MESSAGE_TYPE,
                new byte[] {(byte) MessageType.DISCOVER.code()});
        if (clientId != null) {
            o.put(OptionCodes.CLIENT_ID, HEX.parseHex(clientId));
        }
        return Dhcp4Packet.builder().op(1).xid(42)
                .chaddr(new HardwareAddress(HardwareAddress.ETHERNET, HEX.parseHex(mac))).options(o.build()).build();
    }
}
