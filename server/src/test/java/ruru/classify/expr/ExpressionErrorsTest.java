package ruru.classify.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import ruru.wire.v4.OptionDefinition;
import ruru.wire.v4.OptionDefinitions;

/**
 * Every row was run through kea-dhcp4 2.2.0 -t as the test of a class named "a" (the only class):
 * the expected text is what Kea printed between "error: " and " at (file:line:col)".
 */
class ExpressionErrorsTest {

    static final ExpressionEnvironment V4 = env(Universe.V4, Set.of());

    static ExpressionEnvironment env(Universe u, Set<String> classes) {
        return new ExpressionEnvironment() {
            @Override
            public Universe universe() {
                return u;
            }

            @Override
            public OptionalInt optionCode(String name) {
                return OptionDefinitions.standardV4().byName("dhcp4", name).map(OptionDefinition::code)
                        .map(OptionalInt::of).orElse(OptionalInt.empty());
            }

            @Override
            public boolean classDefined(String name) {
                return classes.contains(name) || name.equals("ALL") || name.equals("KNOWN")
                        || name.equals("UNKNOWN") || name.equals("BOOTP")
                        || (name.startsWith("HA_") && name.length() > 3);
            }
        };
    }

    static Stream<Arguments> kea22() {
        return Stream.of(
                Arguments.of("known", "<string>:1.1: Invalid character: k"),
                Arguments.of("option[61].hex", "<string>:1.15: syntax error, unexpected end of file, expecting == or +"),
                Arguments.of("member('b')", "<string>:1.8-10: Not defined client class 'b'"),
                Arguments.of("member('a b')", "<string>:1.8-12: Not defined client class 'a b'"),
                Arguments.of("option[300].exists", "<string>:1.8-10: Option code has invalid value in 300. Allowed range: 0..255"),
                Arguments.of("relay6[0].peeraddr == 'a'", "<string>:1.8: Nest level invalid for DHCPv4 packets"),
                Arguments.of("relay6[40].peeraddr == 'a'", "<string>:1.8-9: Nest level invalid for DHCPv4 packets"),
                Arguments.of("pkt6.transid == 1", "<string>:1.1-4: pkt6 can only be used in DHCPv6."),
                Arguments.of("vendor[-1].exists", "<string>:1.8-9: Invalid value in -1. Allowed range: 0..4294967295"),
                Arguments.of("vendor-class[4491].data[300] == 'a'", "<string>:1.25-27: Invalid value in 300. Allowed range: 0..255"),
                Arguments.of("vendor-class[1].data[-1] == 'a'", "<string>:1.22-23: Invalid value in -1. Allowed range: 0..255"),
                Arguments.of("option[foo-bar].exists", "<string>:1.8-14: option 'foo-bar' is not defined"),
                Arguments.of("option[abc].exists", "<string>:1.8-10: option 'abc' is not defined"),
                Arguments.of("10.0.0.300 == 'a'", "<string>:1.1-10: Failed to convert 10.0.0.300 to an IP address."),
                Arguments.of("'a' == 99999999999", "<string>:1.8-18: Invalid value in 99999999999. Allowed range: 0..4294967295"),
                Arguments.of("'a' == 99999999999999999999", "<string>:1.8-27: Failed to convert 99999999999999999999 to an integer."),
                Arguments.of("option[99999999999999].exists", "<string>:1.8-21: Option code has invalid value in 99999999999999"),
                Arguments.of("option[256].exists", "<string>:1.8-10: Option code has invalid value in 256. Allowed range: 0..255"),
                Arguments.of("option[-1].exists", "<string>:1.8-9: Option code has invalid value in -1. Allowed range: 0..255"),
                Arguments.of("relay4[256].exists", "<string>:1.8-10: Option code has invalid value in 256. Allowed range: 0..255"),
                Arguments.of("vendor[*].option[300].exists", "<string>:1.18-20: Option code has invalid value in 300. Allowed range: 0..255"),
                Arguments.of("0x == 'a'", "<string>:1.2: Invalid character: x"),
                Arguments.of("pkt4.foo", "<string>:1.6: Invalid character: f"),
                Arguments.of("('a' == 'b'", "<string>:1.12: syntax error, unexpected end of file, expecting ) or and or or"),
                Arguments.of("(option[61].exists", "<string>:1.19: syntax error, unexpected end of file, expecting ) or and or or"),
                Arguments.of("'a' == ('b'", "<string>:1.12: syntax error, unexpected end of file, expecting ) or +"),
                Arguments.of("option[61].", "<string>:1.12: syntax error, unexpected end of file, expecting option or text or hex or exists"),
                Arguments.of("option[61]", "<string>:1.11: syntax error, unexpected end of file, expecting ."),
                Arguments.of("pkt4.msgtype", "<string>:1.13: syntax error, unexpected end of file, expecting == or +"),
                Arguments.of("substring('a', 'b', 1) == 'a'", "<string>:1.16-18: syntax error, unexpected constant string, expecting integer"),
                Arguments.of("substring('a', 0, 'b') == 'a'", "<string>:1.19-21: syntax error, unexpected constant string, expecting all or integer"),
                Arguments.of("split('a', 'b', 'c') == 'a'", "<string>:1.17-19: syntax error, unexpected constant string, expecting integer"),
                Arguments.of("option[61].text == ", "<string>:1.20: syntax error, unexpected end of file"),
                Arguments.of("== 'a'", "<string>:1.1-2: syntax error, unexpected =="),
                Arguments.of("'a' == 'b' and", "<string>:1.15: syntax error, unexpected end of file"),
                Arguments.of("'a' == 'b' 'c'", "<string>:1.12-14: syntax error, unexpected constant string, expecting end of file"),
                Arguments.of("'a' ==\t'b' 'c'", "<string>:1.12-14: syntax error, unexpected constant string, expecting end of file"),
                Arguments.of("'a' == 'a' or", "<string>:1.14: syntax error, unexpected end of file"),
                Arguments.of("member", "<string>:1.7: syntax error, unexpected end of file, expecting ("),
                Arguments.of("member(", "<string>:1.8: syntax error, unexpected end of file, expecting constant string"),
                Arguments.of("member('ALL'", "<string>:1.13: syntax error, unexpected end of file, expecting )"),
                Arguments.of("member('ALL') and member('ALL') or member('ALL') and", "<string>:1.53: syntax error, unexpected end of file"),
                Arguments.of("'a' == 'b' == 'c'", "<string>:1.12-13: syntax error, unexpected ==, expecting end of file"),
                Arguments.of("", "<string>:1.1: syntax error, unexpected end of file"),
                Arguments.of("'a' == 'a'\r", "<string>:1.11: Invalid character: \r"),
                Arguments.of("'a' ==\n 'a' +\n", "<string>:3.1: syntax error, unexpected end of file"),
                Arguments.of("member(\"ALL\")", "<string>:1.8: Invalid character: \""),
                // 3.0 spellings are errors in 2.2; ruru reads them as 3.0 does, so only the 2.2 error of an
                // expression without them is compared.
                Arguments.of("lcase('A') == 'a' 'b'", "<string>:1.19-21: syntax error, unexpected constant string, expecting end of file"));
    }

    @ParameterizedTest
    @MethodSource("kea22")
    void errorsAreKea22s(String expression, String expected) {
        ExpressionException e = catchThrowableOfType(ExpressionException.class, () -> Expression.bool(expression, V4));
        assertThat(e).as(expression).isNotNull();
        assertThat(e.getMessage()).isEqualTo(expected);
    }

    static Stream<String> valid() {
        return Stream.of("option[ host-name ].exists", "option[host-name ].exists", "option[host-name\n].exists",
                "'a'=='a'", "option[ 61 ].exists", "ifelse(member('ALL'),'a','b') == 'a'", "'a' + 'b' == 'ab'",
                "'ab' == 'a' + 'b'", "not 'a' == 'b'", "fe80::1 == 'a'", "::1 == 'a'",
                "vendor[4491].option[1].exists", "vendor.enterprise == 4491", "vendor-class.enterprise == 4491",
                "vendor-class[*].exists", "relay4[2].hex == 'a'", "pkt.iface == 'lo'",
                "hexstring(pkt4.mac, ':') == 'a'", "member('HA_server1')", "member('KNOWN') or member('UNKNOWN')",
                "option[vendor-encapsulated-options].exists", "option[dhcp-agent-options].option[1].exists",
                "substring('a', 99999999999, 1) == 'a'", "split('a.b', '.', 2) == 'b'",
                "uint32totext(pkt4.transid) == '1'", "addrtotext(pkt4.giaddr) == '127.0.0.2'",
                // Kea 3.0 additions
                "lcase('A') == 'a'", "ucase(option[60].text) == 'PXE'", "match('foo.*', 'foobar')",
                "member('ALL') sand member('ALL') sor not member('ALL')", "sifelse(member('ALL'), 'a', 'b') == 'a'");
    }

    @ParameterizedTest
    @MethodSource("valid")
    void validExpressionsCompile(String expression) {
        assertThatCode(() -> Expression.bool(expression, V4)).doesNotThrowAnyException();
    }

    @Test
    void kea30ErrorsUseKea30Grammar() {
        ExpressionException e = catchThrowableOfType(ExpressionException.class,
                () -> Expression.bool("lcase('A' == 'a'", V4));
        assertThat(e.getMessage()).isEqualTo("<string>:1.11-12: syntax error, unexpected ==, expecting ) or +");
        e = catchThrowableOfType(ExpressionException.class, () -> Expression.bool("match('(', 'a')", V4));
        assertThat(e.getMessage()).startsWith("<string>:1.7-9: invalid regular expression '(': ");
    }

    @Test
    void v6TokensInV6AndV4TokensRefused() {
        ExpressionEnvironment v6 = env(Universe.V6, Set.of());
        assertThatCode(() -> Expression.bool("relay6[0].peeraddr == 'a' and pkt6.msgtype == 1", v6))
                .doesNotThrowAnyException();
        assertThatCode(() -> Expression.bool("relay6[-1].option[18].exists", v6)).doesNotThrowAnyException();
        assertThat(catchThrowableOfType(ExpressionException.class, () -> Expression.bool("pkt4.mac == 'a'", v6))
                .getMessage()).isEqualTo("<string>:1.1-4: pkt4 can only be used in DHCPv4.");
        assertThat(catchThrowableOfType(ExpressionException.class, () -> Expression.bool("relay4[1].exists", v6))
                .getMessage()).isEqualTo("<string>:1.1-6: relay4 can only be used in DHCPv4.");
        assertThat(catchThrowableOfType(ExpressionException.class, () -> Expression.bool("relay6[32].peeraddr == 'a'",
                v6)).getMessage()).isEqualTo("<string>:1.8-9: Nest level has invalid value in 32. Allowed range: -32..31");
        assertThat(catchThrowableOfType(ExpressionException.class, () -> Expression.bool("option[65536].exists", v6))
                .getMessage()).isEqualTo("<string>:1.8-12: Option code has invalid value in 65536. Allowed range: 0..65535");
    }

    @Test
    void templateTestsAreStringExpressions() {
        assertThatCode(() -> Expression.string("substring(option[61].hex, 0, all)", V4)).doesNotThrowAnyException();
        assertThat(catchThrowableOfType(ExpressionException.class, () -> Expression.string("relay4[2].exists", V4))
                .getMessage()).isEqualTo("<string>:1.11-16: syntax error, unexpected exists, expecting text or hex");
    }
}
