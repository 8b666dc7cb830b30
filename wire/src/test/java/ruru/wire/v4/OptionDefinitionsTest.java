package ruru.wire.v4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static ruru.wire.v4.OptionDataType.*;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import ruru.wire.WireFormatException;

class OptionDefinitionsTest {

    private final OptionDefinitions std = OptionDefinitions.standardV4();

    @Test
    void standardNamesUsersWrite() {
        assertThat(std.byName("dhcp4", "routers")).hasValueSatisfying(d -> {
            assertThat(d.code()).isEqualTo(3);
            assertThat(d.type()).isEqualTo(IPV4_ADDRESS);
            assertThat(d.array()).isTrue();
        });
        assertThat(std.byCode("dhcp4", 6).orElseThrow().name()).isEqualTo("domain-name-servers");
        assertThat(std.byCode("dhcp4", 15).orElseThrow().name()).isEqualTo("domain-name");
        assertThat(std.byCode("dhcp4", 51).orElseThrow().name()).isEqualTo("dhcp-lease-time");
        assertThat(std.byCode("dhcp4", 125).orElseThrow().name()).isEqualTo("vivso-suboptions");
        assertThat(std.byCode("dhcp4", 121).orElseThrow().name()).isEqualTo("classless-static-route");
        assertThat(std.byName("dhcp4", "vendor-encapsulated-options").orElseThrow().encapsulate())
                .isEqualTo("vendor-encapsulated-options-space");
        assertThat(std.byName("dhcp4", "dhcp-agent-options").orElseThrow().encapsulate())
                .isEqualTo("dhcp-agent-options-space");
        assertThat(std.byName("dhcp-agent-options-space", "link-selection").orElseThrow().code()).isEqualTo(5);
        assertThat(std.byName("dhcp-agent-options-space", "circuit-id").orElseThrow().type()).isEqualTo(BINARY);
        assertThat(std.byName("dhcp4", "slp-directory-agent").orElseThrow().recordTypes())
                .containsExactly(BOOLEAN, IPV4_ADDRESS);
        assertThat(std.byName("docsis3-v4", "tftp-servers").orElseThrow().code()).isEqualTo(2);
        assertThat(std.byName("vendor-4491", "oro").orElseThrow().code()).isEqualTo(1);
        assertThat(std.inSpace("dhcp4")).hasSizeGreaterThan(120);
        assertThat(std.byCode("dhcp4", 250)).isEmpty();
        assertThat(std.byCode("nowhere", 1)).isEmpty();
    }

    @Test
    void customDefinitionsAreFoundAndOption43MayBeRedefined() throws Exception {
        OptionDefinitions defs = std.withCustom(List.of(
                OptionDefinition.of("my-option", 250, "dhcp4", UINT32, false),
                OptionDefinition.of("vendor-encapsulated-options", 43, "dhcp4", BINARY, false),
                OptionDefinition.of("foo", 1, "my-space", STRING, false)));
        assertThat(defs.byName("dhcp4", "my-option").orElseThrow().code()).isEqualTo(250);
        assertThat(defs.byCode("dhcp4", 43).orElseThrow().type()).isEqualTo(BINARY);
        assertThat(defs.byCode("my-space", 1).orElseThrow().name()).isEqualTo("foo");
        assertThat(defs.custom()).hasSize(3);
        assertThat(std.byCode("dhcp4", 43).orElseThrow().type()).isEqualTo(EMPTY);
    }

    @Test
    void conflicts() throws Exception {
        assertThatThrownBy(() -> std.withCustom(List.of(OptionDefinition.of("x", 99, "dhcp4", BINARY, false))))
                .hasMessage("unable to override definition of option '99' in standard option space 'dhcp4'");
        assertThatThrownBy(() -> std.withCustom(List.of(OptionDefinition.of("routers", 250, "dhcp4", BINARY, false))))
                .hasMessage("unable to override definition of option 'routers' in standard option space 'dhcp4'");
        assertThatThrownBy(() -> std.withCustom(List.of(
                OptionDefinition.of("x", 5, "dhcp-agent-options-space", BINARY, false))))
                .hasMessage("unable to override definition of option '5' in standard option space 'dhcp-agent-options-space'");
        assertThatThrownBy(() -> std.withCustom(List.of(OptionDefinition.of("a", 1, "s", UINT8, false),
                OptionDefinition.of("b", 1, "s", UINT8, false))))
                .hasMessage("option definition with code '1' already exists in option space 's'");
        assertThatThrownBy(() -> std.withCustom(List.of(OptionDefinition.of("a", 1, "s", UINT8, false),
                OptionDefinition.of("a", 2, "s", UINT8, false))))
                .hasMessage("option definition with name 'a' already exists in option space 's'");
        OptionDefinitions once = std.withCustom(List.of(OptionDefinition.of("a", 1, "s", UINT8, false)));
        assertThatThrownBy(() -> once.withCustom(List.of(OptionDefinition.of("a", 3, "s", UINT8, false))))
                .isInstanceOf(WireFormatException.class);
        // The same code and name in another space is fine.
        assertThat(once.withCustom(List.of(OptionDefinition.of("a", 1, "t", UINT8, false))).custom()).hasSize(2);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "bad name      | my opt | 1   | s     | uint8  | false | -                  | -   | invalid option name 'my opt'",
        "leading dash  | -x     | 1   | s     | uint8  | false | -                  | -   | invalid option name '-x'",
        "bad space     | x      | 1   | a.b   | uint8  | false | -                  | -   | invalid option space name: 'a.b'",
        "code 0        | x      | 0   | dhcp4 | uint8  | false | -                  | -   | invalid option code '0': reserved for PAD",
        "code 255      | x      | 255 | dhcp4 | uint8  | false | -                  | -   | invalid option code '255': reserved for END",
        "code 256      | x      | 256 | s     | uint8  | false | -                  | -   | invalid option code '256', it must not be greater than '255'",
        "unknown type  | x      | 1   | s     | uint64 | false | -                  | -   | option type 'uint64' not supported.",
        "fields w/o record | x  | 1   | s     | uint8  | false | uint8, uint8       | -   | 'record' option type must be used instead of 'uint8' to add data fields to the record",
        "one field     | x      | 1   | s     | record | false | uint8              | -   | invalid number of data fields: 1 specified for the option of type 'record'. Expected at least 2 fields.",
        "string first  | x      | 1   | s     | record | false | string, uint8      | -   | string data field can't be laid before data fields of other types.",
        "binary first  | x      | 1   | s     | record | false | binary, uint8      | -   | binary data field can't be laid before data fields of other types.",
        "empty field   | x      | 1   | s     | record | false | uint8, empty       | -   | attempted to add invalid data type 'empty' to the record.",
        "string array rec | x   | 1   | s     | record | true  | uint8, string      | -   | array of strings is not a valid option definition.",
        "string array  | x      | 1   | s     | string | true  | -                  | -   | array of strings is not a valid option definition.",
        "binary array  | x      | 1   | s     | binary | true  | -                  | -   | array of binary values is not a valid option definition.",
        "empty array   | x      | 1   | s     | empty  | true  | -                  | -   | array of empty value is not a valid option definition.",
        "array encap   | x      | 1   | s     | uint8  | true  | -                  | t   | option 's.x', comprising an array of data fields may not encapsulate any option space",
        "self encap    | x      | 1   | s     | empty  | false | -                  | s   | option must not encapsulate an option space it belongs to: 's.x' is set to encapsulate 's'",
        "bad encap     | x      | 1   | s     | empty  | false | -                  | t.u | invalid encapsulated option space name: 't.u'",
    })
    void keaRulesForOptionDef(String what, String name, long code, String space, String type, boolean array,
            String recordTypes, String encapsulate, String message) {
        String fields = recordTypes.equals("-") ? "" : recordTypes;
        String encap = encapsulate.equals("-") ? "" : encapsulate;
        assertThatThrownBy(() -> OptionDefinitions.parse(name, code, space, type, array, fields, encap))
                .isInstanceOf(WireFormatException.class).hasMessageContaining(message);
    }

    @Test
    void parseAcceptsKeaSpellings() throws Exception {
        OptionDefinition d = OptionDefinitions.parse("my-fancy-option", 254, "my-fancy-space", "record", true,
                "int8, int16, int32, uint8, uint16, uint32, ipv4-address, psid, tuple, fqdn", "");
        assertThat(d.recordTypes()).hasSize(10).endsWith(FQDN);
        assertThat(d.recordTypesText()).startsWith("int8, int16");
        assertThat(OptionDefinitions.parse("e", 232, "x", "empty", false, "", "my-fancy-space").encapsulate())
                .isEqualTo("my-fancy-space");
        assertThat(OptionDataType.byKeaName("ipv6-prefix")).contains(IPV6_PREFIX);
        assertThat(OptionDataType.UINT16.keaName()).isEqualTo("uint16");
        assertThat(OptionDefinitions.isStandard("dhcp4", 3)).isTrue();
        assertThat(OptionDefinitions.isStandard("dhcp4", 43)).isFalse();
    }
}
