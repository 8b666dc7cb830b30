package ruru.wire.v4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import ruru.wire.WireFormatException;
import ruru.wire.v6.StandardV6Definitions;

/**
 * RFC 9463's Encrypted DNS options as Kea 3 builds them from option-data: the byte vectors and the
 * refused inputs are those of Kea 3's own unit tests (option4_dnr_unittest.cc, option6_dnr_unittest.cc),
 * the error texts those of Kea 3's DnrInstance. Kea 2.2 knows neither option, so it cannot be an oracle.
 */
class DnrOptionsTest {

    private static final String MYHOST1 = "07 6d79686f737431 07 6578616d706c65 03 636f6d 00";
    private static final String MYHOST2 = "07 6d79686f737432 07 6578616d706c65 03 636f6d 00";
    private static final String MYHOST = "06 6d79686f7374 07 6578616d706c65 03 636f6d 00";
    private static final String V4_PREFIX = "option data does not match option definition (space: dhcp4, code: 162): "
            + "DHCPv4 Encrypted DNS Option (162) malformed: ";
    private static final String V6_PREFIX = "option data does not match option definition (space: dhcp6, code: 144): "
            + "DHCPv6 Encrypted DNS Option (144) malformed: ";

    private static final OptionDefinition V4 = OptionDefinitions.standardV4().byName("dhcp4", "v4-dnr").orElseThrow();
    private static final OptionDefinition V6 = StandardV6Definitions.registry().byName("dhcp6", "v6-dnr")
            .orElseThrow();

    private static byte[] v4(String data) throws WireFormatException {
        return OptionValues.fromText(V4, data, true);
    }

    private static byte[] v6(String data) throws WireFormatException {
        return OptionValues.fromText(V6, data, true);
    }

    @Test
    void definitionsCarryKea3NamesCodesAndSpaces() {
        assertThat(V4.code()).isEqualTo(162);
        assertThat(V4.space()).isEqualTo("dhcp4");
        assertThat(StandardV6Definitions.registry().byCode("dhcp6", 144).orElseThrow().name()).isEqualTo("v6-dnr");
        assertThat(OptionDefinitions.standardV4().byCode("dhcp4", 162).orElseThrow().name()).isEqualTo("v4-dnr");
    }

    @Test
    void v4AdnOnlyInstancesAsKea3Packs() throws Exception {
        // fromConfigCtorPackOneAdnOnlyModeInstance: option length 26.
        byte[] one = v4("1, myhost1.example.com.");
        assertThat(one).isEqualTo(Golden.hex("0018 0001 15" + MYHOST1));
        assertThat(one).hasSize(26);
        // fromConfigCtorPackMultipleAdnOnlyModeInstances: option length 78.
        byte[] three = v4("1, myhost1.example.com. | 2, myhost2.example.com. | 3, myhost3.example.com.");
        assertThat(three).hasSize(78);
        assertThat(three).isEqualTo(Golden.hex("0018 0001 15" + MYHOST1 + "0018 0002 15" + MYHOST2
                + "0018 0003 15 07 6d79686f737433 07 6578616d706c65 03 636f6d 00"));
    }

    @Test
    void v4MixedInstancesAsKea3Packs() throws Exception {
        // fromConfigCtorPackMixedDnrInstances: option length 73, second instance 45.
        byte[] mixed = v4("1, myhost1.example.com. | 2, myhost2.example.com., 192.168.0.1 192.168.0.2, alpn=dot\\,doq");
        assertThat(mixed).isEqualTo(Golden.hex("0018 0001 15" + MYHOST1 + "002d 0002 15" + MYHOST2
                + "08 c0a80001 c0a80002 0001 0008 03646f74 03646f71"));
        assertThat(mixed).hasSize(73);
        // fromConfigCtorPackMixedDnrInstancesTwo: addresses, no SvcParams, option length 61.
        assertThat(v4("1, myhost1.example.com. | 2, myhost2.example.com., 192.168.0.1 192.168.0.2")).isEqualTo(
                Golden.hex("0018 0001 15" + MYHOST1 + "0021 0002 15" + MYHOST2 + "08 c0a80001 c0a80002"));
        // fromConfigCtorPackUnorderedSvcParams: keys written in increasing order, option length 79.
        byte[] unordered = v4("1, myhost1.example.com. | 2, myhost2.example.com., 192.168.0.1 192.168.0.2,"
                + " port=85 alpn=dot\\,doq");
        assertThat(unordered).isEqualTo(Golden.hex("0018 0001 15" + MYHOST1 + "0033 0002 15" + MYHOST2
                + "08 c0a80001 c0a80002 0001 0008 03646f74 03646f71 0003 0002 0055"));
        assertThat(unordered).hasSize(79);
        // fromConfigCtorMixedDnrInstances: alpn, port and dohpath; option length 86, instance 58.
        byte[] all = v4("1, myhost1.example.com. | 2, myhost2.example.com., 192.168.0.1 192.168.0.2, "
                + "alpn=h3 port=1234 dohpath=/q{?dns}");
        assertThat(all).isEqualTo(Golden.hex("0018 0001 15" + MYHOST1 + "003a 0002 15" + MYHOST2
                + "08 c0a80001 c0a80002 0001 0003 026833 0003 0002 04d2 0007 0008 2f717b3f646e737d"));
        assertThat(all).hasSize(86);
    }

    @Test
    void v6AsKea3Packs() throws Exception {
        // fromConfigCtorPackAdnOnlyMode: option length 24.
        assertThat(v6("9, myhost.example.com.")).isEqualTo(Golden.hex("0009 0014" + MYHOST));
        // pack: two addresses and alpn=imap, option length 67.
        byte[] packed = v6("9, myhost.example.com., 2001:db8:1::dead:beef ff02::face:b00c, alpn=imap");
        assertThat(packed).isEqualTo(Golden.hex("0009 0014" + MYHOST + "0020"
                + "20010db80001000000000000deadbeef ff0200000000000000000000faceb00c 0001 0005 04696d6170"));
        assertThat(packed).hasSize(67);
        // toText: one address, alpn/port/dohpath, option length 67.
        assertThat(v6("9, myhost.example.com., 2001:db8:1::baca, alpn=h3 port=1234 dohpath=/q{?dns}")).isEqualTo(
                Golden.hex("0009 0014" + MYHOST + "0010 20010db80001000000000000 0000baca 0001 0003 026833 0003 0002 04d2 0007 0008"
                        + " 2f717b3f646e737d"));
    }

    @Test
    void keaExampleConfigurationsEncode() throws Exception {
        // Kea 3's all-options.json examples (doc/examples/kea6 and kea4).
        byte[] six = v6("100, resolver.example., 2001:db8::1 2001:db8::2, alpn=dot\\,h2\\,h3 port=8530"
                + " dohpath=/dns-query{?dns}");
        assertThat(six).isEqualTo(Golden.hex("0064 0012 087265736f6c766572 076578616d706c65 00 0020"
                + "20010db8000000000000000000000001 20010db8000000000000000000000002"
                + "0001 000a 03646f74 026832 026833 0003 0002 2152 0007 0010 2f646e732d71756572797b3f646e737d"));
        byte[] four = v4("1, resolver.example., 10.2.3.4 10.0.4.5, alpn=dot\\,doq\\,h2\\,h3 dohpath=/q{?dns}"
                + " | 2, resolver.example., 10.0.5.6, alpn=dot port=8530 | 3, fooexp.resolver.example.");
        assertThat(four).isEqualTo(Golden.hex(
                "003c 0001 12 087265736f6c766572 076578616d706c65 00 08 0a020304 0a000405"
                        + " 0001 000e 03646f74 03646f71 026832 026833 0007 0008 2f717b3f646e737d"
                        + "0028 0002 12 087265736f6c766572 076578616d706c65 00 04 0a000506"
                        + " 0001 0004 03646f74 0003 0002 2152"
                        + "001c 0003 19 06666f6f657870 087265736f6c766572 076578616d706c65 00"));
    }

    @Test
    void keaForgeVectorsEncode() throws Exception {
        // ISC's own system tests against a running Kea 3 (forge, tests/dhcp/test_dnr.py): the bytes the
        // server sent for these texts.
        assertThat(v4("2, example.some.host.org., 10.0.5.6, alpn=dot\\,doq port=8530")).isEqualTo(concat(
                Golden.hex("0031 0002 17"), "\007example\004some\004host\003org\000".getBytes(
                        java.nio.charset.StandardCharsets.ISO_8859_1),
                Golden.hex("04 0a000506 0001 0008 03646f74 03646f71 0003 0002 2152")));
        byte[] six = v6("100, foo.org., 2001:db8::1 2001:db8::2, alpn=dot port=8530");
        assertThat(six).hasSize(61);
        assertThat(six).isEqualTo(Golden.hex("0064 0009 03666f6f 036f7267 00 0020"
                + "20010db8000000000000000000000001 20010db8000000000000000000000002 0001000403646f74000300022152"));
    }

    private static byte[] concat(byte[]... parts) {
        return KeaExamplesOptionDataTest.concat(parts);
    }

    @Test
    void adnIsLowerCasedAndAbsolute() throws Exception {
        // isc::dns::Name(text, true): lower case, relative text made absolute.
        assertThat(v6("9, MyHost.Example.COM")).isEqualTo(v6("9, myhost.example.com."));
        assertThat(v4("1, \\077yhost1.example.com")).isEqualTo(v4("1, myhost1.example.com."));
        // The root is a one-octet ADN, which Kea 3 takes as given.
        assertThat(v6("5, .")).isEqualTo(Golden.hex("0005 0001 00"));
    }

    @Test
    void priorityIsABoostLexicalCastToUint16() throws Exception {
        assertThat(v6("65535, a.")).startsWith(Golden.hex("ffff"));
        assertThat(v6("+7, a.")).startsWith(Golden.hex("0007"));
        // boost wraps a negative value around for an unsigned target.
        assertThat(v6("-1, a.")).startsWith(Golden.hex("ffff"));
        for (String bad : new String[] {"65536", "0x10", "what?", "1.5"}) {
            assertThatThrownBy(() -> v6(bad + ", a.")).hasMessage(V6_PREFIX
                    + "Cannot parse uint_16 integer Service priority from given value: " + bad
                    + ". Error: bad lexical cast: source type value could not be interpreted as target");
        }
    }

    @Test
    void v4RefusalsOfKea3UnitTests() {
        String head = "1, myhost1.example.com. | 2, myhost2.example.com., 192.168.0.1 192.168.0.2, alpn=dot\\,h3 "
                + "dohpath=/some-path{?dns} | ";
        // fromConfigCtorNotEnoughFields (with an escaped pipe inside a dohpath before it).
        assertThatThrownBy(() -> v4("1, myhost1.example.com. | 2, myhost2.example.com., 192.168.0.1 192.168.0.2,"
                + " alpn=dot\\,h3 dohpath=/some\\|path{?dns} | 3")).hasMessage(V4_PREFIX
                        + "Option config requires at least comma separated Service Priority and ADN");
        assertThatThrownBy(() -> v4(head + "3, test.com., 10.2.3.4, port=1234, extra")).hasMessage(V4_PREFIX
                + "Option config supports maximum 4 comma separated fields: Service Priority, ADN, resolver IP"
                + " address(es) and SvcParams");
        assertThatThrownBy(() -> v4(head + "what?, test.com., 10.2.3.4, port=1234")).hasMessageContaining(
                "Cannot parse uint_16 integer Service priority from given value: what?.");
        assertThatThrownBy(() -> v4(head + "100, , 10.2.3.4, port=1234")).hasMessage(V4_PREFIX
                + "Cannot parse ADN FQDN from given value: . Error: incomplete textual name in <empty>");
        assertThatThrownBy(() -> v4(head + "100, test.net. , what?, port=1234")).hasMessage(V4_PREFIX
                + "Cannot parse IPv4 address from given value: what?. Error: Failed to convert string to address"
                + " 'what?': Invalid argument");
        assertThatThrownBy(() -> v4(head + "100, test.net. , , port=1234")).hasMessage(V4_PREFIX
                + "Option config requires at least one valid IP address.");
        assertThatThrownBy(() -> v4(head + "100, test.net. , 10.2.3.4, =")).hasMessage(V4_PREFIX
                + "Wrong Svc Params syntax - SvcParamKey=SvcParamValue pair syntax must be used");
        assertThatThrownBy(() -> v4(head + "100, test.net. , 10.2.3.4, ipv4hint=1")).hasMessage(V4_PREFIX
                + "Wrong Svc Params syntax - key ipv4hint must not be used");
        assertThatThrownBy(() -> v4(head + "100, test.net. , 10.2.3.4, unknown=1")).hasMessage(V4_PREFIX
                + "Wrong Svc Params syntax - key unknown not found in SvcParamKeys registry");
        assertThatThrownBy(() -> v4(head + "100, test.net. , 10.2.3.4, ech=1")).hasMessage(V4_PREFIX
                + "Wrong Svc Params syntax - key ech not supported in DNR option SvcParams");
        assertThatThrownBy(() -> v4(head + "100, test.net. , 10.2.3.4, port=1234 port=2345")).hasMessage(V4_PREFIX
                + "Wrong Svc Params syntax - key port is duplicated.");
        assertThatThrownBy(() -> v4(head + "100, test.net. , 10.2.3.4, alpn=dot\\,unknown")).hasMessage(V4_PREFIX
                + "Wrong Svc Params syntax - alpn-id unknown not found in ALPN-IDs registry");
        assertThatThrownBy(() -> v4(head + "100, test.net. , 10.2.3.4, alpn=h3")).hasMessage(V4_PREFIX
                + "Wrong Svc Params syntax - dohpath SvcParam missing. When alpn SvcParam indicates support for"
                + " HTTP, dohpath must be present.");
        assertThatThrownBy(() -> v4(head + "100, test.net. , 10.2.3.4, port=what?")).hasMessage(V4_PREFIX
                + "Cannot parse uint_16 integer port nr from given value: what?. Error: bad lexical cast: source"
                + " type value could not be interpreted as target");
        assertThatThrownBy(() -> v4(head + "100, test.net. , 10.2.3.4, alpn=dot\\,h3 dohpath=/some-path"))
                .hasMessage(V4_PREFIX + "Wrong Svc Params syntax - dohpath SvcParamValue URI Template MUST contain a"
                        + " 'dns' variable.");
        assertThatThrownBy(() -> v4("100, dot1.example.org., 2001:db8::1")).hasMessage(V4_PREFIX
                + "Cannot parse IPv4 address from given value: 2001:db8::1. Error: Given address is not IPv4"
                + " address.");
    }

    /** Stricter than Kea 3, which writes the low octet of a longer Addr Length: 63 addresses at most. */
    @Test
    void v4AddressLengthMustFitItsOctet() throws Exception {
        StringBuilder addrs = new StringBuilder();
        for (int i = 1; i <= 63; i++) {
            addrs.append(i == 1 ? "" : " ").append("10.0.0.").append(i);
        }
        byte[] most = v4("1, a., " + addrs);
        assertThat(most[5 + 3]).isEqualTo((byte) 252);
        assertThatThrownBy(() -> v4("1, a., " + addrs + " 10.0.0.64")).hasMessage(V4_PREFIX
                + "Addr Len=256 does not fit the 1-octet Addr Length field (63 IPv4 addresses at most)");
    }

    @Test
    void v6RefusalsOfKea3UnitTests() {
        String head = "100, dot1.example.org., 2001:db8::1 2001:db8::2, ";
        assertThatThrownBy(() -> v6(head + "alpn=dot=doq port=8530 dohpath=/q{?dns}")).hasMessage(V6_PREFIX
                + "Wrong Svc Params syntax - SvcParamKey=SvcParamValue pair syntax must be used");
        assertThatThrownBy(() -> v6(head + "ipv6hint=something port=8530 dohpath=/q{?dns}")).hasMessage(V6_PREFIX
                + "Wrong Svc Params syntax - key ipv6hint must not be used");
        assertThatThrownBy(() -> v6(head + "port=8530 port=1234 dohpath=/q{?dns}")).hasMessage(V6_PREFIX
                + "Wrong Svc Params syntax - key port is duplicated.");
        assertThatThrownBy(() -> v6("100, dot1.example.org., 10.0.2.3")).hasMessage(V6_PREFIX
                + "Cannot parse IPv6 address from given value: 10.0.2.3. Error: Given address is not IPv6 address.");
        // ADN missing: only a priority.
        assertThatThrownBy(() -> v6("100")).hasMessage(V6_PREFIX
                + "Option config requires at least comma separated Service Priority and ADN");
        assertThatThrownBy(() -> v6("1, a..b")).hasMessage(V6_PREFIX
                + "Cannot parse ADN FQDN from given value: a..b. Error: duplicate period in a..b");
        assertThatThrownBy(() -> v6("1, " + "x".repeat(64) + ".")).hasMessageEndingWith(
                "Error: label is too long in " + "x".repeat(64) + ".");
        // v6 has no instance separator: "a. | 2" is taken as the ADN (a label may hold spaces), "b." as the address.
        assertThatThrownBy(() -> v6("1, a. | 2, b.")).hasMessage(V6_PREFIX + "Cannot parse IPv6 address from given"
                + " value: b.. Error: Failed to convert string to address 'b.': Invalid argument");
    }

    @Test
    void v6WireDataAsKea3UnpacksIt() throws Exception {
        // onWireCtorAdnOnlyMode and onWireCtorSvcParamsIncluded: accepted; the ADN goes out lower-cased.
        String upper = "8001 0014 06 4d79686f7374 07 4578616d706c65 03 436f6d 00";
        assertThat(OptionValues.fromText(V6, upper.replace(" ", ""), false)).isEqualTo(Golden.hex("8001 0014" + MYHOST));
        String full = upper + "0010 20010db80001000000000000deadbeef 0001 0008 03646f74 03646f71";
        assertThat(OptionValues.fromText(V6, full.replace(" ", ""), false)).isEqualTo(Golden.hex("8001 0014" + MYHOST
                + "0010 20010db80001000000000000deadbeef 0001 0008 03646f74 03646f71"));
        String adn = "8001 0014 06 4d79686f7374 07 4578616d706c65 03 436f6d 00";
        String addr = "0010 20010db80001000000000000deadbeef";
        String alpn = "0001 0008 03646f74 03646f71";
        wire6("8001", "data truncated to size 2");
        wire6("8001 0002 0120", "Failed to parse fully qualified domain-name from wire format - incomplete wire-format"
                + " name");
        wire6("0001 0000", "Mandatory Authentication Domain Name fully qualified domain-name is missing");
        wire6("8001 0014 06 4d79686f7374", "failed to unpack ADN data - unable to parse the opaque data tuple, the"
                + " buffer length is 7, but the tuple length is 20");
        wire6(adn + "10", "after ADN field, there should be at least 2 bytes long Addr Length field");
        wire6(adn + "0000", "Addr Len=0 but it must contain at least one valid IP address");
        wire6(adn + "fffe", "Addr Len=65534 is not divisible by 16");
        wire6(adn + "0030 20010db80001000000000000deadbeef ff0200", "Addr Len=48 but IPv6 address(es) are truncated"
                + " to len=19");
        wire6(adn + addr + alpn + "0003 00", "DNR SvcParams data truncated to size 3");
        wire6(adn + addr + alpn + "0003 0002 01", "Wrong Svc Params syntax - failed to unpack SvcParamVal for"
                + " SvcParamKey port. Error: unable to parse the opaque data tuple, the buffer length is 1, but the"
                + " tuple length is 2");
        wire6(adn + addr + alpn + "0063 0002 0102", "Wrong Svc Params syntax - key 99 not found in SvcParamKeys"
                + " registry");
        wire6(adn + addr + alpn + "0004 0002 0102", "Wrong Svc Params syntax - key ipv4hint must not be used");
        wire6(adn + addr + alpn + "0005 0002 0102", "Wrong Svc Params syntax - key ech not supported in DNR option"
                + " SvcParams");
        wire6(adn + addr + alpn + "0001 0004 03646f74", "Wrong Svc Params syntax - key alpn is duplicated.");
        wire6(adn + addr + "0003 0002 1717 0001 0004 03646f74", "Wrong Svc Params syntax - SvcParamKeys SHALL"
                + " appear in increasing numeric order.");
    }

    @Test
    void v4WireDataAsKea3UnpacksIt() throws Exception {
        String one = "0018 0001 15" + MYHOST1;
        String mixed = one + "003a 0002 15" + MYHOST2
                + "08 c0a80001 c0a80002 0001 0003 026833 0003 0002 04d2 0007 0008 2f717b3f646e737d";
        assertThat(OptionValues.fromText(V4, mixed.replace(" ", ""), false)).isEqualTo(Golden.hex(mixed));
        assertThat(OptionValues.toText(V4, Golden.hex(mixed))).isEqualTo("1, myhost1.example.com. | 2, myhost2"
                + ".example.com., 192.168.0.1 192.168.0.2, alpn=h3 port=1234 dohpath=/q{?dns}");
        wire4(one + "003e", "DNR instance data truncated to size 2");
        wire4(one + "003e 0002 15", "DNR instance data truncated to size 3 but it was supposed to be 62");
        wire4(one + "0003 0002 15", "failed to unpack ADN data - unable to parse the opaque data tuple, the buffer"
                + " length is 0, but the tuple length is 21");
        wire4(one + "0004 0002 01 20", "Failed to parse fully qualified domain-name from wire format - incomplete"
                + " wire-format name");
        wire4(one + "0003 0002 00", "Mandatory Authentication Domain Name fully qualified domain-name is missing");
        wire4(one + "0019 0002 15" + MYHOST2 + "08", "failed to unpack IP Addresses data - unable to parse the opaque"
                + " data tuple, the buffer length is 0, but the tuple length is 8");
        wire4(one + "0019 0002 15" + MYHOST2 + "00", "Addr Len=0 but it must contain at least one valid IP address");
        wire4(one + "0020 0002 15" + MYHOST2 + "07 c0a80001 c0a800", "Addr Len=7 is not divisible by 4");
        // unpackvcParamsInvalidCharKey's vector: its instance length (39) cuts the alpn value short.
        wire4(one + "0027 0002 15" + MYHOST2 + "08 c0a80001 c0a80002 0001 0008 03646f74 03646f71 0063 0002 0102",
                "Wrong Svc Params syntax - failed to unpack SvcParamVal for SvcParamKey alpn. Error: unable to parse"
                        + " the opaque data tuple, the buffer length is 2, but the tuple length is 8");
        wire4(one + "0033 0002 15" + MYHOST2 + "08 c0a80001 c0a80002 0001 0008 03646f74 03646f71 0063 0002 0102",
                "Wrong Svc Params syntax - key 99 not found in SvcParamKeys registry");
    }

    @Test
    void wireTextRoundTrips() throws Exception {
        String text6 = "9, myhost.example.com., 2001:db8:1::baca, alpn=h3 port=1234 dohpath=/q{?dns}";
        assertThat(OptionValues.toText(V6, v6(text6))).isEqualTo(text6);
        assertThat(OptionValues.toText(V6, v6("200, resolver.example."))).isEqualTo("200, resolver.example.");
        assertThat(OptionValues.hasCsvText(V6, Golden.hex("0001 0000"))).isFalse();
    }

    @Test
    void logTextsAsKea3sToText() throws Exception {
        assertThat(DnrText.logText(v4("1, myhost1.example.com."), false, 0)).isEqualTo("type=162(V4_DNR), len=26,"
                + " DNR Instance 1(Instance len=24, service_priority=1, adn_length=21, adn='myhost1.example.com.')");
        assertThat(DnrText.logText(v4("1, myhost1.example.com. | 2, myhost2.example.com., 192.168.0.1 192.168.0.2, "
                + "alpn=h3 port=1234 dohpath=/q{?dns}"), false, 0)).isEqualTo("type=162(V4_DNR), len=86,"
                        + " DNR Instance 1(Instance len=24, service_priority=1, adn_length=21, adn='myhost1.example.com.'),"
                        + " DNR Instance 2(Instance len=58, service_priority=2, adn_length=21, adn='myhost2.example.com.',"
                        + " addr_length=8, address(es): 192.168.0.1 192.168.0.2, svc_params='alpn=h3 port=1234"
                        + " dohpath=/q{?dns}')");
        assertThat(DnrText.logText(v6("9, myhost.example.com., 2001:db8:1::baca, alpn=h3 port=1234 dohpath=/q{?dns}"),
                true, 4)).isEqualTo("    type=144(V6_DNR), len=67, service_priority=9, adn_length=20,"
                        + " adn='myhost.example.com.', addr_length=16, address(es): 2001:db8:1::baca,"
                        + " svc_params='alpn=h3 port=1234 dohpath=/q{?dns}'");
        // onWireCtorValidIpV6Addresses: the ADN read lower-cased, three addresses, no SvcParams.
        assertThat(DnrText.logText(Golden.hex("8001 0014 06 4d79686f7374 07 4578616d706c65 03 436f6d 00 0030"
                + "20010db80001000000000000deadbeef ff0200000000000000000000faceb00c ffffffffffffffffffffffffffffffff"),
                true, 0)).isEqualTo("type=144(V6_DNR), len=74, service_priority=32769, adn_length=20,"
                        + " adn='myhost.example.com.', addr_length=48, address(es): 2001:db8:1::dead:beef"
                        + " ff02::face:b00c ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
        assertThat(DnrText.logText(Golden.hex("0001 0000"), true, 0)).isNull();
    }

    private static void wire6(String hex, String reason) {
        assertThatThrownBy(() -> OptionValues.fromText(V6, hex.replace(" ", ""), false)).hasMessage(V6_PREFIX + reason);
    }

    private static void wire4(String hex, String reason) {
        assertThatThrownBy(() -> OptionValues.fromText(V4, hex.replace(" ", ""), false)).hasMessage(V4_PREFIX + reason);
    }
}
