package ruru.wire.v4;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import ruru.wire.WireFormatException;

/** Whatever the bytes, decode returns a packet or throws WireFormatException, nothing else. */
class HostileInputTest {

    @ParameterizedTest
    @ValueSource(strings = {"dhclient-discover", "kea-offer", "dhclient-request", "kea-ack", "relay-request"})
    void everyTruncationOfARealPacket(String name) {
        byte[] wire = Golden.packet(name);
        int accepted = 0;
        for (int n = 0; n <= wire.length; n++) {
            if (decodes(wire, n)) {
                accepted++;
            }
        }
        // Below the header: all refused. Above it, cuts inside an option are refused, others tolerated.
        assertThat(accepted).isGreaterThan(0).isLessThan(wire.length - Dhcp4Packet.HEADER_LENGTH + 2);
        for (int n = 0; n < Dhcp4Packet.HEADER_LENGTH; n++) {
            assertThat(decodes(wire, n)).isFalse();
        }
    }

    @Test
    void seededRandomBytes() {
        SplittableRandom random = new SplittableRandom(20261121);
        int accepted = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] b = new byte[random.nextInt(0, 700)];
            random.nextBytes(b);
            if (b.length >= 240 && random.nextBoolean()) {
                b[236] = 99;
                b[237] = (byte) 130;
                b[238] = 83;
                b[239] = 99;
                b[2] = (byte) random.nextInt(0, 17);
            }
            if (decodes(b, b.length)) {
                accepted++;
            }
        }
        assertThat(accepted).isPositive();
    }

    @Test
    void seededMutationsOfRealPackets() throws Exception {
        SplittableRandom random = new SplittableRandom(42);
        byte[] base = Golden.packet("relay-request");
        for (int i = 0; i < 20_000; i++) {
            byte[] b = base.clone();
            int flips = random.nextInt(1, 6);
            for (int f = 0; f < flips; f++) {
                b[random.nextInt(236, b.length)] = (byte) random.nextInt(256);
            }
            try {
                Dhcp4Packet p = Dhcp4Packet.decode(b);
                // Whatever decodes re-encodes to a fixed point with the same options.
                byte[] once = p.encode();
                assertThat(Dhcp4Packet.decode(once).encode()).isEqualTo(once);
                assertThat(Dhcp4Packet.decode(once).options().contentEquals(p.options())).isTrue();
                assertThat(Dhcp4Packet.decode(p.encode(576)).options().contentEquals(p.options())).isTrue();
            } catch (WireFormatException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
    }

    @Test
    void lyingLengths() throws Exception {
        for (int len = 0; len < 256; len++) {
            byte[] wire = Dhcp4PacketTest.withOptions("350101 0c" + String.format("%02x", len) + "41");
            wire = Arrays.copyOf(wire, 246);
            // every length decodes (a lying one ends the area, as Kea's unpackOptions4); len 0 leaves
            // 0x41 as a code with no length byte; only len 1 keeps option 12
            Dhcp4Packet p = Dhcp4Packet.decode(wire);
            assertThat(p.options().has(12)).as("length %d", len).isEqualTo(len <= 1);
            assertThat(p.options().get(12).map(b -> b.length).orElse(-1)).as("length %d", len)
                    .isEqualTo(len <= 1 ? len : -1);
        }
    }

    @Test
    void hugeOptionCountsAndAHugeBuffer() throws Exception {
        byte[] b = new byte[65_507];
        System.arraycopy(Golden.packet("dhclient-discover"), 0, b, 0, 240);
        for (int i = 240; i + 3 <= b.length; i += 3) {
            int code = 1 + (i % 254);
            b[i] = (byte) (code == OptionCodes.OVERLOAD ? 1 : code);
            b[i + 1] = 1;
            b[i + 2] = (byte) i;
        }
        long start = System.nanoTime();
        Dhcp4Packet p = Dhcp4Packet.decode(b);
        assertThat(p.options().size()).isEqualTo(253);
        assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
        // All 21,755 instances joined per code; re-encoding splits them back into <= 255-byte pieces.
        assertThat(Dhcp4Packet.decode(p.encode()).options().contentEquals(p.options())).isTrue();
        assertThat(decodes(b, 65_506)).isTrue();
        byte[] pads = new byte[100_000];
        System.arraycopy(Golden.packet("dhclient-discover"), 0, pads, 0, 240);
        assertThat(Dhcp4Packet.decode(pads).options().isEmpty()).isTrue();
    }

    @Test
    void badBufferBounds() {
        byte[] wire = Golden.packet("kea-ack");
        assertThat(decodesAt(wire, -1, 300)).isFalse();
        assertThat(decodesAt(wire, 0, -5)).isFalse();
        assertThat(decodesAt(wire, 100, Integer.MAX_VALUE)).isFalse();
        assertThat(decodesAt(null, 0, 0)).isFalse();
    }

    private static boolean decodes(byte[] b, int length) {
        return decodesAt(b, 0, length);
    }

    static boolean decodesAt(byte[] b, int offset, int length) {
        try {
            Dhcp4Packet.decode(b, offset, length);
            return true;
        } catch (WireFormatException e) {
            return false;
        }
    }
}
