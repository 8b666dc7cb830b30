package ruru.wire.v4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static ruru.wire.v4.OptionDataType.*;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import ruru.wire.WireFormatException;

/** Each data type's text form both ways, with Kea's rules and texts. */
class OptionValuesTest {

    private static OptionDefinition def(OptionDataType type, boolean array) {
        return OptionDefinition.of("opt", 200, "s", type, array);
    }

    private static byte[] parse(OptionDataType type, boolean array, String text) throws WireFormatException {
        return OptionValues.fromText(def(type, array), text, true);
    }

    @ParameterizedTest(name = "{0} ''{1}'' -> {2} -> ''{3}''")
    @CsvSource(delimiter = '|', value = {
        "binary       | 0a0B ff        | 0a0bff             | 0a0bff",
        "binary       | 1A BB AD       | 1abbad             | 1abbad",
        "binary       | 01:02:0a       | 01020a             | 01020a",
        "boolean      | true           | 01                 | true",
        "boolean      | FALSE          | 00                 | false",
        "boolean      | 1              | 01                 | true",
        "fqdn         | example.com.   | 076578616d706c6503636f6d00 | example.com.",
        "fqdn         | example.com    | 076578616d706c6503636f6d00 | example.com.",
        "ipv4-address | 192.0.2.1      | c0000201           | 192.0.2.1",
        "ipv6-address | 2001:db8::1    | 20010db8000000000000000000000001 | 2001:db8::1",
        "ipv6-prefix  | 2001:db8::/64  | 4020010db800000000 | 2001:db8::/64",
        "ipv6-prefix  | 2001:db8:ff::/36 | 2420010db800     | 2001:db8::/36",
        "psid         | 3/4            | 043000             | 3/4",
        "psid         | 0/0            | 000000             | 0/0",
        "string       | hello world    | 68656c6c6f20776f726c64 | hello world",
        "string       | a\\,b          | 612c62             | a\\,b",
        "tuple        | abc            | 03616263           | abc",
        "uint8        | 255            | ff                 | 255",
        "uint8        | 0x1f           | 1f                 | 31",
        "uint8        | ff             | ff                 | 255",
        "uint16       | 65535          | ffff               | 65535",
        "uint32       | 4294967295     | ffffffff           | 4294967295",
        "int8         | -128           | 80                 | -128",
        "int16        | -2             | fffe               | -2",
        "int32        | -25200         | ffff9d90           | -25200",
    })
    void singleValues(String type, String text, String hex, String back) throws Exception {
        OptionDataType t = OptionDataType.byKeaName(type).orElseThrow();
        byte[] bytes = parse(t, false, text.replace("\\\\", "\\"));
        assertThat(bytes).isEqualTo(Golden.hex(hex));
        assertThat(OptionValues.toText(def(t, false), bytes)).isEqualTo(back.replace("\\\\", "\\"));
    }

    @Test
    void arrays() throws Exception {
        assertThat(parse(IPV4_ADDRESS, true, "192.0.2.1, 192.0.2.2")).isEqualTo(Golden.hex("c0000201c0000202"));
        assertThat(parse(UINT16, true, "1,2,,3")).isEqualTo(Golden.hex("000100020003"));
        assertThat(parse(FQDN, true, "a.b, c")).isEqualTo(Golden.hex("0161016200 016300"));
        assertThat(parse(TUPLE, true, "x, yz")).isEqualTo(Golden.hex("0178 02797a"));
        assertThat(OptionValues.toText(def(IPV4_ADDRESS, true), Golden.hex("c0000201c0000202")))
                .isEqualTo("192.0.2.1, 192.0.2.2");
        assertThat(parse(UINT8, true, "")).isEmpty();
    }

    @Test
    void records() throws Exception {
        OptionDefinition rec = new OptionDefinition("r", 201, "s", RECORD, false, List.of(UINT8, IPV4_ADDRESS, STRING), "");
        assertThat(OptionValues.fromText(rec, "7, 10.0.0.1, text", true)).isEqualTo(Golden.hex("07 0a000001 74657874"));
        assertThat(OptionValues.toText(rec, Golden.hex("07 0a000001 74657874"))).isEqualTo("7, 10.0.0.1, text");
        // Kea ignores values beyond the fields of a non-array record.
        assertThat(OptionValues.fromText(rec, "7, 10.0.0.1, text, extra", true)).isEqualTo(Golden.hex("07 0a000001 74657874"));
        assertThatThrownBy(() -> OptionValues.fromText(rec, "7, 10.0.0.1", true)).hasMessage(
                "option data does not match option definition (space: s, code: 201): number of data fields for the"
                        + " option type '201' is greater than number of values provided.");
        OptionDefinition arr = new OptionDefinition("a", 202, "s", RECORD, true, List.of(BOOLEAN, IPV4_ADDRESS), "");
        assertThat(OptionValues.fromText(arr, "true, 192.0.2.1, 192.0.2.2", true)).isEqualTo(Golden.hex("01 c0000201 c0000202"));
        assertThat(OptionValues.toText(arr, Golden.hex("01 c0000201 c0000202"))).isEqualTo("true, 192.0.2.1, 192.0.2.2");
    }

    @Test
    void emptyAndEncapsulating() throws Exception {
        OptionDefinition empty = def(EMPTY, false);
        assertThat(OptionValues.fromText(empty, "", true)).isEmpty();
        assertThatThrownBy(() -> OptionValues.fromText(empty, "x", true)).hasMessageContaining(
                "attempt to write invalid option data field type into the option buffer");
        OptionDefinition agent = OptionDefinitions.standardV4().byCode("dhcp4", 82).orElseThrow();
        assertThat(OptionValues.fromText(agent, "", true)).isEmpty();
        assertThat(OptionValues.fromText(agent, "0103616263", false)).isEqualTo(Golden.hex("0103616263"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "uint8   | 256  | unable to convert '256' to numeric type. This value is expected to be in the range of 0..255",
        "uint8   | -1   | unable to convert '-1' to numeric type. This value is expected to be in the range of 0..255",
        "int8    | 128  | unable to convert '128' to numeric type. This value is expected to be in the range of -128..127",
        "uint16  | abcx | unable to convert the value 'abcx' to integer data type",
        "boolean | yes  | unable to covert the value 'yes' to boolean data type",
        "boolean | 2    | unable to convert '2' to boolean data type",
        "ipv4-address | 192.0.2 | Failed to convert string to address '192.0.2': Invalid argument",
        "psid    | 3    | provided PSID value 3 is not valid",
        "psid    | 16/4 | invalid PSID value 16 for a specified PSID length 4",
        "ipv6-prefix | 2001:db8:: | provided address/prefix 2001:db8:: is not valid.",
        "fqdn    | a..b | empty label in domain name 'a..b'",
        "binary  | 0g   | unable to cast 0g to binary data type",
    })
    void errors(String type, String text, String message) {
        OptionDataType t = OptionDataType.byKeaName(type).orElseThrow();
        assertThatThrownBy(() -> parse(t, false, text)).isInstanceOf(WireFormatException.class)
                .hasMessageStartingWith("option data does not match option definition (space: s, code: 200): ")
                .hasMessageContaining(message);
    }

    @Test
    void noValue() {
        assertThatThrownBy(() -> parse(UINT8, false, "")).hasMessageEndingWith("no option value specified");
        assertThatThrownBy(() -> parse(UINT8, false, " , ")).hasMessageEndingWith("unable to convert the value '' to integer data type");
    }

    @Test
    void stringTakesOnlyTheFirstTokenAsKeaDoes() throws Exception {
        assertThat(parse(STRING, false, "a, b")).isEqualTo("a".getBytes());
        assertThat(parse(STRING, false, "a\\, b")).isEqualTo("a, b".getBytes());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0a0b       | 0a0b",
        "0x0a0b     | 0a0b",
        "a0b        | 0a0b",
        "0A 0B      | 0a0b",
        "0a:b       | 0a0b",
        "1:2:3      | 010203",
        "''         | ''",
    })
    void hexForms(String text, String hex) throws Exception {
        assertThat(OptionValues.fromHex(text)).isEqualTo(Golden.hex(hex));
        assertThat(OptionValues.fromText(def(BINARY, false), text, false)).isEqualTo(Golden.hex(hex));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"0a::0b", "0a:0bc", "zz", "0a 0g"})
    void badHex(String text) {
        assertThatThrownBy(() -> OptionValues.fromHex(text)).isInstanceOf(WireFormatException.class)
                .hasMessage("option data is not a valid string of hexadecimal digits: " + text);
    }

    @Test
    void hexDataStillHasToFitTheDefinition() {
        OptionDefinition lease = OptionDefinitions.standardV4().byName("dhcp4", "dhcp-lease-time").orElseThrow();
        assertThatThrownBy(() -> OptionValues.fromText(lease, "0102", false))
                .hasMessageStartingWith("option data does not match option definition (space: dhcp4, code: 51)");
        assertThatThrownBy(() -> OptionValues.fromText(lease, "0102030405", false))
                .hasMessageContaining("left over");
    }

    @Test
    void toTextFallsBackToHex() {
        assertThat(OptionValues.toText(def(IPV4_ADDRESS, false), Golden.hex("0102"))).isEqualTo("0102");
        assertThat(OptionValues.hasCsvText(def(IPV4_ADDRESS, false), Golden.hex("0102"))).isFalse();
        assertThat(OptionValues.toText(def(STRING, false), Golden.hex("ff"))).isEqualTo("ff");
    }

    @Test
    void standardSpecialForms() throws Exception {
        OptionDefinitions std = OptionDefinitions.standardV4();
        OptionDefinition csr = std.byName("dhcp4", "classless-static-route").orElseThrow();
        byte[] routes = OptionValues.fromText(csr, "0.0.0.0/0 - 10.0.0.1, 10.0.0.0/8 - 10.0.0.2", true);
        assertThat(routes).isEqualTo(Golden.hex("00 0a000001 08 0a 0a000002"));
        assertThat(OptionValues.toText(csr, routes)).isEqualTo("0.0.0.0/0 - 10.0.0.1, 10.0.0.0/8 - 10.0.0.2");
        OptionDefinition dnr = std.byName("dhcp4", "v4-dnr").orElseThrow();
        String text = "1, resolver.example., 10.2.3.4 10.0.4.5, alpn=dot\\,doq dohpath=/q{?dns} | 3, b.example.";
        byte[] wire = OptionValues.fromText(dnr, text, true);
        assertThat(OptionValues.toText(dnr, wire)).isEqualTo(text);
        OptionDefinition vivco = std.byName("dhcp4", "vivco-suboptions").orElseThrow();
        assertThat(OptionValues.fromText(vivco, "4491, 03 61 62 63", true)).isEqualTo(Golden.hex("0000118b 03616263"));
        OptionDefinition sixrd = std.byName("dhcp4", "option-6rd").orElseThrow();
        assertThat(OptionValues.toText(sixrd, OptionValues.fromText(sixrd, "24, 96, 2001:db8::f001, 192.0.2.72", true)))
                .isEqualTo("24, 96, 2001:db8::f001, 192.0.2.72");
    }
}
