package ruru.wire.v6;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One DHCPv6 option as it is on the wire: a 16-bit code and its data (at most 65535 bytes).
 * Immutable: the public constructor copies the data and {@link #data()} returns a copy; the codec
 * itself hands over arrays it made and never touches again ({@link #owning}), so decoding and
 * encoding copy each option's bytes once, not three times.
 */
public final class Option6 {

    private final int code;
    private final byte[] data;

    public Option6(int code, byte[] data) {
        this(code, data.clone(), true);
    }

    private Option6(int code, byte[] data, boolean owned) {
        if (code < 0 || code > 0xffff) {
            throw new IllegalArgumentException("option code " + code + " is not 16-bit");
        }
        if (data.length > 0xffff) {
            throw new IllegalArgumentException("option " + code + " data of " + data.length + " bytes exceeds 65535");
        }
        this.code = code;
        this.data = data;
    }

    /** An option over {@code data} itself, which the caller made and never changes again (package use). */
    static Option6 owning(int code, byte[] data) {
        return new Option6(code, data, true);
    }

    public int code() {
        return code;
    }

    public byte[] data() {
        return data.clone();
    }

    /** The data's length without copying it. */
    public int length() {
        return data.length;
    }

    /** Bytes taken on the wire: 4 bytes of header and the data. */
    public int wireSize() {
        return 4 + data.length;
    }

    void write(byte[] out, int pos) {
        out[pos] = (byte) (code >>> 8);
        out[pos + 1] = (byte) code;
        out[pos + 2] = (byte) (data.length >>> 8);
        out[pos + 3] = (byte) data.length;
        System.arraycopy(data, 0, out, pos + 4, data.length);
    }

    /** Reads the data without a copy (package use: parsing nested options). */
    byte[] raw() {
        return data;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Option6 other && other.code == code && Arrays.equals(other.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * code + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "option " + code + " [" + HexFormat.of().formatHex(data) + "]";
    }
}
