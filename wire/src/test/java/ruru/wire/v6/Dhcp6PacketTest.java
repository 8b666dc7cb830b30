package ruru.wire.v6;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import ruru.wire.Ipv6Address;
import ruru.wire.Ipv6Prefix;
import ruru.wire.WireFormatException;

/** Golden-hex round trips of client and relayed messages, and every malformed shape refused. */
class Dhcp6PacketTest {

    private static final HexFormat HEX = HexFormat.of();

    /** dhclient -6's SOLICIT as captured from ISC dhclient 4.4 (DUID-LLT, ORO 23 24 39 31, IA_NA iaid 2). */
    static final String SOLICIT = "01aabbcc"
            + "0001000e" + "0001000132a88db4020000000002"
            + "00060008" + "00170018" + "0027001f"
            + "00080002" + "0000"
            + "0003000c" + "00000002" + "00000e10" + "00001518";

    @Test
    void decodesAClientMessage() throws Exception {
        Dhcp6Packet p = Dhcp6Packet.decode(HEX.parseHex(SOLICIT));
        assertThat(p.messageType()).contains(Dhcp6MessageType.SOLICIT);
        assertThat(p.transactionId()).isEqualTo(0xaabbcc);
        assertThat(p.relays()).isEmpty();
        assertThat(new Duid(p.options().get(Option6Codes.CLIENTID).orElseThrow()).toString())
                .isEqualTo("00:01:00:01:32:a8:8d:b4:02:00:00:00:00:02");
        assertThat(Oro.requested(p.options())).containsExactly(23, 24, 39, 31);
        assertThat(p.options().u16(Option6Codes.ELAPSED_TIME)).hasValue(0);
        List<Ia> ias = Ia.all(p.options(), IaType.NA);
        assertThat(ias).singleElement().satisfies(ia -> {
            assertThat(ia.iaid()).isEqualTo(2);
            assertThat(ia.t1()).isEqualTo(3600);
            assertThat(ia.t2()).isEqualTo(5400);
        });
        assertThat(HEX.formatHex(p.encode())).isEqualTo(SOLICIT);
    }

    @Test
    void decodesTwoRelayLevelsOutermostFirstAndEncodesThemBack() throws Exception {
        byte[] inner = HEX.parseHex(SOLICIT);
        byte[] level1 = relay(1, 0, "2001:db8:4::1", "fe80::2", "0012000869:6e:6e:65:72:2d:69:66".replace(":", ""),
                inner);
        byte[] level2 = relay(1, 1, "::", "fe80::9", "0012000875:74:65:72:2d:69:66:30".replace(":", ""), level1);
        Dhcp6Packet p = Dhcp6Packet.decode(level2);
        assertThat(p.messageType()).contains(Dhcp6MessageType.SOLICIT);
        assertThat(p.relays()).hasSize(2);
        RelayInfo outer = p.relays().get(0);
        assertThat(outer.hopCount()).isEqualTo(1);
        assertThat(outer.linkAddress()).isEqualTo(Ipv6Address.ANY);
        assertThat(outer.peerAddress().toString()).isEqualTo("fe80::9");
        assertThat(outer.options().has(Option6Codes.RELAY_MSG)).isFalse();
        assertThat(new String(outer.options().get(Option6Codes.INTERFACE_ID).orElseThrow())).isEqualTo("uter-if0");
        RelayInfo innerRelay = p.relays().get(1);
        assertThat(innerRelay.linkAddress().toString()).isEqualTo("2001:db8:4::1");
        assertThat(new String(innerRelay.options().get(Option6Codes.INTERFACE_ID).orElseThrow())).isEqualTo("inner-if");
        assertThat(p.encode()).isEqualTo(level2);
    }

    /** Relay-Forw: msg-type 12, hop, link, peer, then the given options and a Relay Message option. */
    static byte[] relay(int dummy, int hops, String link, String peer, String optionsHex, byte[] inner)
            throws WireFormatException {
        byte[] opts = HEX.parseHex(optionsHex);
        byte[] out = new byte[34 + opts.length + 4 + inner.length];
        out[0] = 12;
        out[1] = (byte) hops;
        Ipv6Address.parse(link).write(out, 2);
        Ipv6Address.parse(peer).write(out, 18);
        System.arraycopy(opts, 0, out, 34, opts.length);
        int p = 34 + opts.length;
        out[p + 1] = 9;
        out[p + 2] = (byte) (inner.length >>> 8);
        out[p + 3] = (byte) inner.length;
        System.arraycopy(inner, 0, out, p + 4, inner.length);
        return out;
    }

    @Test
    void buildsAnAdvertiseWithIasInKeaOrder() throws Exception {
        Ia na = new Ia(IaType.NA, 11, 150, 240, Dhcp6Options.builder()
                .add(new IaAddress(Ipv6Address.parse("2001:db8:1::100"), 300, 600).toOption()).build());
        IaPrefix pfx = new IaPrefix(300, 600, 64, Ipv6Address.parse("2001:db8:8::"), Dhcp6Options.builder()
                .add(Option6Codes.PD_EXCLUDE, PdExclude.encode(64, Ipv6Prefix.parse("2001:db8:8:0:1::/80"))).build());
        Ia pd = new Ia(IaType.PD, 22, 150, 240, Dhcp6Options.builder().add(pfx.toOption()).build());
        Dhcp6Options opts = Dhcp6Options.builder()
                .add(pd.toOption())
                .add(Option6Codes.SERVERID, HEX.parseHex("000100013a8a8d1002000000001"+"0"))
                .add(na.toOption())
                .add(Option6Codes.CLIENTID, HEX.parseHex("00030001020000000002"))
                .sorted().build();
        assertThat(opts.list()).extracting(Option6::code).containsExactly(1, 2, 3, 25);
        Dhcp6Packet adv = new Dhcp6Packet(Dhcp6MessageType.ADVERTISE, 0x123456, opts);
        Dhcp6Packet back = Dhcp6Packet.decode(adv.encode());
        assertThat(back).isEqualTo(adv);
        Ia gotPd = Ia.all(back.options(), IaType.PD).getFirst();
        IaPrefix gotPrefix = gotPd.prefixes().getFirst();
        assertThat(gotPrefix.toPrefix().toString()).isEqualTo("2001:db8:8::/64");
        assertThat(HEX.formatHex(gotPrefix.options().get(Option6Codes.PD_EXCLUDE).orElseThrow())).isEqualTo("500001");
        assertThat(Ia.all(back.options(), IaType.NA).getFirst().addresses().getFirst().address().toString())
                .isEqualTo("2001:db8:1::100");
    }

    @Test
    void relayReplyCarriesTheLevelsOptionsBeforeTheRelayMessage() throws Exception {
        RelayInfo level = new RelayInfo(Dhcp6MessageType.RELAY_FORW, 0, Ipv6Address.parse("2001:db8::1"),
                Ipv6Address.parse("fe80::1"), Dhcp6Options.builder().add(Option6Codes.INTERFACE_ID, new byte[] {1, 2})
                .build());
        Dhcp6Packet reply = new Dhcp6Packet(Dhcp6MessageType.REPLY.code(), 1, Dhcp6Options.empty(),
                List.of(level.reply(level.options())));
        byte[] wire = reply.encode();
        assertThat(wire[0]).isEqualTo((byte) 13);
        assertThat(HEX.formatHex(wire, 34, 34 + 6)).isEqualTo("001200020102");
        assertThat(HEX.formatHex(wire, 40, 44)).isEqualTo("00090004");
        assertThat(HEX.formatHex(wire, 44, 48)).isEqualTo("07000001");
    }

    @Test
    void pdExcludeKeepsOnlyTheBitsAfterTheDelegatedLength() throws Exception {
        assertThat(HEX.formatHex(PdExclude.encode(56, Ipv6Prefix.parse("2001:db8:8:80::/57")))).isEqualTo("3980");
        assertThat(HEX.formatHex(PdExclude.encode(60, Ipv6Prefix.parse("2001:db8:8:f::/64")))).isEqualTo("40f0");
        assertThatThrownBy(() -> PdExclude.encode(64, Ipv6Prefix.parse("2001:db8::/64")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "",                                          // empty
        "01aabb",                                    // shorter than a header
        "01aabbcc0003000400000001",                  // IA_NA shorter than 12 bytes
        "01aabbcc0019000b0000000100000002000000",    // IA_PD shorter than 12 bytes
        "01aabbcc0003001c000000010000000200000003000500040001020300050004aabbccdd", // IAADDR of 4 bytes
        "01aabbcc00190015000000010000000200000003001a000500000001ff", // IAPREFIX truncated
        "01aabbcc000600030017ff",                    // ORO of odd length
        "01aabbcc000800010a",                        // elapsed time of one byte
        "01aabbcc000e000100",                        // rapid commit with data
        "01aabbcc0011000200aa",                      // vendor opts without enterprise number
        "0c00",                                      // relay shorter than its header
        "0c000000000000000000000000000000000000000000000000000000000000000000", // relay without relay-msg
        "0c00000000000000000000000000000000000000000000000000000000000000000000090000", // empty relay-msg
        // an option running past the relay level swallows its relay-msg
        "0c000000000000000000000000000000000000000000000000000000000000000000001200400009000401aabbcc",
    })
    void refusesMalformedMessages(String hex) {
        assertThatThrownBy(() -> Dhcp6Packet.decode(HEX.parseHex(hex))).isInstanceOf(WireFormatException.class);
    }

    /**
     * kea-dhcp6 2.2 answers a SOLICIT whose last option runs past the message, or that ends in a
     * few stray bytes, or whose IA_NA holds a truncated sub-option (observed): Kea's unpackOptions6
     * stops there and the options before it stay. The same inside a relay level after its relay-msg.
     */
    @ParameterizedTest
    @ValueSource(strings = {
        "0017000a0102",                 // ORO claiming 10 bytes, 2 left
        "001700",                       // three stray bytes: no option header
    })
    void aTruncatedLastOptionIsLeftOutAsKea(String tail) throws Exception {
        byte[] whole = HEX.parseHex(SOLICIT + tail);
        Dhcp6Packet p = Dhcp6Packet.decode(whole);
        assertThat(p).isEqualTo(Dhcp6Packet.decode(HEX.parseHex(SOLICIT)));
        Dhcp6Packet relayed = Dhcp6Packet.decode(HEX.parseHex(HEX.formatHex(relay(1, 0, "2001:db8:4::1", "fe80::2",
                "", HEX.parseHex(SOLICIT))) + tail));
        assertThat(relayed.relays()).singleElement().satisfies(r -> assertThat(r.options().isEmpty()).isTrue());
        assertThat(relayed.withRelays(List.of())).isEqualTo(p);
    }

    @Test
    void aTruncatedSubOptionEndsItsIaAsKea() throws Exception {
        // IA_NA iaid 1 whose IAADDR claims 24 bytes with 4 left: the IA stays, without addresses
        Dhcp6Packet p = Dhcp6Packet.decode(HEX.parseHex("01aabbcc0003001400000001000000000000000000050018aabbccdd"));
        assertThat(Ia.all(p.options(), IaType.NA)).singleElement().satisfies(ia -> {
            assertThat(ia.iaid()).isEqualTo(1);
            assertThat(ia.addresses()).isEmpty();
        });
    }

    /** A Relay-Reply level is unwrapped like a Relay-Forward one (Kea's Pkt6::unpackRelayMsg; kea-dhcp6 2.2 answers). */
    @Test
    void aRelayReplyLevelIsUnwrappedAsKea() throws Exception {
        byte[] forw = relay(1, 0, "2001:db8:4::1", "fe80::2", "0012000465746839", HEX.parseHex(SOLICIT));
        forw[0] = 13;
        Dhcp6Packet p = Dhcp6Packet.decode(forw);
        assertThat(p.messageType()).contains(Dhcp6MessageType.SOLICIT);
        assertThat(p.relays()).singleElement().satisfies(r -> {
            assertThat(r.messageType()).isEqualTo(Dhcp6MessageType.RELAY_REPL);
            assertThat(r.linkAddress().toString()).isEqualTo("2001:db8:4::1");
        });
    }

    @Test
    void theLastRelayMessageOptionIsTheRelayedMessageAsKea() throws Exception {
        byte[] other = HEX.parseHex(SOLICIT.replace("01aabbcc", "03112233"));
        byte[] twice = relay(1, 0, "::", "fe80::2", "0009" + String.format("%04x", other.length) + HEX.formatHex(other),
                HEX.parseHex(SOLICIT));
        assertThat(Dhcp6Packet.decode(twice).transactionId()).isEqualTo(0xaabbcc);
        assertThatThrownBy(() -> Dhcp6Packet.decode(HEX.parseHex("0c" + "00".repeat(33))))
                .hasMessage("Mandatory relay-msg option missing");
    }

    @Test
    void refusesMoreThan33RelayLevelsAsKea() throws Exception {
        // hop counts 0..32 (HOP_COUNT_LIMIT 32): kea-dhcp6 2.2 answers 33 levels and refuses 34
        byte[] m = HEX.parseHex(SOLICIT);
        for (int i = 0; i < 33; i++) {
            m = relay(1, i, "::", "fe80::1", "", m);
        }
        assertThat(Dhcp6Packet.decode(m).relays()).hasSize(33);
        byte[] deeper = relay(1, 33, "::", "fe80::1", "", m);
        assertThatThrownBy(() -> Dhcp6Packet.decode(deeper))
                .hasMessage("Massage cannot be encapsulated more than 32 times");
    }

    @Test
    void duidKnowsItsLinkLayerAddress() throws Exception {
        Duid llt = Duid.parse("00:01:00:01:32:a8:8d:b4:02:00:00:00:00:02");
        assertThat(llt.type()).isEqualTo(Duid.LLT);
        assertThat(llt.hardwareAddress().orElseThrow().toString()).isEqualTo("02:00:00:00:00:02");
        assertThat(Duid.parse("00:03:00:01:0a:0b:0c:0d:0e:0f").hardwareAddress().orElseThrow().toString())
                .isEqualTo("0a:0b:0c:0d:0e:0f");
        assertThat(Duid.parse("00:02:00:00:09:bf:01").hardwareAddress()).isEmpty();
        assertThat(Duid.parse("01:02").validLength()).isFalse();
    }

    @Test
    void statusCodeCarriesKeasText() throws Exception {
        StatusCode s = new StatusCode(Status6.NO_ADDRS_AVAIL, "Sorry, no address could be allocated.");
        assertThat(StatusCode.parse(s.toBytes())).isEqualTo(s);
        assertThat(HEX.formatHex(s.toBytes(), 0, 2)).isEqualTo("0002");
    }
}
