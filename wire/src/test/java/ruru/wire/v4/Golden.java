package ruru.wire.v4;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Loads the captured packets under src/test/resources/ruru/wire/v4/golden (see the README there). */
final class Golden {

    private Golden() {
    }

    static byte[] packet(String name) {
        try (InputStream in = Golden.class.getResourceAsStream("golden/" + name + ".hex")) {
            if (in == null) {
                throw new IllegalStateException("missing golden packet " + name);
            }
            return HexFormat.of().parseHex(new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.replace(" ", ""));
    }
}
