package ruru.wire.v4;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

import ruru.wire.WireFormatException;

/**
 * Jazzer target for the decoder: any bytes give a packet or a WireFormatException, and an accepted
 * packet re-encodes (plain and size-limited) to something that decodes to the same value. Without
 * JAZZER_FUZZ it replays src/test/resources/ruru/wire/v4/Dhcp4FuzzTestInputs/decode/.
 */
class Dhcp4FuzzTest {

    @FuzzTest(maxDuration = "30s")
    void decode(byte[] input) {
        Dhcp4Packet p;
        try {
            p = Dhcp4Packet.decode(input, 0, input.length);
        } catch (WireFormatException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        try {
            byte[] once = p.encode();
            Dhcp4Packet again = Dhcp4Packet.decode(once);
            assertThat(again.encode()).isEqualTo(once);
            assertThat(again.options().contentEquals(p.options())).isTrue();
            byte[] limited = p.encode(576);
            assertThat(limited.length).isLessThanOrEqualTo(Math.max(576, once.length));
            assertThat(Dhcp4Packet.decode(limited).options().contentEquals(p.options())).isTrue();
        } catch (WireFormatException e) {
            // encode(576) may refuse a packet whose options cannot fit; a plain re-decode may not fail.
            assertThat(e.getMessage()).contains("do not fit");
        }
    }
}
