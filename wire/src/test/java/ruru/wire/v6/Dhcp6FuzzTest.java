package ruru.wire.v6;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

import ruru.wire.WireFormatException;

/**
 * Jazzer target for the DHCPv6 decoder: any bytes give a message or a WireFormatException (never
 * another exception), an accepted message encodes to bytes that decode to the same message (the
 * input's first bytes when it was not relayed: a truncated last option is left out, as Kea does,
 * and a relay level's options are written before its Relay Message option, wherever they stood),
 * and its IAs parse.
 * Without JAZZER_FUZZ it replays src/test/resources/ruru/wire/v6/Dhcp6FuzzTestInputs/decode/.
 */
class Dhcp6FuzzTest {

    @FuzzTest(maxDuration = "30s")
    void decode(byte[] input) throws WireFormatException {
        Dhcp6Packet p;
        try {
            p = Dhcp6Packet.decode(input, 0, input.length);
        } catch (WireFormatException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        byte[] again = p.encode();
        if (!p.isRelayed()) {
            assertThat(input).startsWith(again);
        }
        assertThat(Dhcp6Packet.decode(again)).isEqualTo(p);
        for (IaType t : IaType.values()) {
            for (Ia ia : Ia.all(p.options(), t)) {
                if (t == IaType.PD) {
                    ia.prefixes();
                } else {
                    ia.addresses();
                }
            }
        }
        Oro.requested(p.options());
    }
}
