package ruru.wire.v6;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

import ruru.wire.HardwareAddress;
import ruru.wire.Hex;
import ruru.wire.WireFormatException;

/**
 * A DHCP Unique Identifier (RFC 8415 section 11): opaque bytes whose first two give the type.
 * Text is Kea's, lower-case hex bytes joined by colons.
 */
public final class Duid {

    /** RFC 8415 section 11.1: at most 128 bytes of identifier after the two type bytes. */
    public static final int MAX_LENGTH = 130;
    /** Kea's DUID minimum (its {@code IdentifierType<3, 130>}). */
    public static final int MIN_LENGTH = 3;

    /** DUID-LLT. */
    public static final int LLT = 1;
    /** DUID-EN. */
    public static final int EN = 2;
    /** DUID-LL. */
    public static final int LL = 3;
    /** DUID-UUID (RFC 6355). */
    public static final int UUID = 4;

    private static final HexFormat COLONS = HexFormat.ofDelimiter(":");

    private final byte[] bytes;

    public Duid(byte[] bytes) {
        this.bytes = bytes.clone();
    }

    /** Colon-separated (or Kea's other hex forms) text. */
    public static Duid parse(String text) throws WireFormatException {
        return new Duid(Hex.parseBytes(text, MAX_LENGTH));
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    /** The DUID type, or -1 when shorter than two bytes. */
    public int type() {
        return bytes.length < 2 ? -1 : ((bytes[0] & 0xff) << 8) | (bytes[1] & 0xff);
    }

    /** Within Kea's 3..130 bytes (a client identifier outside it is refused). */
    public boolean validLength() {
        return bytes.length >= MIN_LENGTH && bytes.length <= MAX_LENGTH;
    }

    /**
     * The link-layer address a DUID-LLT or DUID-LL carries (Kea's {@code mac-sources} "duid"),
     * with its hardware type.
     */
    public Optional<HardwareAddress> hardwareAddress() {
        int offset = switch (type()) {
            case LLT -> 8;
            case LL -> 4;
            default -> -1;
        };
        if (offset < 0 || bytes.length <= offset || bytes.length - offset > 20) {
            return Optional.empty();
        }
        int htype = ((bytes[2] & 0xff) << 8) | (bytes[3] & 0xff);
        return Optional.of(new HardwareAddress(htype, Arrays.copyOfRange(bytes, offset, bytes.length)));
    }

    public boolean sameBytes(byte[] other) {
        return Arrays.equals(bytes, other);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Duid d && Arrays.equals(d.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return COLONS.formatHex(bytes);
    }
}
