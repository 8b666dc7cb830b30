package ruru.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class UdpSocketTest {

    private static final ValueLayout.OfInt BE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private static void cmsg(MemorySegment c, long off, long len, int level, int type) {
        c.set(ValueLayout.JAVA_LONG, off, len);
        c.set(ValueLayout.JAVA_INT, off + 8, level);
        c.set(ValueLayout.JAVA_INT, off + 12, type);
    }

    @Test
    void findsPktinfoAfterAnotherControlMessage() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment c = a.allocate(128, 8);
            cmsg(c, 0, 20, 1, 29);                       // SO_TIMESTAMP-ish, 4 data bytes, padded to 24
            cmsg(c, 24, 28, Libc.IPPROTO_IP, Libc.IP_PKTINFO);
            c.set(ValueLayout.JAVA_INT, 40, 7);           // ifindex
            c.set(BE, 44, 0xc0000201);                    // spec_dst 192.0.2.1
            c.set(BE, 48, 0xffffffff);                    // ipi_addr 255.255.255.255
            assertThat(UdpSocket.pktinfoDestination(c, 56)).isEqualTo(new ruru.wire.Ipv4Address(-1));
            assertThat(UdpSocket.pktinfoDestination(c, 24)).as("controllen cuts it off").isNull();
        }
    }

    @Test
    void malformedControlLengthStopsTheWalk() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment c = a.allocate(64, 8);
            cmsg(c, 0, 4, Libc.IPPROTO_IP, Libc.IP_PKTINFO);
            assertThat(UdpSocket.pktinfoDestination(c, 64)).isNull();
            cmsg(c, 0, 1000, Libc.IPPROTO_IP, Libc.IP_PKTINFO);
            assertThat(UdpSocket.pktinfoDestination(c, 64)).isNull();
        }
    }
}
