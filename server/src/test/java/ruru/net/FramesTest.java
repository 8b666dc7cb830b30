package ruru.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import ruru.wire.HardwareAddress;
import ruru.wire.Ipv4Address;

class FramesTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] SRC_MAC = HEX.parseHex("020000000001");
    private static final byte[] DST_MAC = HEX.parseHex("0a1b2c3d4e5f");
    private static final Ipv4Address SRC = ReplyRoutingTest.ip("192.0.2.1");
    private static final Ipv4Address DST = ReplyRoutingTest.ip("192.0.2.50");
    /** Computed independently (Python struct + RFC 1071 sum) for payload 00..0a, ports 67 -> 68, TTL 128. */
    private static final String GOLDEN = "0a1b2c3d4e5f020000000001080045000027000000008011b692c0000201c0000232"
            + "0043004400135cf4000102030405060708090a";

    private static byte[] payload(int n) {
        byte[] p = new byte[n];
        for (int i = 0; i < n; i++) {
            p[i] = (byte) i;
        }
        return p;
    }

    private static byte[] golden() {
        return Frames.build(SRC_MAC, DST_MAC, SRC, DST, 67, 68, payload(11));
    }

    @Test
    void buildMatchesGoldenFrame() {
        assertThat(HEX.formatHex(golden())).isEqualTo(GOLDEN);
    }

    @Test
    void parseFindsTheDatagram() {
        byte[] f = golden();
        Frames.Datagram d = Frames.parse(f, f.length, 68);
        assertThat(d).isEqualTo(new Frames.Datagram(SRC, DST, 67, 68, 42, 11));
        assertThat(Frames.parse(f, f.length, 67)).as("other port").isNull();
    }

    @Test
    void udpChecksumOfZeroIsSentAsAllOnes() {
        // Search a payload whose checksum computes to 0: RFC 768 says transmit it as 0xffff.
        for (int v = 0; v < 0x10000; v++) {
            byte[] p = {(byte) (v >>> 8), (byte) v};
            byte[] f = Frames.build(SRC_MAC, DST_MAC, SRC, DST, 67, 68, p);
            int c = Frames.get16(f, 14 + 20 + 6);
            assertThat(c).isNotZero();
            if (c == 0xffff) {
                return;
            }
        }
        throw new AssertionError("no payload with checksum 0xffff found");
    }

    @Test
    void ethernetPaddingIsAllowed() {
        byte[] f = golden();
        byte[] padded = java.util.Arrays.copyOf(f, 60);
        assertThat(Frames.parse(padded, padded.length, 68)).isNotNull();
    }

    @Test
    void hostileFramesAreDropped() {
        byte[] good = golden();
        for (int len = 0; len < good.length; len++) {
            assertThat(Frames.parse(good, len, 68)).as("truncated to %d", len).isNull();
        }
        assertThat(Frames.parse(good, good.length + 1, 68)).as("length beyond array").isNull();
        assertThat(parse(mutate(good, 12, 0x81))).as("VLAN tag").isNull();
        assertThat(parse(mutate(good, 14, 0x65))).as("IP version 6").isNull();
        assertThat(parse(fixIpSum(mutate(good, 14, 0x44)))).as("IHL 4").isNull();
        assertThat(parse(fixIpSum(mutate(good, 14, 0x4f)))).as("IHL 15 beyond frame").isNull();
        assertThat(parse(fixIpSum(mutate(good, 14 + 6, 0x20)))).as("more fragments").isNull();
        assertThat(parse(fixIpSum(mutate(good, 14 + 7, 0x01)))).as("fragment offset").isNull();
        assertThat(parse(fixIpSum(mutate(good, 14 + 9, 6)))).as("TCP").isNull();
        assertThat(parse(mutate(good, 14 + 8, 1))).as("bad IP header checksum").isNull();
        assertThat(parse(fixIpSum(mutate(good, 14 + 3, 0x50)))).as("IP total length beyond frame").isNull();
        assertThat(parse(fixIpSum(mutate(good, 14 + 3, 0x1b)))).as("IP total length below headers").isNull();
        assertThat(parse(mutate(good, 34 + 5, 0x40))).as("UDP length beyond IP").isNull();
        assertThat(parse(mutate(good, 34 + 5, 0x07))).as("UDP length below header").isNull();
        assertThat(parse(mutate(good, 34 + 5, 0x08))).as("empty UDP payload is fine").isNotNull();
    }

    @Test
    void ipOptionsAreSkipped() {
        // IHL 6: four bytes of options (NOP x4) between the IP and UDP headers.
        byte[] g = golden();
        byte[] f = new byte[g.length + 4];
        System.arraycopy(g, 0, f, 0, 34);
        f[34] = f[35] = f[36] = f[37] = 1;
        System.arraycopy(g, 34, f, 38, g.length - 34);
        f[14] = 0x46;
        f[17] = (byte) (f[17] + 4);
        fixIpSum(f);
        Frames.Datagram d = Frames.parse(f, f.length, 68);
        assertThat(d).isNotNull();
        assertThat(d.payloadOffset()).isEqualTo(46);
        assertThat(d.payloadLength()).isEqualTo(11);
        assertThat(Bpf.run(Bpf.udpToPort(68), f, f.length)).isEqualTo(f.length);
    }

    @Test
    void randomGarbageNeverThrows() {
        Random rnd = new Random(20261121L);
        byte[] good = golden();
        for (int i = 0; i < 50_000; i++) {
            byte[] f = i % 2 == 0 ? new byte[rnd.nextInt(80)] : good.clone();
            if (i % 2 == 0) {
                rnd.nextBytes(f);
            } else {
                f[rnd.nextInt(f.length)] = (byte) rnd.nextInt();
                f[rnd.nextInt(f.length)] = (byte) rnd.nextInt();
            }
            int len = rnd.nextInt(f.length + 1);
            assertThatCode(() -> {
                Frames.parse(f, len, 68);
                Bpf.run(Bpf.udpToPort(68), f, len);
            }).doesNotThrowAnyException();
        }
    }

    @Test
    void bpfProgramKeepsOnlyUnfragmentedUdpToThePort() {
        Bpf.Insn[] prog = Bpf.udpToPort(68);
        byte[] good = golden();
        assertThat(Bpf.run(prog, good, good.length)).isEqualTo(good.length);
        assertThat(Bpf.run(Bpf.udpToPort(67), good, good.length)).isZero();
        assertThat(Bpf.run(prog, mutate(good, 12, 0x86), good.length)).as("IPv6 ethertype").isZero();
        assertThat(Bpf.run(prog, mutate(good, 23, 6), good.length)).as("TCP").isZero();
        assertThat(Bpf.run(prog, mutate(good, 20, 0x20), good.length)).as("MF").isZero();
        assertThat(Bpf.run(prog, mutate(good, 21, 0x08), good.length)).as("offset").isZero();
        assertThat(Bpf.run(prog, mutate(good, 20, 0x40), good.length)).as("DF is fine").isEqualTo(good.length);
        // Jump targets stay inside the program and every path ends in a RET.
        for (int pc = 0; pc < prog.length; pc++) {
            if (prog[pc].code() == Bpf.RET_K) {
                continue;
            }
            assertThat(pc + 1 + prog[pc].jt()).isLessThan(prog.length);
            assertThat(pc + 1 + prog[pc].jf()).isLessThan(prog.length);
        }
        assertThat(prog[prog.length - 1].code()).isEqualTo(Bpf.RET_K);
    }

    @Test
    void receivedKeepsOnlyOurAddressesAndBroadcasts() {
        NetInterface veth = new NetInterface("veth0", 7, new HardwareAddress(1, SRC_MAC),
                List.of(new InterfaceAddress4(DST, 24, ReplyRoutingTest.ip("192.0.2.255"))), true, false);
        byte[] toUs = golden();
        Received4 r = PacketSocket.toReceived(toUs, toUs.length, veth, 68);
        assertThat(r).isNotNull();
        assertThat(r.toBroadcast()).isFalse();
        assertThat(r.local()).isEqualTo(DST);
        assertThat(r.source()).isEqualTo(SRC);
        assertThat(r.sourcePort()).isEqualTo(67);
        assertThat(r.length()).isEqualTo(11);
        assertThat(r.data()).isEqualTo(payload(11));
        byte[] limited = Frames.build(SRC_MAC, DST_MAC, Ipv4Address.ANY, Ipv4Address.BROADCAST, 68, 67, payload(3));
        Received4 b = PacketSocket.toReceived(limited, limited.length, veth, 67);
        assertThat(b.toBroadcast()).isTrue();
        assertThat(b.local()).isEqualTo(Ipv4Address.BROADCAST);
        byte[] directed = Frames.build(SRC_MAC, DST_MAC, SRC, ReplyRoutingTest.ip("192.0.2.255"), 68, 67, payload(3));
        assertThat(PacketSocket.toReceived(directed, directed.length, veth, 67).toBroadcast()).isTrue();
        byte[] foreign = Frames.build(SRC_MAC, DST_MAC, SRC, ReplyRoutingTest.ip("192.0.2.99"), 68, 67, payload(3));
        assertThat(PacketSocket.toReceived(foreign, foreign.length, veth, 67)).as("unicast to someone else").isNull();
    }

    private static Frames.Datagram parse(byte[] f) {
        return Frames.parse(f, f.length, 68);
    }

    private static byte[] mutate(byte[] f, int off, int value) {
        byte[] c = f.clone();
        c[off] = (byte) value;
        return c;
    }

    private static byte[] fixIpSum(byte[] f) {
        int ihl = Math.max(20, Math.min((f[14] & 0x0f) * 4, f.length - 14));
        f[24] = 0;
        f[25] = 0;
        int s = ~Frames.sum(f, 14, ihl, 0) & 0xffff;
        f[24] = (byte) (s >>> 8);
        f[25] = (byte) s;
        return f;
    }
}
