package ruru.wire.v6;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import ruru.wire.Ipv6Address;
import ruru.wire.WireFormatException;

/**
 * A DHCPv6 client/server message (RFC 8415 section 8: msg-type, a 24-bit transaction id, options)
 * and the relay levels it travelled through (section 9), {@link #relays()} ordered from the relay
 * closest to the server (the outermost encapsulation, Kea's {@code relay_info_[0]}) inwards.
 *
 * <p>Decoding unpacks Relay-Forw messages recursively, hop counts 0 to 32 (RFC 8415's HOP_COUNT_LIMIT):
 * 33 levels at most, as kea-dhcp6 2.2 (observed: 33 answered, 34 refused)
 * and checks the layout of every option the server interprets ({@link Layout}); any violation is a
 * {@link WireFormatException}. A Relay-Reply level is unwrapped like a Relay-Forward one (Kea's
 * Pkt6::unpackRelayMsg takes both). An option running past its area ends that area quietly, as in
 * Kea ({@link Dhcp6Options#parse(byte[], int, int)}). Encoding wraps the message in the relay levels again, innermost
 * first, each level's own options before its Relay Message option (as Kea writes them).
 */
public final class Dhcp6Packet {

    /** RFC 8415 section 7.6. */
    public static final int HOP_COUNT_LIMIT = 32;
    static final int HEADER = 4;
    static final int RELAY_HEADER = 34;

    private final int type;
    private final int transactionId;
    private final Dhcp6Options options;
    private final List<RelayInfo> relays;

    public Dhcp6Packet(int type, int transactionId, Dhcp6Options options, List<RelayInfo> relays) {
        if (type < 0 || type > 255) {
            throw new IllegalArgumentException("message type " + type);
        }
        if (transactionId < 0 || transactionId > 0xffffff) {
            throw new IllegalArgumentException("transaction id " + transactionId + " is not 24-bit");
        }
        this.type = type;
        this.transactionId = transactionId;
        this.options = Objects.requireNonNull(options, "options");
        this.relays = List.copyOf(relays);
    }

    public Dhcp6Packet(Dhcp6MessageType type, int transactionId, Dhcp6Options options) {
        this(type.code(), transactionId, options, List.of());
    }

    public static Dhcp6Packet decode(byte[] data) throws WireFormatException {
        return decode(data, 0, data.length);
    }

    public static Dhcp6Packet decode(byte[] data, int offset, int length) throws WireFormatException {
        if (offset < 0 || length < 0 || offset + length > data.length) {
            throw new WireFormatException("packet out of bounds");
        }
        List<RelayInfo> relays = List.of();
        int p = offset;
        int end = offset + length;
        while (true) {
            if (end - p < HEADER) {
                throw new WireFormatException("message of " + (end - p) + " bytes is shorter than a DHCPv6 header");
            }
            int type = data[p] & 0xff;
            Optional<Dhcp6MessageType> known = Dhcp6MessageType.of(type);
            if (known.isEmpty() || !known.get().isRelay()) {
                int xid = ((data[p + 1] & 0xff) << 16) | ((data[p + 2] & 0xff) << 8) | (data[p + 3] & 0xff);
                Dhcp6Options options = Dhcp6Options.parse(data, p + HEADER, end - p - HEADER);
                Layout.check(options);
                return new Dhcp6Packet(type, xid, options, relays);
            }
            if (relays.size() > HOP_COUNT_LIMIT) {
                // Kea's text, its spelling kept (Pkt6::unpackRelayMsg)
                throw new WireFormatException("Massage cannot be encapsulated more than " + HOP_COUNT_LIMIT
                        + " times");
            }
            if (end - p < RELAY_HEADER) {
                throw new WireFormatException("relay message of " + (end - p) + " bytes is shorter than its header");
            }
            Dhcp6Options all = Dhcp6Options.parse(data, p + RELAY_HEADER, end - p - RELAY_HEADER);
            // Kea's Pkt6::unpackRelayMsg: the last Relay Message option is the relayed message, and
            // none (or an empty one) is its parse failure
            int q = p + RELAY_HEADER;
            int inner = -1;
            int innerLength = 0;
            for (Option6 o : all) {
                if (o.code() == Option6Codes.RELAY_MSG) {
                    inner = q + 4;
                    innerLength = o.length();
                }
                q += 4 + o.length();
            }
            if (inner < 0 || innerLength == 0) {
                throw new WireFormatException("Mandatory relay-msg option missing");
            }
            Layout.check(all);
            if (relays.isEmpty()) {
                relays = new ArrayList<>();
            }
            relays.add(new RelayInfo(known.get(), data[p + 1] & 0xff, Ipv6Address.of(data, p + 2),
                    Ipv6Address.of(data, p + 18), all.toBuilder().remove(Option6Codes.RELAY_MSG).build()));
            // continue inside the Relay Message option's data
            p = inner;
            end = inner + innerLength;
        }
    }

    /** The raw msg-type; {@link #messageType()} when it is one DHCPv6 defines. */
    public int type() {
        return type;
    }

    public Optional<Dhcp6MessageType> messageType() {
        return Dhcp6MessageType.of(type);
    }

    public int transactionId() {
        return transactionId;
    }

    public Dhcp6Options options() {
        return options;
    }

    /** Relay levels, the one closest to the server first; empty when the client was directly connected. */
    public List<RelayInfo> relays() {
        return relays;
    }

    public boolean isRelayed() {
        return !relays.isEmpty();
    }

    public Dhcp6Packet withOptions(Dhcp6Options newOptions) {
        return new Dhcp6Packet(type, transactionId, newOptions, relays);
    }

    public Dhcp6Packet withRelays(List<RelayInfo> newRelays) {
        return new Dhcp6Packet(type, transactionId, options, newRelays);
    }

    /** The message alone, without relay levels. */
    public byte[] encodeMessage() {
        byte[] out = new byte[HEADER + options.wireSize()];
        out[0] = (byte) type;
        out[1] = (byte) (transactionId >>> 16);
        out[2] = (byte) (transactionId >>> 8);
        out[3] = (byte) transactionId;
        options.write(out, HEADER);
        return out;
    }

    /**
     * The message wrapped in its relay levels (if any), ready to send.
     *
     * @throws WireFormatException when a relay level would exceed 65535 bytes of Relay Message data
     */
    public byte[] encode() throws WireFormatException {
        byte[] inner = encodeMessage();
        for (int i = relays.size() - 1; i >= 0; i--) {
            RelayInfo r = relays.get(i);
            if (inner.length > 0xffff) {
                throw new WireFormatException("relayed message of " + inner.length + " bytes does not fit a Relay"
                        + " Message option");
            }
            byte[] out = new byte[RELAY_HEADER + r.options().wireSize() + 4 + inner.length];
            out[0] = (byte) r.messageType().code();
            out[1] = (byte) r.hopCount();
            r.linkAddress().write(out, 2);
            r.peerAddress().write(out, 18);
            int p = r.options().write(out, RELAY_HEADER);
            out[p] = 0;
            out[p + 1] = (byte) Option6Codes.RELAY_MSG;
            out[p + 2] = (byte) (inner.length >>> 8);
            out[p + 3] = (byte) inner.length;
            System.arraycopy(inner, 0, out, p + 4, inner.length);
            inner = out;
        }
        return inner;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Dhcp6Packet other && other.type == type && other.transactionId == transactionId
                && other.options.equals(options) && other.relays.equals(relays);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, transactionId, options, relays);
    }

    @Override
    public String toString() {
        return messageType().map(Enum::name).orElse("type " + type) + " xid 0x" + Integer.toHexString(transactionId)
                + (relays.isEmpty() ? "" : " via " + relays.size() + " relay(s)");
    }
}
