package ruru.dhcp4.service;

import static org.assertj.core.api.Assertions.assertThat;
import static ruru.dhcp4.service.ServiceFixture.ip;
import static ruru.dhcp4.service.ServiceFixture.mac;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import ruru.wire.v4.Dhcp4Options;
import ruru.wire.v4.Dhcp4Packet;
import ruru.wire.v4.MessageType;
import ruru.wire.v4.OptionCodes;

/** ResponseBuilder.encode: replies packed as kea-dhcp4 packs them, whatever the client's option 57 says. */
class ReplyEncodingTest {

    private static byte[] filled(int length, int value) {
        byte[] b = new byte[length];
        Arrays.fill(b, (byte) value);
        return b;
    }

    private static Dhcp4Packet query(Integer maxSize, byte... prl) {
        Dhcp4Options.Builder o = Dhcp4Options.builder();
        if (maxSize != null) {
            o.putU16(OptionCodes.MAX_MESSAGE_SIZE, maxSize);
        }
        if (prl.length > 0) {
            o.put(OptionCodes.PARAMETER_LIST, prl);
        }
        return ServiceFixture.query(MessageType.DISCOVER, mac(1), o).build();
    }

    /** An offer whose options take about {@code 3 x 200} bytes besides the essentials. */
    private static Dhcp4Packet bigOffer() {
        Dhcp4Options.Builder o = Dhcp4Options.builder()
                .put(OptionCodes.MESSAGE_TYPE, new byte[] {(byte) MessageType.OFFER.code()})
                .put(OptionCodes.SERVER_ID, ip("192.0.2.1"))
                .putU32(OptionCodes.LEASE_TIME, 3600)
                .put(OptionCodes.SUBNET_MASK, ip("255.255.255.0"))
                .put(OptionCodes.DOMAIN_NAME, filled(200, 'a'))
                .put(OptionCodes.TFTP_SERVER_NAME, filled(200, 'b'))
                .put(OptionCodes.V4_SZTP_REDIRECT, filled(200, 'c'));
        return ServiceFixture.query(MessageType.OFFER, mac(1), o).op(2).yiaddr(ip("192.0.2.10")).build();
    }

    private static Dhcp4Options decoded(byte[] bytes) throws Exception {
        return Dhcp4Packet.decode(bytes, 0, bytes.length).options();
    }

    @Test
    void withoutOption57TheReplyIsEncodedWhole() {
        Dhcp4Packet offer = bigOffer();
        assertThat(ResponseBuilder.encode(query(null), offer)).isEqualTo(offer.encode());
        assertThat(offer.encode().length).isGreaterThan(800);
    }

    /** As kea-dhcp4 (2.2 and 3): option 57 does not bound the reply, sname/file never carry options. */
    @Test
    void option57IsIgnoredAndNothingIsOverloadedAsKea() throws Exception {
        Dhcp4Packet offer = bigOffer();
        for (int max : new int[] {300, 576, 800}) {
            byte[] out = ResponseBuilder.encode(query(max, (byte) OptionCodes.DOMAIN_NAME), offer);
            assertThat(out).isEqualTo(offer.encode());
            assertThat(decoded(out).has(OptionCodes.OVERLOAD)).isFalse();
            assertThat(Arrays.copyOfRange(out, 44, 236)).as("sname and file").containsOnly((byte) 0);
        }
    }
}
