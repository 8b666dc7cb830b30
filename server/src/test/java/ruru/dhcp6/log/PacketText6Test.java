package ruru.dhcp6.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import ruru.lease.Lease6;
import ruru.lease.LeaseState;
import ruru.wire.HardwareAddress;
import ruru.wire.Ipv6Address;
import ruru.wire.v6.Dhcp6MessageType;
import ruru.wire.v6.Dhcp6Options;
import ruru.wire.v6.Dhcp6Packet;
import ruru.wire.v6.IaType;
import ruru.wire.v6.RelayInfo;
import ruru.wire.v6.StandardV6Definitions;

/**
 * Kea's packet and lease texts, as kea-dhcp6 2.2 printed them on the exchanges of
 * Logging6AgainstKeaTest (which compares the whole dumps live at debug level 55).
 */
class PacketText6Test {

    private static byte[] hex(String s) {
        return java.util.HexFormat.of().parseHex(s.replace(":", ""));
    }

    @Test
    void relayedAdvertiseWithAStatusInsideItsIaAndTypedOptions() throws Exception {
        Dhcp6Options options = Dhcp6Options.builder()
                .add(41, "EST5EDT4".getBytes())
                .add(1, hex("00:03:00:01:02:55:00:00:00:03"))
                .add(2, hex("00:01:00:01:32:a9:30:a9:96:ea:69:22:77:0f"))
                .add(3, hex("00000001 00000000 00000000 000d 0030 0002".replace(" ", "")
                        + java.util.HexFormat.of().formatHex("Server could not select subnet for this client".getBytes())))
                .add(7, new byte[] {7})
                .add(23, Ipv6Address.parse("2001:db8::53").toBytes())
                .add(24, hex("076578616d706c6503636f6d00036c6162076578616d706c65036f726700"))
                .add(31, concat(Ipv6Address.parse("2001:db8::123").toBytes(), Ipv6Address.parse("2001:db8::124").toBytes()))
                .build();
        Dhcp6Packet p = new Dhcp6Packet(2, 0x10c, options, List.of(new RelayInfo(Dhcp6MessageType.RELAY_REPL, 0,
                Ipv6Address.parse("2001:db8:9::1"), Ipv6Address.parse("fe80::2:1"),
                Dhcp6Options.builder().add(18, "eth9".getBytes()).build())));
        assertThat(PacketText6.of(p, Ipv6Address.parse("2001:db8:1::1"), 547, Ipv6Address.parse("2001:db8:1::2"), 547,
                StandardV6Definitions.registry())).isEqualTo("""
                localAddr=[2001:db8:1::1]:547 remoteAddr=[2001:db8:1::2]:547
                msgtype=2(ADVERTISE), transid=0x10c
                type=00001, len=00010: 00:03:00:01:02:55:00:00:00:03
                type=00002, len=00014: 00:01:00:01:32:a9:30:a9:96:ea:69:22:77:0f
                type=00003(IA_NA), len=00064: iaid=1, t1=0, t2=0,
                options:
                  type=00013, len=00048: NoAddrsAvail(2) "Server could not select subnet for this client"
                type=00007, len=00001: 7 (uint8)
                type=00023, len=00016: 2001:db8::53
                type=00024, len=00030: "example.com." (fqdn) "lab.example.org." (fqdn)
                type=00031, len=00032: 2001:db8::123 2001:db8::124
                type=00041, len=00008: "EST5EDT4" (string)
                1 relay(s):
                relay[0]: msg-type=13(RELAY_REPLY), hop-count=0,
                link-address=2001:db8:9::1, peer-address=fe80::2:1, 1 option(s)
                type=00018, len=00004: 65:74:68:39
                """);
    }

    @Test
    void directSolicitWithAnEmptyOptionAVendorClassAndNoRelays() throws Exception {
        Dhcp6Options options = Dhcp6Options.builder()
                .add(1, hex("00:03:00:01:02:55:00:00:00:02"))
                .add(8, new byte[2])
                .add(6, hex("00170018"))
                .add(14, new byte[0])
                .add(16, new byte[] {0, 0, 0x11, (byte) 0x8b, 0, 4, 'r', 'u', 'r', 'u'})
                .add(25, hex("00000002 000003e8 000007d0 001a 0019 00000bb8 00000fa0 38 20010db8000a00000000000000000000"
                        .replace(" ", "")))
                .build();
        Dhcp6Packet p = new Dhcp6Packet(1, 0x109, options, List.of());
        assertThat(PacketText6.of(p, Ipv6Address.parse("ff02::1:2"), 0, Ipv6Address.parse("fe80::1"), 546,
                StandardV6Definitions.registry())).isEqualTo("""
                localAddr=[ff02::1:2]:0 remoteAddr=[fe80::1]:546
                msgtype=1(SOLICIT), transid=0x109
                type=00001, len=00010: 00:03:00:01:02:55:00:00:00:02
                type=00006, len=00004: 23(uint16) 24(uint16)
                type=00008, len=00002: 0 (uint16)
                type=00014, len=00000:\s
                type=16, len=10,  enterprise id=0x118b, data-len0=4, vendor-class-data0='ruru'
                type=00025(IA_PD), len=00041: iaid=2, t1=1000, t2=2000,
                options:
                  type=00026(IAPREFIX), len=00025: prefix=2001:db8:a::/56, preferred-lft=3000, valid-lft=4000
                No relays traversed.
                """);
    }

    @Test
    void leaseAsKeasLease6ToText() throws Exception {
        Lease6 l = new Lease6(Ipv6Address.parse("2001:db8:1::100"), IaType.NA, 128, 1, hex("00030001025500000001"), 3000,
                4000, 1796633641L, 1, false, false, "", new HardwareAddress(1, hex("025500000001")), 0,
                LeaseState.DEFAULT, null, 0);
        assertThat(LeaseText6.of(l)).isEqualTo("""
                Type:          IA_NA(0)
                Address:       2001:db8:1::100
                Prefix length: 128
                IAID:          1
                Pref life:     3000
                Valid life:    4000
                Cltt:          1796633641
                DUID:          00:03:00:01:02:55:00:00:00:01
                Hardware addr: 02:55:00:00:00:01
                Subnet ID:     1
                State:         default
                """);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Kea 3's Option6Dnr text for option 144 (option6_dnr_unittest.cc toText); bytes when malformed. */
    @Test
    void encryptedDnsOptionAsKea3PrintsIt() {
        byte[] dnr = hex(("0009 0014 06 6d79686f7374 07 6578616d706c65 03 636f6d 00 0010 20010db80001000000000000"
                + "0000baca 0001 0003 026833 0003 0002 04d2 0007 0008 2f717b3f646e737d").replace(" ", ""));
        assertThat(PacketText6.option(new ruru.wire.v6.Option6(144, dnr), StandardV6Definitions.registry()))
                .isEqualTo("type=144(V6_DNR), len=67, service_priority=9, adn_length=20, adn='myhost.example.com.',"
                        + " addr_length=16, address(es): 2001:db8:1::baca, svc_params='alpn=h3 port=1234"
                        + " dohpath=/q{?dns}'");
        assertThat(PacketText6.option(new ruru.wire.v6.Option6(144, hex("00010000")), StandardV6Definitions.registry()))
                .isEqualTo("type=00144, len=00004: 00:01:00:00");
    }
}
