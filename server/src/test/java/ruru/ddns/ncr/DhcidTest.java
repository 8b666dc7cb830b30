package ruru.ddns.ncr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/** DHCID RDATA against RFC 4701 section 3.6's examples and Kea's rules for v4 client identifiers. */
class DhcidTest {

    private static byte[] hex(String s) {
        return HexFormat.ofDelimiter(":").parseHex(s);
    }

    @Test
    void rfc4701Example1Duid() throws Exception {
        Dhcid d = Dhcid.fromDuid(hex("00:01:00:06:41:2d:f1:66:01:02:03:04:05:06"), "chi6.example.com.");
        assertThat(d.toBase64()).isEqualTo("AAIBY2/AuCccgoJbsaxcQc9TUapptP69lOjxfNuVAA2kjEA=");
    }

    @Test
    void rfc4701Example2ClientIdentifier() throws Exception {
        Dhcid d = Dhcid.fromClientId(hex("01:07:08:09:0a:0b:0c"), "chi.example.com.");
        assertThat(d.toBase64()).isEqualTo("AAEBOSD+XR3Os/0LozeXVqcNc7FwCfQdWL3b/NaiUDlW2No=");
    }

    @Test
    void rfc4701Example3HardwareAddress() throws Exception {
        Dhcid d = Dhcid.fromHwAddress(1, hex("01:02:03:04:05:06"), "client.example.com.");
        assertThat(d.toBase64()).isEqualTo("AAABxLmlskllE0MVjd57zHcWmEH3pCQ6VytcKD//7es/deY=");
    }

    @Test
    void nameIsHashedInLowerCase() throws Exception {
        byte[] id = hex("01:07:08:09:0a:0b:0c");
        assertThat(Dhcid.fromClientId(id, "CHI.Example.COM.")).isEqualTo(Dhcid.fromClientId(id, "chi.example.com"));
    }

    @Test
    void rfc4361ClientIdCarriesADuid() throws Exception {
        byte[] duid = hex("00:01:00:06:41:2d:f1:66:01:02:03:04:05:06");
        byte[] clientId = new byte[5 + duid.length];
        clientId[0] = (byte) 255;
        clientId[4] = 7;
        System.arraycopy(duid, 0, clientId, 5, duid.length);
        assertThat(Dhcid.fromClientId(clientId, "chi6.example.com.")).isEqualTo(Dhcid.fromDuid(duid, "chi6.example.com."));
        assertThatThrownBy(() -> Dhcid.fromClientId(hex("ff:00:00:00:01"), "x.example.com."))
                .hasMessage("unable to compute DHCID from client identifier, embedded DUID length of: 5, is too short");
        assertThatThrownBy(() -> Dhcid.fromClientId(new byte[] {(byte) 255, 0, 0, 0, 1, 0, 1, 2}, ""))
                .hasMessage("empty FQDN used to create DHCID");
    }

    @Test
    void hexRoundTrip() throws Exception {
        Dhcid d = Dhcid.fromHex("000101aabbcc");
        assertThat(d.toHex()).isEqualTo("000101AABBCC");
        assertThatThrownBy(() -> Dhcid.fromHex("00ZZ")).hasMessageStartingWith("Invalid data in Dhcid: ");
        assertThatThrownBy(() -> Dhcid.fromHex("001")).hasMessageStartingWith("Invalid data in Dhcid: ");
    }
}
