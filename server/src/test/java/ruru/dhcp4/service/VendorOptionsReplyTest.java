package ruru.dhcp4.service;

import static org.assertj.core.api.Assertions.assertThat;
import static ruru.dhcp4.service.ServiceFixture.mac;
import static ruru.dhcp4.service.ServiceFixture.query;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import ruru.wire.v4.Dhcp4Options;
import ruru.wire.v4.Dhcp4Packet;
import ruru.wire.v4.MessageType;
import ruru.wire.v4.OptionCodes;

/**
 * Options of other spaces in replies: 43 with its sub-options, 125 per enterprise, custom
 * encapsulation. The option-data entries are those of Kea's examples kea4/vendor-specific.json and
 * kea4/vivso.json, placed globally (client classes are not supported yet).
 */
class VendorOptionsReplyTest {

    private static final String DLS = "sdlp://192.0.2.11:18443";

    /** vlanid (code 2, uint32 123) then dls (code 3, the string), as Kea packs them: by code. */
    private static byte[] vlanAndDls(int vlan) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {2, 4, 0, 0, 0, (byte) vlan});
        out.write(3);
        out.write(DLS.length());
        out.writeBytes(DLS.getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static String defs(String space) {
        return """
                "option-def": [
                  { "array": false, "code": 2, "name": "vlanid", "space": "%1$s", "type": "uint32" },
                  { "array": false, "code": 3, "name": "dls", "space": "%1$s", "type": "string" }%2$s
                ],
                """.formatted(space, "%s");
    }

    private static String subOptions(String space) {
        return """
                  { "always-send": true, "data": "123", "name": "vlanid", "space": "%1$s" },
                  { "always-send": true, "data": "%2$s", "name": "dls", "space": "%1$s" }
                """.formatted(space, DLS);
    }

    private static String config(String optionDefs, String optionData, String subnetExtra) {
        return """
                {
                  %s
                  "option-data": [ %s ],
                  "subnet4": [ {
                    "id": 1, "subnet": "192.0.2.0/24",
                    "pools": [ { "pool": "192.0.2.50 - 192.0.2.50" } ]%s
                  } ]
                }
                """.formatted(optionDefs, optionData, subnetExtra);
    }

    private static Dhcp4Packet offer(ServiceFixture f, Dhcp4Options.Builder o) {
        return f.send(query(MessageType.DISCOVER, mac(1), o).build()).orElseThrow();
    }

    private static Dhcp4Options.Builder asking(int... codes) {
        byte[] prl = new byte[codes.length];
        for (int i = 0; i < codes.length; i++) {
            prl[i] = (byte) codes[i];
        }
        return Dhcp4Options.builder().put(OptionCodes.PARAMETER_LIST, prl);
    }

    @Test
    void option43CarriesTheSubOptionsOfTheVendorEncapsulatedSpace() throws Exception {
        String space = "vendor-encapsulated-options-space";
        ServiceFixture f = new ServiceFixture(config(defs(space).formatted(""),
                "{ \"name\": \"vendor-encapsulated-options\" }," + subOptions(space), ""));
        Dhcp4Packet offer = offer(f, asking(43));
        assertThat(offer.options().get(OptionCodes.VENDOR_ENCAPSULATED_OPTIONS)).hasValueSatisfying(
                v -> assertThat(HexFormat.of().formatHex(v)).isEqualTo(HexFormat.of().formatHex(vlanAndDls(123))));
        assertThat(HexFormat.of().formatHex(offer.options().get(43).orElseThrow()))
                .isEqualTo("02040000007b0317" + HexFormat.of().formatHex(DLS.getBytes(StandardCharsets.US_ASCII)));
        assertThat(offer(f, Dhcp4Options.builder()).options().has(43))
                .as("43 itself is not always-send; its sub-options' flag does not pull it in").isFalse();
    }

    @Test
    void aRedefinedOption43EncapsulatesItsOwnSpace() throws Exception {
        // kea4/vendor-specific.json: 43 redefined as empty, encapsulating space "339"
        String redefined = ", { \"code\": 43, \"encapsulate\": \"339\", \"name\": \"vendor-encapsulated-options\","
                + " \"type\": \"empty\" }";
        ServiceFixture f = new ServiceFixture(config(defs("339").formatted(redefined),
                "{ \"name\": \"vendor-encapsulated-options\", \"always-send\": true }," + subOptions("339"), ""));
        assertThat(offer(f, Dhcp4Options.builder()).options().get(43)).hasValueSatisfying(
                v -> assertThat(v).isEqualTo(vlanAndDls(123)));
    }

    @Test
    void subOptionPrecedenceIsPerSpaceAndCode() throws Exception {
        String redefined = ", { \"code\": 43, \"encapsulate\": \"339\", \"name\": \"vendor-encapsulated-options\","
                + " \"type\": \"empty\" }";
        String subnetOptions = """
                ,
                    "option-data": [ { "name": "vlanid", "space": "339", "data": "7" } ],
                    "reservations": [ { "hw-address": "02:11:00:00:00:09", "ip-address": "192.0.2.9",
                      "option-data": [ { "name": "vlanid", "space": "339", "data": "9" } ] } ]""";
        ServiceFixture f = new ServiceFixture(config(defs("339").formatted(redefined),
                "{ \"name\": \"vendor-encapsulated-options\" }," + subOptions("339"), subnetOptions));
        assertThat(offer(f, asking(43)).options().get(43)).hasValueSatisfying(
                v -> assertThat(v).as("the subnet's vlanid, the global dls").isEqualTo(vlanAndDls(7)));
        Dhcp4Packet host = f.send(query(MessageType.DISCOVER, mac(9), asking(43)).build()).orElseThrow();
        assertThat(host.options().get(43)).hasValueSatisfying(
                v -> assertThat(v).as("the reservation's vlanid wins").isEqualTo(vlanAndDls(9)));
    }

    @Test
    void aCustomEncapsulatingOptionIsBuiltFromItsSpace() throws Exception {
        String custom = ", { \"code\": 224, \"encapsulate\": \"339\", \"name\": \"site-info\", \"type\": \"uint8\" }";
        ServiceFixture f = new ServiceFixture(config(defs("339").formatted(custom),
                "{ \"name\": \"site-info\", \"data\": \"5\" }," + subOptions("339"), ""));
        byte[] sub = vlanAndDls(123);
        byte[] expected = new byte[1 + sub.length];
        expected[0] = 5; // the option's own data first, then the sub-options
        System.arraycopy(sub, 0, expected, 1, sub.length);
        assertThat(offer(f, asking(224)).options().get(224)).hasValueSatisfying(v -> assertThat(v).isEqualTo(expected));
    }

    private static ServiceFixture vivso() throws Exception {
        // kea4/vivso.json
        return new ServiceFixture(config(defs("vendor-339").formatted(""),
                "{ \"data\": \"339\", \"name\": \"vivso-suboptions\" }," + subOptions("vendor-339"), ""));
    }

    private static byte[] vivsoBlock() {
        byte[] sub = vlanAndDls(123);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0, 0, 0x01, 0x53, (byte) sub.length}); // enterprise 339, data-len
        out.writeBytes(sub);
        return out.toByteArray();
    }

    @Test
    void option125CarriesTheEnterpriseAndItsSubOptionsWhenRequested() throws Exception {
        ServiceFixture f = vivso();
        Dhcp4Packet offer = offer(f, asking(125));
        assertThat(offer.options().get(OptionCodes.VIVSO_SUBOPTIONS)).hasValueSatisfying(v -> {
            assertThat(v).isEqualTo(vivsoBlock());
            assertThat(HexFormat.of().formatHex(v)).startsWith("000001531f02040000007b0317");
        });
        assertThat(offer(f, Dhcp4Options.builder()).options().has(125)).as("not requested, no vendor named").isFalse();
    }

    @Test
    void aClientNamingTheEnterpriseInOption124GetsItsAlwaysSendSubOptions() throws Exception {
        ServiceFixture f = vivso();
        byte[] vivco = {0, 0, 0x01, 0x53, 3, 'a', 'b', 'c'};
        Dhcp4Packet offer = offer(f, Dhcp4Options.builder().put(OptionCodes.VIVCO_SUBOPTIONS, vivco));
        assertThat(offer.options().get(125)).hasValueSatisfying(v -> assertThat(v).isEqualTo(vivsoBlock()));
    }

    @Test
    void neverSendKeepsASubOptionOut() throws Exception {
        String data = "{ \"data\": \"339\", \"name\": \"vivso-suboptions\" }," + subOptions("vendor-339");
        String subnet = """
                ,
                    "option-data": [ { "name": "dls", "space": "vendor-339", "data": "x", "never-send": true } ]""";
        ServiceFixture f = new ServiceFixture(config(defs("vendor-339").formatted(""), data, subnet));
        assertThat(offer(f, asking(125)).options().get(125)).hasValueSatisfying(v ->
                assertThat(v).isEqualTo(new byte[] {0, 0, 0x01, 0x53, 6, 2, 4, 0, 0, 0, 123}));
    }
}
