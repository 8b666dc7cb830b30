package ruru.dhcp4.config;

import static org.assertj.core.api.Assertions.assertThat;
import static ruru.dhcp4.config.KeaVerdictsTest.q;
import static ruru.dhcp4.config.KeaVerdictsTest.row;

import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import ruru.dhcp.config.OptionValue;
import ruru.dhcp.config.OptionResolver;

/** option-data and option-def: Kea 2.2's verdicts, encodings and Kea's option precedence. */
class OptionsTest {

    static Stream<Arguments> refused() {
        return Stream.of(
                row("`option-data`:[{`name`:`foo-bar`,`data`:`1`}]",
                        "definition for the option 'dhcp4.foo-bar' having code '0' does not exist (t.json:2:24)"),
                row("`option-data`:[{`data`:`1`}]",
                        "option data configuration requires one of 'code' or 'name' parameters to be specified (t.json:2:16)"),
                row("`option-data`:[{`name`:`routers`,`data`:`192.0.2.x`}]",
                        "option data does not match option definition (space: dhcp4, code: 3): Failed to convert string to address '192.0.2.x': Invalid argument (t.json:2:41)"),
                row("`option-data`:[{`code`:3,`data`:`C00002`,`csv-format`:false}]",
                        "option data does not match option definition (space: dhcp4, code: 3): DHCPv4 Option4AddrLst 3 has invalid length=3, must be divisible by 4. (t.json:2:33)"),
                // Kea 2.2 takes an option without definition only as hex (csv-format false).
                row("`option-data`:[{`code`:222,`data`:`01 02`}]",
                        "definition for the option 'dhcp4.' having code '222' does not exist (t.json:2:16)"),
                row("`option-data`:[{`code`:222,`data`:`zz`,`csv-format`:false}]",
                        "option data is not a valid string of hexadecimal digits: zz (t.json:2:35)"),
                row("`option-data`:[{`code`:256,`data`:`01`}]", "invalid option code '256', it must not be greater than '255' (t.json:2:24)"),
                row("`option-data`:[{`code`:-1,`data`:`01`}]", "invalid option code '4294967295', it must not be greater than '255' (t.json:2:24)"),
                row("`option-data`:[{`code`:0,`data`:`01`,`csv-format`:false}]", "invalid option code '0': reserved for PAD (t.json:2:16)"),
                row("`option-data`:[{`name`:`routers`,`code`:4,`data`:`192.0.2.1`}]",
                        "specified option name 'routers' does not match the option definition: 'dhcp4.time-servers' (t.json:2:24)"),
                row("`option-data`:[{`name`:`routers`,`data`:`192.0.2.1`,`space`:`foo`}]",
                        "definition for the option 'foo.routers' having code '0' does not exist (t.json:2:24)"),
                row("`option-data`:[{`name`:`routers`,`data`:`192.0.2.1`,`space`:``}]", "invalid option space name '' (t.json:2:61)"),
                row("`option-data`:[{`name`:`domain-name`,`data`:``}]",
                        "option data does not match option definition (space: dhcp4, code: 15): no option value specified (t.json:2:45)"),
                row("`option-def`:[{`name`:`foo`,`code`:222,`type`:`uint8`}],`option-data`:[{`name`:`foo`,`data`:`300`}]",
                        "option data does not match option definition (space: dhcp4, code: 222): unable to convert '300' to numeric type. This value is expected to be in the range of 0..255 (t.json:2:93)"),
                row("`option-def`:[{`name`:`foo`,`code`:222,`type`:`bogus`}]", "option type 18 not supported. (t.json:2:15)"),
                row("`option-def`:[{`name`:`foo`,`code`:3,`type`:`uint8`}]",
                        "unable to override definition of option '3' in standard option space 'dhcp4' (t.json:2:15)"),
                row("`option-def`:[{`name`:`foo`,`code`:222,`type`:`uint8`},{`name`:`foo`,`code`:223,`type`:`uint8`}]",
                        "option definition with name 'foo' already exists in option space 'dhcp4' (t.json:2:56)"),
                row("`option-def`:[{`code`:222,`type`:`uint8`}]", "missing parameter 'name' (t.json:2:15)"),
                row("`option-def`:[{`name`:`foo`,`code`:222,`type`:`record`}]",
                        "invalid number of data fields: 0 specified for the option of type 'record'. Expected at least 2 fields. (t.json:2:15)"),
                row("`option-def`:[{`name`:`foo bar`,`code`:222,`type`:`uint8`}]", "invalid option name 'foo bar' (t.json:2:15)"),
                row("`option-def`:[{`name`:`foo`,`code`:256,`type`:`uint8`}]", "invalid option code '256', it must not be greater than '255' (t.json:2:36)"),
                row("`option-def`:[{`name`:`foo`,`code`:0,`type`:`uint8`}]", "invalid option code '0': reserved for PAD (t.json:2:36)"),
                row("`option-def`:[{`name`:`foo`,`code`:255,`type`:`uint8`}]", "invalid option code '255': reserved for END (t.json:2:36)"),
                row("`option-def`:[{`name`:`foo`,`code`:222,`type`:`record`,`record-types`:`uint8, bogus`}]",
                        "invalid record type values specified for the option definition: attempted to add invalid data type 'unknown' to the record. (t.json:2:71)"));
    }

    @ParameterizedTest
    @MethodSource("refused")
    void refusedAsKeaRefusesIt(String body, String expected) throws Exception {
        assertThat(Configs.errorBare(body)).isEqualTo(expected);
    }

    static String hex(OptionValue v) {
        return HexFormat.of().formatHex(v.data());
    }

    @Test
    void encodesByDefinitionHexAndCustomDefinitions() throws Exception {
        Dhcp4ServiceConfig c = Configs.parseBare(q("`option-def`:[{`name`:`foo`,`code`:222,`type`:`uint8`,`space`:`isc`}],"
                + "`option-data`:[{`name`:`routers`,`data`:`192.0.2.1, 192.0.2.2`,`always-send`:true},"
                + "{`code`:3,`data`:`C0000201`,`csv-format`:false,`never-send`:true},"
                + "{`code`:222,`data`:`0102`,`csv-format`:false},{`name`:`foo`,`space`:`isc`,`data`:`7`}]"));
        List<OptionValue> g = c.globalOptions();
        assertThat(g).extracting(OptionValue::code).containsExactly(3, 3, 222, 222);
        assertThat(hex(g.get(0))).isEqualTo("c0000201c0000202");
        assertThat(g.get(0).alwaysSend()).isTrue();
        assertThat(hex(g.get(1))).isEqualTo("c0000201");
        assertThat(g.get(1).neverSend()).isTrue();
        assertThat(hex(g.get(2))).isEqualTo("0102");
        assertThat(g.get(3).space()).isEqualTo("isc");
        assertThat(hex(g.get(3))).isEqualTo("07");
        assertThat(c.optionDefinitions().byName("isc", "foo")).isPresent();
    }

    @Test
    void precedenceGlobalNetworkSubnetPoolReservation() throws Exception {
        String opt = "{`name`:`routers`,`data`:`%s`}";
        String ns = "{`name`:`domain-name-servers`,`data`:`%s`}";
        Dhcp4ServiceConfig c = Configs.parseBare(q("`option-data`:[" + opt.formatted("10.0.0.1") + "," + ns.formatted("10.0.0.53")
                + "],`shared-networks`:[{`name`:`n`,`option-data`:[" + opt.formatted("10.0.0.2") + "],`subnet4`:["
                + "{`id`:1,`subnet`:`10.0.0.0/24`,`option-data`:[" + opt.formatted("10.0.0.3") + "],"
                + "`pools`:[{`pool`:`10.0.0.10-10.0.0.20`,`option-data`:[" + opt.formatted("10.0.0.4") + "]}],"
                + "`reservations`:[{`hw-address`:`01:02:03:04:05:06`,`option-data`:[" + opt.formatted("10.0.0.5") + "]}]},"
                + "{`id`:2,`subnet`:`10.0.1.0/24`}]}],`subnet4`:[{`id`:3,`subnet`:`10.0.2.0/24`}]"));
        Subnet4 s1 = c.subnetById(1).orElseThrow();
        // level:            global     network    subnet     pool       reservation
        // subnet 1 routers  10.0.0.1   10.0.0.2   10.0.0.3   10.0.0.4   10.0.0.5
        assertThat(routers(s1.options())).isEqualTo("0a000003");
        assertThat(routers(c.subnetById(2).orElseThrow().options())).isEqualTo("0a000002");
        assertThat(routers(c.subnetById(3).orElseThrow().options())).isEqualTo("0a000001");
        assertThat(s1.options()).extracting(OptionValue::code).containsExactly(3, 6);
        assertThat(s1.networkOptions()).extracting(OptionValue::code).containsExactly(3);
        List<OptionValue> forClient = OptionResolver.resolve(List.of(c.globalOptions(), s1.networkOptions(),
                s1.pools().getFirst().options(), s1.reservations().getFirst().options()));
        assertThat(routers(forClient)).isEqualTo("0a000005");
        assertThat(routers(OptionResolver.resolve(List.of(s1.options(), s1.pools().getFirst().options()))))
                .isEqualTo("0a000004");
        assertThat(forClient).extracting(OptionValue::code).containsExactly(3, 6);
    }

    @Test
    void resolverKeepsEveryInstanceOfTheWinningLevel() {
        OptionValue low = new OptionValue("dhcp4", 3, new byte[] {1}, false, false);
        OptionValue high1 = new OptionValue("dhcp4", 3, new byte[] {2}, false, false);
        OptionValue high2 = new OptionValue("dhcp4", 3, new byte[] {3}, true, false);
        OptionValue other = new OptionValue("isc", 3, new byte[] {4}, false, false);
        assertThat(OptionResolver.resolve(List.of(List.of(low, other), List.of(high1, high2))))
                .containsExactly(high1, high2, other);
        assertThat(OptionResolver.resolve(List.of())).isEmpty();
    }

    private static String routers(List<OptionValue> options) {
        return options.stream().filter(o -> o.code() == 3).map(OptionsTest::hex).reduce("", String::concat);
    }
}
