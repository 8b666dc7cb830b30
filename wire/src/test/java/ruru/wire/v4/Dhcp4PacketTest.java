package ruru.wire.v4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import ruru.wire.HardwareAddress;
import ruru.wire.Ipv4Address;
import ruru.wire.WireFormatException;

class Dhcp4PacketTest {

    @ParameterizedTest
    @ValueSource(strings = {"dhclient-discover", "kea-offer", "dhclient-request", "kea-ack", "relay-request"})
    void goldenPacketsRoundTripByteForByte(String name) throws Exception {
        byte[] wire = Golden.packet(name);
        Dhcp4Packet p = Dhcp4Packet.decode(wire, 0, wire.length);
        assertThat(p.encode()).isEqualTo(wire);
        assertThat(p.encode(1500)).isEqualTo(wire);
        assertThat(Dhcp4Packet.decode(p.encode())).isEqualTo(p);
    }

    @Test
    void dhclientDiscoverFields() throws Exception {
        Dhcp4Packet p = Dhcp4Packet.decode(Golden.packet("dhclient-discover"));
        assertThat(p.op()).isEqualTo(Dhcp4Packet.BOOTREQUEST);
        assertThat(p.messageType()).contains(MessageType.DISCOVER);
        assertThat(p.xid()).isEqualTo(0x14f42a16);
        assertThat(p.chaddr()).isEqualTo(HardwareAddress.parse("16:3c:8a:45:96:a2"));
        assertThat(p.broadcastFlag()).isFalse();
        assertThat(p.options().codes()).containsExactly(53, 12, 55);
        assertThat(p.options().string(OptionCodes.HOST_NAME)).contains("client1");
        assertThat(p.options().get(OptionCodes.PARAMETER_LIST)).hasValueSatisfying(
                v -> assertThat(v).containsExactly(1, 28, 2, 3, 15, 6, 12));
        assertThat(p.isBootp()).isFalse();
    }

    @Test
    void keaAckFields() throws Exception {
        Dhcp4Packet p = Dhcp4Packet.decode(Golden.packet("kea-ack"));
        assertThat(p.messageType()).contains(MessageType.ACK);
        assertThat(p.yiaddr()).isEqualTo(Ipv4Address.parse("192.0.2.100"));
        assertThat(p.options().address(OptionCodes.SERVER_ID)).contains(Ipv4Address.parse("192.0.2.1"));
        assertThat(p.options().addresses(OptionCodes.DOMAIN_NAME_SERVERS))
                .containsExactly(Ipv4Address.parse("192.0.2.1"), Ipv4Address.parse("192.0.2.2"));
        assertThat(p.options().u32(OptionCodes.LEASE_TIME)).hasValue(4000);
        assertThat(p.options().u32(OptionCodes.RENEWAL_TIME)).hasValue(1000);
        assertThat(p.options().string(OptionCodes.DOMAIN_NAME)).contains("example.org");
    }

    @Test
    void relayAgentInformation() throws Exception {
        Dhcp4Packet p = Dhcp4Packet.decode(Golden.packet("relay-request"));
        assertThat(p.giaddr()).isEqualTo(Ipv4Address.parse("10.0.0.1"));
        assertThat(p.hops()).isEqualTo(1);
        assertThat(p.options().codes()).endsWith(82);
        Dhcp4Options agent = p.options().subOptions(OptionCodes.AGENT_INFO).orElseThrow();
        assertThat(agent.string(OptionCodes.Agent.CIRCUIT_ID)).contains("eth0/1");
        assertThat(agent.get(OptionCodes.Agent.REMOTE_ID)).hasValueSatisfying(
                v -> assertThat(v).isEqualTo(Golden.hex("001122334455")));
        assertThat(agent.address(OptionCodes.Agent.LINK_SELECTION)).contains(Ipv4Address.parse("192.0.2.0"));
    }

    @Test
    void messageTypeFirstAndAgentInfoLastWhateverTheBuilderOrder() throws Exception {
        Dhcp4Options o = Dhcp4Options.builder()
                .put(OptionCodes.AGENT_INFO, Golden.hex("0103616263"))
                .putU32(OptionCodes.LEASE_TIME, 3600)
                .putU8(OptionCodes.MESSAGE_TYPE, MessageType.OFFER.code())
                .put(OptionCodes.SERVER_ID, Ipv4Address.parse("192.0.2.1"))
                .build();
        byte[] wire = Dhcp4Packet.builder().op(Dhcp4Packet.BOOTREPLY).options(o).build().encode();
        assertThat(wire).hasSize(300);
        assertThat(java.util.Arrays.copyOfRange(wire, 236, 240)).isEqualTo(Golden.hex("63825363"));
        assertThat(java.util.Arrays.copyOfRange(wire, 240, 240 + 23)).isEqualTo(Golden.hex(
                "350102 330400000e10 3604c0000201 52050103616263 ff"));
        assertThat(Dhcp4Packet.decode(wire).options().codes()).containsExactly(53, 51, 54, 82);
    }

    @Test
    void unknownOptionsSurviveByteForByte() throws Exception {
        byte[] wire = Golden.packet("dhclient-discover").clone();
        // Replace host-name's code (12) with unassigned 224 and 55's with 250: same bytes, unknown codes.
        wire[243] = (byte) 224;
        wire[252] = (byte) 250;
        Dhcp4Packet p = Dhcp4Packet.decode(wire);
        assertThat(p.options().codes()).containsExactly(53, 224, 250);
        assertThat(p.encode()).isEqualTo(wire);
    }

    @Test
    void repeatedOptionsAreJoined() throws Exception {
        byte[] wire = withOptions("350101 0c03616263 3702 0103 0c02 6465 3701 06 ff");
        Dhcp4Packet p = Dhcp4Packet.decode(wire);
        assertThat(p.options().codes()).containsExactly(53, 12, 55);
        assertThat(p.options().string(12)).contains("abcde");
        assertThat(p.options().get(55)).hasValueSatisfying(v -> assertThat(v).containsExactly(1, 3, 6));
    }

    @Test
    void longOptionsAreSplitIntoConsecutiveInstances() throws Exception {
        byte[] big = new byte[600];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) i;
        }
        Dhcp4Packet p = Dhcp4Packet.builder()
                .options(Dhcp4Options.builder().putU8(53, 5).put(125, big).build()).build();
        byte[] wire = p.encode();
        assertThat(wire).hasSize(240 + 3 + 2 + 255 + 2 + 255 + 2 + 90 + 1);
        assertThat(wire[243] & 0xff).isEqualTo(125);
        assertThat(wire[244] & 0xff).isEqualTo(255);
        assertThat(wire[243 + 257] & 0xff).isEqualTo(125);
        assertThat(wire[243 + 514] & 0xff).isEqualTo(125);
        assertThat(wire[243 + 515] & 0xff).isEqualTo(90);
        assertThat(Dhcp4Packet.decode(wire).options().get(125)).hasValueSatisfying(v -> assertThat(v).isEqualTo(big));
    }

    @Test
    void emptyOptionsEncodeWithLengthZero() throws Exception {
        Dhcp4Packet p = Dhcp4Packet.builder().options(Dhcp4Options.builder().put(80, new byte[0]).build()).build();
        byte[] wire = p.encode();
        assertThat(wire[240]).isEqualTo((byte) 80);
        assertThat(wire[241]).isEqualTo((byte) 0);
        assertThat(wire[242]).isEqualTo((byte) 255);
        assertThat(Dhcp4Packet.decode(wire).options().get(80)).hasValueSatisfying(v -> assertThat(v).isEmpty());
    }

    @Test
    void overloadedFileAndSnameAreRead() throws Exception {
        byte[] wire = withOptions("350102 340103 0f03616263 ff");
        // file (offset 108): more of option 15, then router; sname (offset 44): the rest of 15.
        System.arraycopy(Golden.hex("0f02646503 04c0000201 ff"), 0, wire, 108, 10);
        System.arraycopy(Golden.hex("0f0166 ff"), 0, wire, 44, 4);
        Dhcp4Packet p = Dhcp4Packet.decode(wire);
        assertThat(p.options().string(15)).contains("abcdef");
        assertThat(p.options().address(3)).contains(Ipv4Address.parse("192.0.2.1"));
        assertThat(p.options().has(OptionCodes.OVERLOAD)).isFalse();
        assertThat(p.file()).containsOnly(0);
        assertThat(p.sname()).containsOnly(0);
    }

    @Test
    void overloadOnlyFileLeavesSnameAlone() throws Exception {
        byte[] wire = withOptions("350102 340101 ff");
        System.arraycopy(Golden.hex("0c0178 ff"), 0, wire, 108, 4);
        wire[44] = 'h';
        Dhcp4Packet p = Dhcp4Packet.decode(wire);
        assertThat(p.options().string(12)).contains("x");
        assertThat(p.serverHostname()).isEqualTo("h");
    }

    @ParameterizedTest
    @ValueSource(strings = {"340100", "340104", "3402 0101", "3400"})
    void badOverloadIsRejected(String overload) {
        byte[] wire = withOptions("350101 " + overload + " ff");
        assertThatThrownBy(() -> Dhcp4Packet.decode(wire)).isInstanceOf(WireFormatException.class)
                .hasMessageContaining("overload");
    }

    @Test
    void overloadPointingAtGarbageEndsThatArea() throws Exception {
        byte[] wire = withOptions("350101 340101 ff");
        wire[108] = 12;
        wire[109] = (byte) 200; // runs past the 128-byte file field: the area ends there, as Kea's unpackOptions4
        Dhcp4Packet p = Dhcp4Packet.decode(wire);
        assertThat(p.options().u8(53)).hasValue(1);
        assertThat(p.options().has(12)).isFalse();
    }

    /**
     * kea-dhcp4 2.2 answers a DISCOVER whose last option runs past the packet or has no length
     * byte (observed): Kea's unpackOptions4 stops there, the options before it stay.
     */
    @ParameterizedTest
    @ValueSource(strings = {"0c0a 6162", "0c", "ff 0c0a 6162"})
    void aTruncatedLastOptionIsLeftOutAsKea(String tail) throws Exception {
        byte[] wire = withOptions("350101 37020103 " + tail);
        wire = java.util.Arrays.copyOf(wire, 240 + Golden.hex("350101 37020103 " + tail).length);
        Dhcp4Packet p = Dhcp4Packet.decode(wire);
        assertThat(p.options().u8(53)).hasValue(1);
        assertThat(p.options().get(55)).hasValue(new byte[] {1, 3});
        assertThat(p.options().has(12)).isFalse();
    }

    @Test
    void encodeWithMaxSizeMovesOptionsIntoFileThenSname() throws Exception {
        Dhcp4Options.Builder ob = Dhcp4Options.builder().putU8(53, 5);
        for (int code = 200; code < 204; code++) {
            ob.put(code, filled(115, code));
        }
        ob.put(OptionCodes.AGENT_INFO, Golden.hex("0103616263"));
        Dhcp4Packet p = Dhcp4Packet.builder().xid(7).options(ob.build()).build();
        assertThat(p.encode().length).isGreaterThan(576);
        byte[] small = p.encode(576);
        assertThat(small).hasSize(576);
        assertThat(small[240]).isEqualTo((byte) 53);
        assertThat(small[243]).isEqualTo((byte) 52);
        assertThat(small[245]).isEqualTo((byte) 3);
        Dhcp4Packet back = Dhcp4Packet.decode(small);
        assertThat(back.options()).isEqualTo(p.options());
        assertThat(back.xid()).isEqualTo(7);
    }

    @Test
    void encodeWithMaxSizeUsesOnlyTheFileWhenThatIsEnough() throws Exception {
        Dhcp4Options o = Dhcp4Options.builder().putU8(53, 5).put(200, filled(250, 1)).put(201, filled(150, 2)).build();
        Dhcp4Packet p = Dhcp4Packet.builder().serverHostname("tftp").options(o).build();
        byte[] small = p.encode(576);
        assertThat(small[245]).isEqualTo((byte) 1);
        Dhcp4Packet back = Dhcp4Packet.decode(small);
        assertThat(back.options()).isEqualTo(o);
        assertThat(back.serverHostname()).isEqualTo("tftp");
    }

    @Test
    void encodeWithMaxSizeFailsWhenFieldsAreTakenOrTooSmall() {
        Dhcp4Options o = Dhcp4Options.builder().putU8(53, 5).put(200, filled(250, 1)).put(201, filled(150, 2)).build();
        Dhcp4Packet named = Dhcp4Packet.builder().serverHostname("s").bootFileName("pxelinux.0").options(o).build();
        assertThatThrownBy(() -> named.encode(576)).isInstanceOf(WireFormatException.class);
        Dhcp4Options huge = Dhcp4Options.builder().put(200, filled(1000, 1)).build();
        assertThatThrownBy(() -> Dhcp4Packet.builder().options(huge).build().encode(100))
                .isInstanceOf(WireFormatException.class).hasMessageContaining("576");
    }

    @Test
    void plainBootpHasNoOptions() throws Exception {
        byte[] wire = Golden.packet("dhclient-discover").clone();
        wire[236] = 1; // no cookie
        Dhcp4Packet p = Dhcp4Packet.decode(wire);
        assertThat(p.isBootp()).isTrue();
        assertThat(p.options().isEmpty()).isTrue();
        assertThat(p.messageType()).isEmpty();
        Dhcp4Packet shortOne = Dhcp4Packet.decode(wire, 0, 236);
        assertThat(shortOne.isBootp()).isTrue();
    }

    @Test
    void missingEndIsTolerated() throws Exception {
        byte[] wire = java.util.Arrays.copyOf(Golden.packet("dhclient-discover"), 261);
        Dhcp4Packet p = Dhcp4Packet.decode(wire);
        assertThat(p.options().codes()).containsExactly(53, 12, 55);
    }

    @Test
    void headerErrors() {
        byte[] wire = Golden.packet("dhclient-discover").clone();
        assertThatThrownBy(() -> Dhcp4Packet.decode(wire, 0, 235)).isInstanceOf(WireFormatException.class)
                .hasMessageContaining("truncated");
        wire[2] = 17;
        assertThatThrownBy(() -> Dhcp4Packet.decode(wire)).isInstanceOf(WireFormatException.class)
                .hasMessageContaining("over 16");
        assertThatThrownBy(() -> Dhcp4Packet.decode(wire, 200, 236)).isInstanceOf(WireFormatException.class);
    }

    @Test
    void decodeAtAnOffsetInALargerBuffer() throws Exception {
        byte[] wire = Golden.packet("kea-offer");
        byte[] framed = new byte[wire.length + 50];
        System.arraycopy(wire, 0, framed, 20, wire.length);
        assertThat(Dhcp4Packet.decode(framed, 20, wire.length)).isEqualTo(Dhcp4Packet.decode(wire));
    }

    @Test
    void builderSetsHeaderFields() throws Exception {
        Dhcp4Packet p = Dhcp4Packet.builder().op(2).chaddr(HardwareAddress.parse("00:11:22:33:44:55")).hops(3)
                .xid(0xdeadbeef).secs(9).broadcastFlag(true).ciaddr(Ipv4Address.parse("10.0.0.1"))
                .yiaddr(Ipv4Address.parse("10.0.0.2")).siaddr(Ipv4Address.parse("10.0.0.3"))
                .giaddr(Ipv4Address.parse("10.0.0.4")).bootFileName("boot.img").messageType(MessageType.NAK).build();
        Dhcp4Packet back = Dhcp4Packet.decode(p.encode());
        assertThat(back).isEqualTo(p);
        assertThat(back.flags()).isEqualTo(0x8000);
        assertThat(back.bootFileName()).isEqualTo("boot.img");
        assertThat(back.messageType()).contains(MessageType.NAK);
        assertThat(back.chaddr().toString()).isEqualTo("00:11:22:33:44:55");
        assertThat(back.toBuilder().broadcastFlag(false).build().broadcastFlag()).isFalse();
    }

    @Test
    void messageTypes() {
        assertThat(MessageType.of(3)).contains(MessageType.REQUEST);
        assertThat(MessageType.of(0)).isEmpty();
        assertThat(MessageType.of(19)).isEmpty();
        assertThat(MessageType.INFORM.code()).isEqualTo(8);
        assertThat(List.of(MessageType.values())).hasSize(18);
    }

    static byte[] withOptions(String optionsHex) {
        byte[] wire = Golden.packet("dhclient-discover").clone();
        java.util.Arrays.fill(wire, 240, wire.length, (byte) 0);
        byte[] o = Golden.hex(optionsHex);
        System.arraycopy(o, 0, wire, 240, o.length);
        return wire;
    }

    private static byte[] filled(int n, int v) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, (byte) v);
        return b;
    }

    /** Option 82 as kea-dhcp4 2.2 sends it back (RelayInfoConformanceTest compares it live). */
    @Test
    void subOptionBlocksRepackedAsKeaReadsThem() {
        java.util.HexFormat hex = java.util.HexFormat.of();
        // by code, one code's instances joined in arrival order; 0 and 255 are sub-options, not framing
        assertThat(hex.formatHex(Dhcp4Options.repackSubOptions(hex.parseHex("0201aa0104000000ff0000ff000101bb"))))
                .isEqualTo("00000105000000ffbb0201aaff00");
        // a sub-option running past the block, or without its length byte, ends it
        assertThat(hex.formatHex(Dhcp4Options.repackSubOptions(hex.parseHex("0504cb0071000104000000ff0206aabb"))))
                .isEqualTo("0104000000ff0504cb007100");
        assertThat(hex.formatHex(Dhcp4Options.repackSubOptions(hex.parseHex("0104000000ff05"))))
                .isEqualTo("0104000000ff");
        assertThat(Dhcp4Options.repackSubOptions(hex.parseHex("0509cb00"))).isEmpty();
        assertThat(Dhcp4Options.repackSubOptions(new byte[0])).isEmpty();
        assertThat(hex.formatHex(Dhcp4Options.subOption(hex.parseHex("0502cb000104000000ff05027100"), 5)))
                .isEqualTo("cb007100");
        assertThat(Dhcp4Options.subOption(hex.parseHex("0104000000ff0504cb00"), 5)).isNull();
        assertThat(Dhcp4Options.subOption(hex.parseHex("0100"), 1)).isEmpty();
    }
}
