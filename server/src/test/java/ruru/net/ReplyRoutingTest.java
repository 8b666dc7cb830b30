package ruru.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import ruru.wire.HardwareAddress;
import ruru.wire.Ipv4Address;
import ruru.wire.WireFormatException;

class ReplyRoutingTest {

    private static final HardwareAddress MAC = new HardwareAddress(1, new byte[] {0x0a, 0x1b, 0x2c, 0x3d, 0x4e, 0x5f});
    private static final NetInterface ETH0 = new NetInterface("eth0", 2, new HardwareAddress(1, new byte[6]),
            List.of(new InterfaceAddress4(ip("192.0.2.1"), 24, ip("192.0.2.255")),
                    new InterfaceAddress4(ip("198.51.100.1"), 24, ip("198.51.100.255"))), true, false);

    static Ipv4Address ip(String s) {
        try {
            return Ipv4Address.parse(s);
        } catch (WireFormatException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Received4 req(String source, int sport, String local) {
        Ipv4Address l = ip(local);
        return new Received4(new byte[300], 300, ETH0, ip(source), sport, l, ETH0.isBroadcast(l));
    }

    /**
     * One row per rule: request (source, local, giaddr, ciaddr, flag), reply (yiaddr, NAK, INFORM),
     * mode, client port; expected destination, port, raw MAC or not, source.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        relayed DISCOVER goes to giaddr:67         | 192.0.2.9 | 192.0.2.1       | 192.0.2.9 | 0.0.0.0  | false | 192.0.2.77 | false | false | RAW | 68    | 192.0.2.9       | 67    | false | 192.0.2.1
        relayed beats ciaddr                       | 192.0.2.9 | 192.0.2.1       | 192.0.2.9 | 10.9.9.9 | false | 192.0.2.77 | false | false | RAW | 68    | 192.0.2.9       | 67    | false | 192.0.2.1
        relayed NAK goes to giaddr                 | 192.0.2.9 | 192.0.2.1       | 192.0.2.9 | 0.0.0.0  | true  | 0.0.0.0    | true  | false | RAW | 68    | 192.0.2.9       | 67    | false | 192.0.2.1
        renewing client: unicast to ciaddr         | 192.0.2.50| 192.0.2.1       | 0.0.0.0   | 192.0.2.50| false| 192.0.2.50 | false | false | RAW | 68    | 192.0.2.50      | 68    | true  | 192.0.2.1
        rebinding broadcast: ciaddr, iface source  | 192.0.2.50| 255.255.255.255 | 0.0.0.0   | 192.0.2.50| false| 192.0.2.50 | false | false | UDP | 68    | 192.0.2.50      | 68    | false | 192.0.2.1
        NAK with ciaddr is unicast (Kea)           | 192.0.2.50| 192.0.2.1       | 0.0.0.0   | 192.0.2.50| false| 0.0.0.0    | true  | false | RAW | 68    | 192.0.2.50      | 68    | true  | 192.0.2.1
        NAK without giaddr/ciaddr is broadcast     | 0.0.0.0   | 255.255.255.255 | 0.0.0.0   | 0.0.0.0  | false | 0.0.0.0    | true  | false | RAW | 68    | 255.255.255.255 | 68    | true  | 192.0.2.1
        broadcast flag: broadcast                  | 0.0.0.0   | 255.255.255.255 | 0.0.0.0   | 0.0.0.0  | true  | 192.0.2.77 | false | false | RAW | 68    | 255.255.255.255 | 68    | true  | 192.0.2.1
        RAW, no flag: frame to chaddr at yiaddr    | 0.0.0.0   | 255.255.255.255 | 0.0.0.0   | 0.0.0.0  | false | 192.0.2.77 | false | false | RAW | 68    | 192.0.2.77      | 68    | true  | 192.0.2.1
        RAW source on yiaddr subnet                | 0.0.0.0   | 255.255.255.255 | 0.0.0.0   | 0.0.0.0  | false | 198.51.100.7| false| false | RAW | 68    | 198.51.100.7    | 68    | true  | 198.51.100.1
        UDP, no flag: broadcast                    | 0.0.0.0   | 255.255.255.255 | 0.0.0.0   | 0.0.0.0  | false | 192.0.2.77 | false | false | UDP | 68    | 255.255.255.255 | 68    | false | 192.0.2.1
        directed broadcast arrival: iface source   | 0.0.0.0   | 198.51.100.255  | 0.0.0.0   | 0.0.0.0  | true  | 198.51.100.7| false| false | UDP | 68    | 255.255.255.255 | 68    | false | 198.51.100.1
        unicast arrival keeps its local address    | 0.0.0.0   | 198.51.100.1    | 0.0.0.0   | 0.0.0.0  | true  | 192.0.2.77 | false | false | UDP | 68    | 255.255.255.255 | 68    | false | 198.51.100.1
        no yiaddr: back to the source              | 192.0.2.60| 192.0.2.1       | 0.0.0.0   | 0.0.0.0  | false | 0.0.0.0    | false | false | RAW | 68    | 192.0.2.60      | 68    | true  | 192.0.2.1
        no yiaddr, source 0: broadcast             | 0.0.0.0   | 255.255.255.255 | 0.0.0.0   | 0.0.0.0  | false | 0.0.0.0    | false | false | RAW | 68    | 255.255.255.255 | 68    | true  | 192.0.2.1
        INFORM with ciaddr: ciaddr:68              | 192.0.2.60| 192.0.2.1       | 0.0.0.0   | 192.0.2.61| false| 0.0.0.0    | false | true  | RAW | 68    | 192.0.2.61      | 68    | true  | 192.0.2.1
        relayed INFORM with ciaddr: ciaddr:68      | 192.0.2.9 | 192.0.2.1       | 192.0.2.9 | 10.0.0.5 | false | 0.0.0.0    | false | true  | RAW | 68    | 10.0.0.5        | 68    | true  | 192.0.2.1
        relayed INFORM no ciaddr: giaddr:67        | 192.0.2.9 | 192.0.2.1       | 192.0.2.9 | 0.0.0.0  | false | 0.0.0.0    | false | true  | RAW | 68    | 192.0.2.9       | 67    | false | 192.0.2.1
        INFORM no ciaddr: source:68                | 192.0.2.60| 192.0.2.1       | 0.0.0.0   | 0.0.0.0  | false | 0.0.0.0    | false | true  | UDP | 68    | 192.0.2.60      | 68    | false | 192.0.2.1
        INFORM from 0.0.0.0: broadcast             | 0.0.0.0   | 255.255.255.255 | 0.0.0.0   | 0.0.0.0  | false | 0.0.0.0    | false | true  | UDP | 68    | 255.255.255.255 | 68    | false | 192.0.2.1
        -P forces every reply port, relayed too    | 192.0.2.9 | 192.0.2.1       | 192.0.2.9 | 0.0.0.0  | false | 192.0.2.77 | false | false | RAW | 10068 | 192.0.2.9       | 10068 | false | 192.0.2.1
        -P with raw unicast                        | 0.0.0.0   | 255.255.255.255 | 0.0.0.0   | 0.0.0.0  | false | 192.0.2.77 | false | false | RAW | 10068 | 192.0.2.77      | 10068 | true  | 192.0.2.1
        """)
    void routes(String rule, String source, String local, String giaddr, String ciaddr, boolean flag, String yiaddr,
                boolean nak, boolean inform, SocketMode mode, int clientPort, String expDest, int expPort, boolean expRaw,
                String expSource) {
        byte[] payload = {1, 2, 3};
        Reply4 r = ReplyRouting.route(req(source, 68, local), ip(giaddr), ip(ciaddr), flag, ip(yiaddr), MAC, nak, inform, 0,
                payload, mode, 67, clientPort);
        assertThat(r.destination()).as(rule).isEqualTo(ip(expDest));
        assertThat(r.destinationPort()).as(rule).isEqualTo(expPort);
        assertThat(r.destinationMac()).as(rule).isEqualTo(expRaw ? MAC : null);
        assertThat(r.source()).as(rule).isEqualTo(ip(expSource));
        assertThat(r.iface()).isSameAs(ETH0);
    }

    @Test
    void rawRepliesGoToTheQuerysSourceMacNotChaddr() {
        HardwareAddress bridge = new HardwareAddress(1, new byte[] {0x02, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b});
        Ipv4Address l = ip("255.255.255.255");
        Received4 rx = new Received4(new byte[300], 300, ETH0, Ipv4Address.ANY, 68, l, true, bridge);
        Reply4 r = ReplyRouting.route(rx, Ipv4Address.ANY, Ipv4Address.ANY, true, ip("192.0.2.77"), MAC, false, false, 0,
                new byte[] {1}, SocketMode.RAW, 67, 68);
        assertThat(r.destination()).isEqualTo(Ipv4Address.BROADCAST);
        assertThat(r.destinationMac()).isEqualTo(bridge);
        Reply4 relayed = ReplyRouting.route(new Received4(new byte[300], 300, ETH0, ip("192.0.2.9"), 67, ip("192.0.2.1"),
                false, bridge), ip("192.0.2.9"), Ipv4Address.ANY, false, ip("192.0.2.77"), MAC, false, false, 0,
                new byte[] {1}, SocketMode.RAW, 67, 68);
        assertThat(relayed.destinationMac()).as("replies to a relay go through the kernel").isNull();
    }

    @Test
    void relayedInformWithoutCiaddrSetsTheBroadcastFlagOnACopy() {
        byte[] payload = new byte[300];
        Reply4 r = ReplyRouting.route(req("192.0.2.9", 67, "192.0.2.1"), ip("192.0.2.9"), Ipv4Address.ANY, false,
                Ipv4Address.ANY, MAC, false, true, 0, payload, SocketMode.RAW, 67, 68);
        assertThat(r.payload()[10] & 0x80).isEqualTo(0x80);
        assertThat(payload[10]).isZero();
        Reply4 other = ReplyRouting.route(req("192.0.2.9", 67, "192.0.2.1"), ip("192.0.2.9"), Ipv4Address.ANY, false,
                ip("192.0.2.77"), MAC, false, false, 0, payload, SocketMode.RAW, 67, 68);
        assertThat(other.payload()).isSameAs(payload);
    }

    @Test
    void relayPortSubOptionIsHonoured() {
        Reply4 r = ReplyRouting.route(req("192.0.2.9", 3000, "192.0.2.1"), ip("192.0.2.9"), Ipv4Address.ANY, false,
                ip("192.0.2.77"), MAC, false, false, 3000, new byte[1], SocketMode.UDP, 67, 68);
        assertThat(r.destinationPort()).isEqualTo(3000);
    }

    @Test
    void nonEthernetChaddrIsBroadcastInRawMode() {
        HardwareAddress ib = new HardwareAddress(32, new byte[20]);
        Reply4 r = ReplyRouting.route(req("0.0.0.0", 68, "255.255.255.255"), Ipv4Address.ANY, Ipv4Address.ANY, false,
                ip("192.0.2.77"), ib, false, new byte[1], SocketMode.RAW, 67, 68);
        assertThat(r.destination()).isEqualTo(Ipv4Address.BROADCAST);
        assertThat(r.destinationMac()).isNull();
        Reply4 none = ReplyRouting.route(req("0.0.0.0", 68, "255.255.255.255"), Ipv4Address.ANY, Ipv4Address.ANY, false,
                ip("192.0.2.77"), null, false, new byte[1], SocketMode.RAW, 67, 68);
        assertThat(none.destinationMac()).isNull();
    }

    @Test
    void contractOverloadIsNotInform() {
        Reply4 r = ReplyRouting.route(req("192.0.2.9", 67, "192.0.2.1"), ip("192.0.2.9"), Ipv4Address.ANY, false,
                Ipv4Address.ANY, MAC, false, new byte[300], SocketMode.RAW, 67, 68);
        assertThat(r.destinationPort()).isEqualTo(67);
        assertThat(r.payload()[10]).isZero();
    }
}
