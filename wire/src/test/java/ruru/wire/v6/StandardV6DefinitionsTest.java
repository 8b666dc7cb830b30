package ruru.wire.v6;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import ruru.wire.Universe;
import ruru.wire.WireFormatException;
import ruru.wire.v4.OptionDefinition;
import ruru.wire.v4.OptionDefinitions;
import ruru.wire.v4.OptionValues;

/** Kea's DHCPv6 option names and their data, as option-data writes them (FACTS 10.8 wire observations). */
class StandardV6DefinitionsTest {

    private final OptionDefinitions std = StandardV6Definitions.registry();

    private byte[] data(String name, String text) throws WireFormatException {
        OptionDefinition d = std.byName("dhcp6", name).orElseThrow();
        return OptionValues.fromText(d, text, true);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
        "dns-servers | 2001:db8::1, 2001:db8::2 | 20010db800000000000000000000000120010db8000000000000000000000002",
        "domain-search | example.org, example.com | 076578616d706c65036f7267000765" + "78616d706c6503636f6d00",
        "information-refresh-time | 3600 | 00000e10",
        "preference | 255 | ff",
        "sntp-servers | 2001:db8::123 | 20010db8000000000000000000000123",
        "bootfile-url | tftp://[2001:db8::1]/boot | 746674703a2f2f5b323030313a6462383a3a315d2f626f6f74",
        "bootfile-param | ab, c | 0002616200" + "0163",
        "client-arch-type | 7, 9 | 00070009",
        "vendor-opts | 4491 | 0000118b",
        "pd-exclude | 2001:db8:8:0:1::/80 | 5020010db8000800000001",
        "aftr-name | aftr.example.com | 0461667472076578616d706c6503636f6d00",
    })
    void encodesAsKea(String name, String text, String hex) throws Exception {
        assertThat(HexFormat.of().formatHex(data(name, text))).isEqualTo(hex);
        OptionDefinition d = std.byName("dhcp6", name).orElseThrow();
        assertThat(d.universe()).isEqualTo(Universe.V6);
    }

    @Test
    void namesAndCodesOfTheTable() {
        assertThat(std.byCode("dhcp6", 23).orElseThrow().name()).isEqualTo("dns-servers");
        assertThat(std.byCode("dhcp6", 67).orElseThrow().name()).isEqualTo("pd-exclude");
        assertThat(std.byName("dhcp6", "rsoo").orElseThrow().encapsulate()).isEqualTo("rsoo-opts");
        assertThat(std.byName("vendor-4491", "tftp-servers").orElseThrow().code()).isEqualTo(32);
        assertThat(std.byName("s46-cont-mapt-options", "s46-dmr").orElseThrow().code()).isEqualTo(91);
        assertThat(std.byCode("dhcp6", 43 + 200)).isEmpty();
    }

    @Test
    void customDefinitionsTakeSixteenBitCodes() throws Exception {
        OptionDefinition mine = OptionDefinition.of("my-option", 1000, "dhcp6", ruru.wire.v4.OptionDataType.UINT16,
                false);
        OptionDefinitions with = std.withCustom(List.of(mine));
        assertThat(with.byCode("dhcp6", 1000).orElseThrow().universe()).isEqualTo(Universe.V6);
        assertThatThrownBy(() -> std.withCustom(List.of(new OptionDefinition("big", 70000, "s", mine.type(), false,
                List.of(), "")))).hasMessage("invalid option code '70000', it must not be greater than '65535'");
        assertThatThrownBy(() -> std.withCustom(List.of(new OptionDefinition("dns-servers", 2000, "dhcp6",
                mine.type(), false, List.of(), "")))).hasMessageContaining("unable to override");
    }
}
