package ruru.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a small file a configuration names for its content (a TLS key or certificate, a password
 * file, a TSIG secret file). Such a name may arrive over the control channel, so the file must be
 * a regular file (never a FIFO, a device such as /dev/zero, a socket or a directory, which could
 * block or never end) and no larger than the limit; at most the limit is read, whatever the file
 * does meanwhile.
 */
public final class SmallFiles {

    /** Far beyond a certificate chain or a password. */
    public static final int LIMIT = 1 << 20;

    private SmallFiles() {
    }

    public static String read(Path file, Charset charset) throws IOException {
        return new String(readBytes(file, LIMIT), charset);
    }

    public static byte[] readBytes(Path file, int limit) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("'" + file + "': " + (Files.exists(file) ? "not a regular file"
                    : "No such file or directory"));
        }
        if (Files.size(file) > limit) {
            throw new IOException("'" + file + "': larger than " + limit + " bytes");
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(limit + 1);
            if (bytes.length > limit) {
                throw new IOException("'" + file + "': larger than " + limit + " bytes");
            }
            return bytes;
        }
    }
}
