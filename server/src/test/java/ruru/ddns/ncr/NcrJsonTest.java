package ruru.ddns.ncr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** NCRs in Kea's JSON and datagram form (FACTS 11.4), both directions, and Kea's error texts. */
class NcrJsonTest {

    /** The datagram kea-dhcp4 2.2 sent, captured (FACTS 11.4): 283 bytes of JSON. */
    static final String KEA22 = "{\"change-type\":0,\"forward-change\":true,\"reverse-change\":true,"
            + "\"fqdn\":\"host1.example.org.\",\"ip-address\":\"192.0.2.10\","
            + "\"dhcid\":\"00010199DEA549A5F5C0D7540898F92374E7BAC3F325F4A46AE28AEC20AF95AEFDDE5E\","
            + "\"lease-expires-on\":\"20261206214239\",\"lease-length\":1333,\"use-conflict-resolution\":true}";

    private static byte[] datagram(String json) {
        byte[] j = json.getBytes(StandardCharsets.UTF_8);
        byte[] d = new byte[j.length + 2];
        d[0] = (byte) (j.length >> 8);
        d[1] = (byte) j.length;
        System.arraycopy(j, 0, d, 2, j.length);
        return d;
    }

    @Test
    void readsKea22Datagram() throws Exception {
        byte[] d = datagram(KEA22);
        assertThat(d[0]).isEqualTo((byte) 0x01);
        assertThat(d[1]).isEqualTo((byte) 0x1b);
        NameChangeRequest ncr = NcrJson.fromDatagram(d, d.length);
        assertThat(ncr.type()).isEqualTo(ChangeType.ADD);
        assertThat(ncr.forward()).isTrue();
        assertThat(ncr.reverse()).isTrue();
        assertThat(ncr.fqdn()).isEqualTo("host1.example.org.");
        assertThat(ncr.address()).isEqualTo(InetAddress.ofLiteral("192.0.2.10"));
        assertThat(ncr.leaseLength()).isEqualTo(1333);
        assertThat(ncr.leaseExpiresOnText()).isEqualTo("20261206214239");
        assertThat(ncr.mode()).isEqualTo(ConflictResolutionMode.CHECK_WITH_DHCID);
    }

    @Test
    void writesKea3FormByteForByte() throws Exception {
        NameChangeRequest ncr = NcrJson.fromJson(KEA22);
        String expected = KEA22.replace("\"use-conflict-resolution\":true",
                "\"conflict-resolution-mode\":\"check-with-dhcid\"");
        assertThat(NcrJson.toJson(ncr)).isEqualTo(expected);
        byte[] d = NcrJson.toDatagram(ncr);
        assertThat(d.length).isEqualTo(expected.length() + 2);
        assertThat(((d[0] & 0xFF) << 8) | (d[1] & 0xFF)).isEqualTo(expected.length());
        assertThat(NcrJson.fromDatagram(d, d.length)).isEqualTo(ncr);
    }

    @Test
    void conflictMembers() throws Exception {
        assertThat(NcrJson.fromJson(KEA22.replace("true}", "false}")).mode())
                .isEqualTo(ConflictResolutionMode.NO_CHECK_WITH_DHCID);
        assertThat(NcrJson.fromJson(KEA22.replace(",\"use-conflict-resolution\":true", "")).mode())
                .isEqualTo(ConflictResolutionMode.CHECK_WITH_DHCID);
        // Kea 3 prefers the mode; unknown members are ignored.
        assertThat(NcrJson.fromJson(KEA22.replace("true}",
                "true,\"conflict-resolution-mode\":\"no-check-without-dhcid\",\"extra\":[1]}")).mode())
                .isEqualTo(ConflictResolutionMode.NO_CHECK_WITHOUT_DHCID);
    }

    @Test
    void ipv6AndRemove() throws Exception {
        NameChangeRequest ncr = NcrJson.fromJson(KEA22.replace("\"change-type\":0", "\"change-type\":1")
                .replace("192.0.2.10", "2001:DB8:0:0:0:0:0:100"));
        assertThat(ncr.type()).isEqualTo(ChangeType.REMOVE);
        assertThat(ncr.isV6()).isTrue();
        assertThat(NcrJson.toJson(ncr)).contains("\"ip-address\":\"2001:db8::100\"");
    }

    @Test
    void keaTexts() {
        assertThatThrownBy(() -> NcrJson.fromJson(KEA22.replace("\"forward-change\":true,", "")))
                .hasMessage("NameChangeRequest value missing for: forward-change");
        assertThatThrownBy(() -> NcrJson.fromJson("hello")).hasMessageStartingWith("Malformed NameChangeRequest JSON: ");
        assertThatThrownBy(() -> NcrJson.fromDatagram(new byte[] {0x00, 0x10, '{'}, 3))
                .hasMessage("fromFormat: buffer read error: read beyond end of buffer");
        assertThatThrownBy(() -> NcrJson.fromDatagram(new byte[] {0x00}, 1))
                .hasMessage("fromFormat: buffer read error: read beyond end of buffer");
        assertThatThrownBy(() -> NcrJson.fromJson(KEA22.replace("\"change-type\":0", "\"change-type\":7")))
                .hasMessage("Invalid data value for change_type: 7");
        assertThatThrownBy(() -> NcrJson.fromJson(KEA22.replace("\"forward-change\":true,\"reverse-change\":true",
                "\"forward-change\":false,\"reverse-change\":false")))
                .hasMessage("Invalid Request, forward and reverse flags are both false");
        assertThatThrownBy(() -> NcrJson.fromJson(KEA22.replace("192.0.2.10", "192.0.2.300")))
                .hasMessage("Invalid ip address string for ip_address: 192.0.2.300");
        assertThatThrownBy(() -> NcrJson.fromJson(KEA22.replace("20261206214239", "2026")))
                .hasMessage("Invalid date-time string: [2026]");
        assertThatThrownBy(() -> NcrJson.fromJson(KEA22.replace("1333", "-1")))
                .hasMessageStartingWith("lease_length value -1is negative.");
        assertThatThrownBy(() -> NcrJson.fromJson(KEA22.replace("\"dhcid\":\"00010199", "\"dhcid\":\"XX010199")))
                .hasMessageStartingWith("Invalid data in Dhcid: ");
        assertThatThrownBy(() -> NcrJson.fromJson(KEA22.replace("\"dhcid\":\"00010199DEA549A5F5C0D7540898F92374E7BAC3F325F4A46AE28AEC20AF95AEFDDE5E\"", "\"dhcid\":\"\"")))
                .hasMessage("DHCID cannot be blank");
    }

    @Test
    void relativeNameIsMadeAbsolute() throws Exception {
        assertThat(NcrJson.fromJson(KEA22.replace("host1.example.org.", "host1.example.org")).fqdn())
                .isEqualTo("host1.example.org.");
    }
}
