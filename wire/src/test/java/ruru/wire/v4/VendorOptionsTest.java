package ruru.wire.v4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ruru.wire.Ipv4Address;
import ruru.wire.WireFormatException;

class VendorOptionsTest {

    @Test
    void vivsoWithSubOptions() throws Exception {
        Dhcp4Options subs = Dhcp4Options.builder().put(2, Ipv4Address.parse("192.0.2.1")).build();
        byte[] payload = VendorOptions.vivso(4491, subs);
        assertThat(payload).isEqualTo(Golden.hex("0000118b 06 0204c0000201"));
        assertThat(VendorOptions.parseVivso(payload)).containsOnlyKeys(4491L);
        assertThat(VendorOptions.parseVivso(payload).get(4491L)).isEqualTo(subs);
        assertThat(VendorOptions.vendorSpace(4491)).isEqualTo("vendor-4491");
    }

    @Test
    void vivsoSeveralEnterprisesAndRepeatedBlocksJoin() throws Exception {
        Map<Long, Dhcp4Options> m = new LinkedHashMap<>();
        m.put(9L, Dhcp4Options.builder().putU8(1, 7).build());
        m.put(4491L, Dhcp4Options.empty());
        byte[] payload = VendorOptions.vivso(m);
        assertThat(payload).isEqualTo(Golden.hex("00000009 03 010107 0000118b 00"));
        byte[] twice = Golden.hex("00000009 03 01016a 00000009 03 01016b");
        assertThat(VendorOptions.parseVivso(twice).get(9L).get(1)).hasValueSatisfying(
                v -> assertThat(v).isEqualTo(Golden.hex("6a6b")));
        assertThatThrownBy(() -> VendorOptions.parseVivso(Golden.hex("00000009 05 0101")))
                .isInstanceOf(WireFormatException.class);
        assertThatThrownBy(() -> VendorOptions.vivso(1, Dhcp4Options.builder().put(1, new byte[300]).build()))
                .isInstanceOf(WireFormatException.class);
    }

    @Test
    void vivco() throws Exception {
        byte[] payload = VendorOptions.vivco(4491, List.of("abc".getBytes(), "d".getBytes()));
        assertThat(payload).isEqualTo(Golden.hex("0000118b 03616263 0000118b 0164"));
        assertThat(VendorOptions.parseVivco(payload)).hasSize(2);
        assertThat(VendorOptions.parseVivco(payload).get(1).getValue()).isEqualTo("d".getBytes());
        assertThatThrownBy(() -> VendorOptions.parseVivco(Golden.hex("0000118b 05 61")))
                .isInstanceOf(WireFormatException.class);
    }

    @Test
    void encapsulatedSubOptionsInAPacket() throws Exception {
        Dhcp4Options vendor = Dhcp4Options.builder().putString(1, "pxe").put(2, new byte[300]).build();
        Dhcp4Options o = Dhcp4Options.builder().putU8(53, 5)
                .put(OptionCodes.VENDOR_ENCAPSULATED_OPTIONS, VendorOptions.encapsulate(vendor)).build();
        byte[] wire = Dhcp4Packet.builder().options(o).build().encode();
        Dhcp4Options back = Dhcp4Packet.decode(wire).options().subOptions(43).orElseThrow();
        assertThat(back).isEqualTo(vendor);
        assertThat(Dhcp4Options.parse(Golden.hex("0101 61 00 ff 0909"))).isEqualTo(
                Dhcp4Options.builder().putString(1, "a").build());
        assertThatThrownBy(() -> Dhcp4Options.parse(Golden.hex("0105 61"))).isInstanceOf(WireFormatException.class);
    }
}
