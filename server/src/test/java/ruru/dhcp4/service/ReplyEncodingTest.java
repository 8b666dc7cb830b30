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

/** ResponseBuilder.encode: the reply within the client's Maximum DHCP Message Size (option 57). */
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

    @Test
    void aLimitTheOverloadedFieldsCanMeetKeepsEveryOption() throws Exception {
        Dhcp4Packet offer = bigOffer();
        byte[] out = ResponseBuilder.encode(query(800), offer);
        assertThat(out.length).isLessThanOrEqualTo(800 - 28);
        assertThat(decoded(out).contentEquals(offer.options())).as("all options, some in file/sname").isTrue();
    }

    @Test
    void unrequestedOptionsAreDroppedLargestFirstUntilTheReplyFits() throws Exception {
        Dhcp4Packet offer = bigOffer();
        byte[] out = ResponseBuilder.encode(query(576, (byte) OptionCodes.DOMAIN_NAME), offer);
        assertThat(out.length).isLessThanOrEqualTo(576);
        Dhcp4Options got = decoded(out);
        assertThat(got.get(OptionCodes.DOMAIN_NAME)).as("requested, kept").hasValue(filled(200, 'a'));
        assertThat(got.has(OptionCodes.LEASE_TIME)).isTrue();
        assertThat(got.has(OptionCodes.SERVER_ID)).isTrue();
        assertThat(got.has(OptionCodes.TFTP_SERVER_NAME) && got.has(OptionCodes.V4_SZTP_REDIRECT))
                .as("at least one unrequested option had to go").isFalse();
    }

    @Test
    void whenNothingMayGoTheReplyIsSentWholeAsKeaWould() {
        Dhcp4Packet offer = bigOffer();
        byte[] out = ResponseBuilder.encode(query(576, (byte) OptionCodes.DOMAIN_NAME,
                (byte) OptionCodes.TFTP_SERVER_NAME, (byte) OptionCodes.V4_SZTP_REDIRECT), offer);
        assertThat(out).isEqualTo(offer.encode());
    }

    @Test
    void aClientAskingForLessThan576StillGets576() throws Exception {
        Dhcp4Packet offer = bigOffer();
        byte[] out = ResponseBuilder.encode(query(300), offer);
        assertThat(out.length).isLessThanOrEqualTo(576);
        assertThat(decoded(out).has(OptionCodes.MESSAGE_TYPE)).isTrue();
    }
}
