package ruru.wire;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A client's hardware address (chaddr, up to 16 bytes) with its hardware type (1 = Ethernet).
 * Text form is Kea's: lowercase hex bytes joined by colons.
 */
public final class HardwareAddress {

    public static final int ETHERNET = 1;

    private final int type;
    private final byte[] bytes;

    public HardwareAddress(int type, byte[] bytes) {
        if (bytes.length > 20) {
            throw new IllegalArgumentException("hardware address longer than 20 bytes");
        }
        this.type = type;
        this.bytes = bytes.clone();
    }

    /** Accepts {@code aa:bb:cc:dd:ee:ff}, {@code aa-bb-...}, {@code aabb.ccdd.eeff} or plain hex. */
    public static HardwareAddress parse(String text) throws WireFormatException {
        return new HardwareAddress(ETHERNET, Hex.parseBytes(text, 20));
    }

    public int type() {
        return type;
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HardwareAddress h && h.type == type && Arrays.equals(h.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return 31 * type + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return HexFormat.ofDelimiter(":").formatHex(bytes);
    }
}
