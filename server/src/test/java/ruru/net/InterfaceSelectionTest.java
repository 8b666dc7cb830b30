package ruru.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static ruru.net.ReplyRoutingTest.ip;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import ruru.wire.HardwareAddress;

class InterfaceSelectionTest {

    private static final NetInterface LO = new NetInterface("lo", 1, new HardwareAddress(1, new byte[6]),
            List.of(new InterfaceAddress4(ip("127.0.0.1"), 8, null)), true, true);
    private static final NetInterface ETH0 = new NetInterface("eth0", 2, new HardwareAddress(1, new byte[] {2, 0, 0, 0, 0, 1}),
            List.of(new InterfaceAddress4(ip("192.0.2.1"), 24, ip("192.0.2.255")),
                    new InterfaceAddress4(ip("198.51.100.1"), 24, ip("198.51.100.255"))), true, false);
    private static final NetInterface ETH1 = new NetInterface("eth1", 3, null,
            List.of(new InterfaceAddress4(ip("203.0.113.1"), 24, ip("203.0.113.255"))), true, false);
    private static final NetInterface DOWN = new NetInterface("eth2", 4, null,
            List.of(new InterfaceAddress4(ip("203.0.113.129"), 25, null)), false, false);
    private static final NetInterface BARE = new NetInterface("eth3", 5, null, List.of(), true, false);
    private static final List<NetInterface> ALL = List.of(LO, ETH0, ETH1, DOWN, BARE);

    private static List<String> names(List<String> spec, SocketMode mode) throws IOException {
        return InterfaceSelection.select(spec, ALL, mode).stream().map(NetInterface::name).toList();
    }

    @Test
    void wildcardIsEveryUsableInterfaceButLoopback() throws IOException {
        assertThat(names(List.of("*"), SocketMode.RAW)).containsExactly("eth0", "eth1");
        assertThat(names(List.of("*"), SocketMode.UDP)).containsExactly("eth0", "eth1");
    }

    @Test
    void loopbackOnlyWhenNamedAndOnlyInUdpMode() throws IOException {
        assertThat(names(List.of("*", "lo"), SocketMode.UDP)).containsExactly("lo", "eth0", "eth1");
        assertThat(names(List.of("lo"), SocketMode.UDP)).containsExactly("lo");
        assertThat(names(List.of("lo"), SocketMode.RAW)).isEmpty();
        assertThat(names(List.of("lo/127.0.0.1"), SocketMode.UDP)).containsExactly("lo");
    }

    @Test
    void namedInterfaceHasAllItsAddresses() throws IOException {
        List<NetInterface> s = InterfaceSelection.select(List.of(" eth0 "), ALL, SocketMode.RAW);
        assertThat(s).hasSize(1);
        assertThat(s.getFirst().addresses()).isEqualTo(ETH0.addresses());
    }

    @Test
    void addressSelectsThatAddressOnly() throws IOException {
        List<NetInterface> s = InterfaceSelection.select(List.of("eth0/198.51.100.1", "eth1"), ALL, SocketMode.UDP);
        assertThat(s).extracting(NetInterface::name).containsExactly("eth0", "eth1");
        assertThat(s.getFirst().addresses()).extracting(InterfaceAddress4::address).containsExactly(ip("198.51.100.1"));
        assertThat(s.getFirst().isBroadcast(ip("192.0.2.255"))).isFalse();
        assertThat(s.getFirst().isBroadcast(ip("198.51.100.255"))).isTrue();
        List<NetInterface> both = InterfaceSelection.select(List.of("eth0/198.51.100.1", "eth0/192.0.2.1"), ALL, SocketMode.UDP);
        assertThat(both.getFirst().addresses()).hasSize(2);
    }

    @Test
    void downAndAddresslessInterfacesAreSkipped() throws IOException {
        assertThat(names(List.of("eth2", "eth3", "eth1"), SocketMode.RAW)).containsExactly("eth1");
        assertThat(names(List.of(), SocketMode.RAW)).isEmpty();
    }

    @Test
    void configurationErrorsUseKeaWording() {
        assertError(List.of("eth9"), "interface 'eth9' doesn't exist in the system");
        assertError(List.of("eth9/192.0.2.1"), "interface 'eth9' doesn't exist in the system");
        assertError(List.of(" "), "empty interface name used in configuration");
        assertError(List.of("/192.0.2.1"), "empty interface name specified in the interface configuration");
        assertError(List.of("eth0/"), "empty address specified in the interface configuration");
        assertError(List.of("*/192.0.2.1"), "wildcard interface name '*' must not be used in conjunction with an address");
        assertError(List.of("*", "*"), "the wildcard interface '*' can only be specified once");
        assertError(List.of("eth0/2001:db8::1"), "address '2001:db8::1' is not a valid IPv4 address");
        assertError(List.of("eth0/203.0.113.1"), "interface 'eth0' doesn't have address '203.0.113.1' assigned");
        // kea-dhcp4 2.2 live: "specified" when the whole interface comes second, "selected" when an
        // address of an interface already named whole does.
        assertError(List.of("eth0", "eth0"), "interface 'eth0' has already been specified");
        assertError(List.of("eth0", "eth0/192.0.2.1"), "interface 'eth0' has already been selected");
        assertError(List.of("eth0/192.0.2.1", "eth0"), "interface 'eth0' has already been specified");
        assertError(List.of("eth0/bogus"), "Failed to convert string to address 'bogus': Invalid argument");
        assertError(List.of("eth0/192.0.2.1", "eth0/192.0.2.1"),
                "must not select address '192.0.2.1' for interface 'eth0' because this address is already selected");
    }

    private static void assertError(List<String> spec, String message) {
        assertThatThrownBy(() -> InterfaceSelection.select(spec, ALL, SocketMode.UDP))
                .isInstanceOf(IOException.class).hasMessage(message);
    }
}
