package ruru.classify.expr;

/**
 * What an expression may read of a received packet: a read-only view that each address family
 * binds to its own packet type (dhcp4 binds a DHCPv4 query now; dhcp6 implements {@link V6}).
 * Byte arrays handed out are never modified by the evaluator, so a binding may return its own
 * storage. Absent data is {@code null}.
 *
 * <p>Option codes are of the family's top-level space; sub-options are those found inside an
 * option's payload (v4: 1-byte code and length; v6: 2-byte).
 */
public interface PacketView {

    /** The payload of the first instance of an option, or null. */
    byte[] option(int code);

    /** A sub-option of an option, or null. */
    byte[] subOption(int code, int subCode);

    /**
     * Kea's text form of an option found at {@code space} (the option space its code belongs to:
     * "dhcp4", "dhcp-agent-options-space", "vendor-4491" ...): the value of a string option, else
     * Kea's debug text ({@code type=061, len=007: 01:0a:...}).
     */
    byte[] text(String space, int code, byte[] payload);

    /** The option space the sub-options of {@code code} (top level) belong to. */
    String subOptionSpace(int code);

    /** The enterprise number of the first vendor-specific option (v4: 125, v6: 17), or -1. */
    long vendorEnterprise();

    /** A sub-option of the first vendor-specific option, or null. */
    byte[] vendorOption(int subCode);

    /** The enterprise number of the first vendor class option (v4: 124, v6: 16), or -1. */
    long vendorClassEnterprise();

    /** Data chunk {@code index} of the first vendor class option, or null. */
    byte[] vendorClassData(int index);

    /** Whether the packet is already a member of the class. */
    boolean inClass(String name);

    /** The name of the interface the packet came in on. */
    String iface();

    /** Source address, 4 or 16 bytes. */
    byte[] source();

    /** Destination address, 4 or 16 bytes. */
    byte[] destination();

    /** Length of the packet as received. */
    long length();

    /**
     * Kea's label of the query ({@code Pkt::getLabel}), the first argument of Kea 3's eval traces:
     * {@code [hwtype=1 02:00:00:00:00:01], cid=[no info], tid=0x1} (v4), {@code duid=[...], tid=0x1} (v6).
     */
    String label();

    /** How many data chunks the first vendor class option has (0 without one). */
    default int vendorClassDataCount() {
        int n = 0;
        while (vendorClassData(n) != null) {
            n++;
        }
        return n;
    }

    /** The DHCPv4 fields ({@code pkt4.*}, {@code relay4[...]}). */
    interface V4 extends PacketView {

        /** chaddr, hlen bytes of it. */
        byte[] chaddr();

        int hlen();

        int htype();

        byte[] ciaddr();

        byte[] giaddr();

        byte[] yiaddr();

        byte[] siaddr();

        /** The message type (option 53), 0 when absent. */
        int messageType();

        long transactionId();

        /** A sub-option of the Relay Agent Information option (82), or null. */
        byte[] relay4(int subCode);
    }

    /**
     * The DHCPv6 fields ({@code pkt6.*}, {@code relay6[...]}): for the dhcp6 binding. Nest level
     * 0 is the relay closest to the server; negative levels count from the client (-1 closest).
     */
    interface V6 extends PacketView {

        int messageType();

        long transactionId();

        /** An option of the relay at that nest level, or null (also when there is no such level). */
        byte[] relay6Option(int nestLevel, int code);

        /** The peer (true) or link address of the relay at that level, 16 bytes, or null. */
        byte[] relay6Address(int nestLevel, boolean peer);
    }
}
