package ruru.wire.v6;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

import ruru.wire.WireFormatException;

/** The Status Code option (RFC 8415 section 21.13): a 16-bit code and a UTF-8 message. */
public record StatusCode(int code, String message) {

    public StatusCode {
        if (code < 0 || code > 0xffff) {
            throw new IllegalArgumentException("status code " + code);
        }
        Objects.requireNonNull(message, "message");
    }

    public StatusCode(Status6 status, String message) {
        this(status.code(), message);
    }

    public static StatusCode parse(byte[] data) throws WireFormatException {
        if (data.length < 2) {
            throw new WireFormatException("Option " + Option6Codes.STATUS_CODE + " truncated: " + data.length
                    + " bytes, at least 2 needed");
        }
        return new StatusCode(((data[0] & 0xff) << 8) | (data[1] & 0xff),
                new String(data, 2, data.length - 2, StandardCharsets.UTF_8));
    }

    public byte[] toBytes() {
        byte[] text = message.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[2 + text.length];
        out[0] = (byte) (code >>> 8);
        out[1] = (byte) code;
        System.arraycopy(text, 0, out, 2, text.length);
        return out;
    }

    public Option6 toOption() {
        return Option6.owning(Option6Codes.STATUS_CODE, toBytes());
    }
}
