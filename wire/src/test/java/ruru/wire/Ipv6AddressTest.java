package ruru.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** IPv6 text both ways as inet_pton/inet_ntop (glibc) treat it, and the arithmetic pools need. */
class Ipv6AddressTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "::, ::",
        "::1, ::1",
        "2001:db8::1, 2001:db8::1",
        "2001:DB8:0:0:0:0:0:1, 2001:db8::1",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
        "2001:db8:1:2:3:4:5:6, 2001:db8:1:2:3:4:5:6",
        "2001:db8::1:0, 2001:db8::1:0",
        "fe80::ff:fe00:1, fe80::ff:fe00:1",
        "ff02::1:2, ff02::1:2",
        "::ffff:192.0.2.1, ::ffff:192.0.2.1",
        "::192.0.2.1, ::192.0.2.1",
        "1::, 1::",
        "2001:db8:0:1::, 2001:db8:0:1::",
        "0:0:1::, 0:0:1::",
    })
    void textRoundTrip(String in, String out) throws Exception {
        Ipv6Address a = Ipv6Address.parse(in);
        assertThat(a.toString()).isEqualTo(out);
        assertThat(Ipv6Address.parse(a.toString())).isEqualTo(a);
        assertThat(Ipv6Address.of(a.toBytes(), 0)).isEqualTo(a);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ":", ":::", "1:::2", "1::2::3", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "12345::",
        "g::1", "fe80::1%eth0", "[::1]", "2001:db8::/64", "::1.2.3", "1:2:3:4:5:6:7:1.2.3.4", " ::1", "::1 ",
        "\u0661::1", "192.0.2.1", "1:2:3:4:5:6:7:8::", ":1::", "1::2:"})
    void refusesWhatInetPtonRefuses(String text) {
        assertThatThrownBy(() -> Ipv6Address.parse(text)).isInstanceOf(WireFormatException.class);
    }

    @Test
    void classifies() throws Exception {
        assertThat(Ipv6Address.parse("fe80::1").isLinkLocal()).isTrue();
        assertThat(Ipv6Address.parse("febf::1").isLinkLocal()).isTrue();
        assertThat(Ipv6Address.parse("fec0::1").isLinkLocal()).isFalse();
        assertThat(Ipv6Address.parse("ff02::1:2").isMulticast()).isTrue();
        assertThat(Ipv6Address.ALL_DHCP_RELAY_AGENTS_AND_SERVERS.toString()).isEqualTo("ff02::1:2");
        assertThat(Ipv6Address.ANY.isUnspecified()).isTrue();
    }

    @Test
    void arithmeticCarriesAcrossTheHalves() throws Exception {
        Ipv6Address a = Ipv6Address.parse("2001:db8::ffff:ffff:ffff:ffff");
        assertThat(a.plus(1).toString()).isEqualTo("2001:db8:0:1::");
        assertThat(a.compareTo(a.plus(1))).isNegative();
        assertThat(Ipv6Address.parse("8000::").compareTo(Ipv6Address.parse("7fff::"))).isPositive();
        assertThat(Ipv6Address.ofBigInteger(a.toBigInteger().add(BigInteger.TWO))).isEqualTo(a.plus(2));
    }

    @Test
    void masksAndPrefixes() throws Exception {
        Ipv6Address a = Ipv6Address.parse("2001:db8:1:2:3:4:5:6");
        assertThat(a.masked(48).toString()).isEqualTo("2001:db8:1::");
        assertThat(a.masked(0)).isEqualTo(Ipv6Address.ANY);
        assertThat(a.masked(128)).isEqualTo(a);
        assertThat(a.lastOf(120).toString()).isEqualTo("2001:db8:1:2:3:4:5:ff");
        Ipv6Prefix p = Ipv6Prefix.parse("2001:db8:1::5/64");
        assertThat(p.network().toString()).isEqualTo("2001:db8:1::");
        assertThat(p.contains(Ipv6Address.parse("2001:db8:1::ffff"))).isTrue();
        assertThat(p.contains(Ipv6Address.parse("2001:db8:2::"))).isFalse();
        assertThat(p.contains(Ipv6Prefix.parse("2001:db8:1:0:8000::/65"))).isTrue();
        assertThat(p.size()).isEqualTo(BigInteger.ONE.shiftLeft(64));
        assertThatThrownBy(() -> Ipv6Prefix.parse("2001:db8::/129")).isInstanceOf(WireFormatException.class);
        assertThatThrownBy(() -> Ipv6Prefix.parse("2001:db8::")).isInstanceOf(WireFormatException.class);
    }
}
