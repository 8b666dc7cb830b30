package ruru.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A tiny tmpfs mounted on a test's directory, to run out of space on purpose: {@link #fill()}
 * writes a filler file until the file system is full, {@link #free()} deletes it again. Needs
 * root (CI is root) and says so loudly otherwise.
 */
public final class TinyDisk implements AutoCloseable {

    private final Path dir;
    private final Path filler;

    private TinyDisk(Path dir) {
        this.dir = dir;
        this.filler = dir.resolve("filler");
    }

    /** Mounts a tmpfs of {@code kib} KiB, mode 0750, on {@code dir} (created if needed). */
    public static TinyDisk mount(Path dir, int kib) throws IOException, InterruptedException {
        NetnsPair.requireRoot();
        Files.createDirectories(dir);
        run("mount", "-t", "tmpfs", "-o", "size=" + kib + "k,mode=0750", "tmpfs", dir.toString());
        return new TinyDisk(dir);
    }

    public Path dir() {
        return dir;
    }

    /** Writes the filler until the file system is full; returns the bytes written. */
    public long fill() throws IOException {
        long written = 0;
        byte[] block = new byte[512];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
                out.flush();
                written += block.length;
            }
        } catch (IOException full) {
            if (!String.valueOf(full.getMessage()).contains("No space left")) {
                throw full;
            }
        }
        // Fill the last bytes too, one at a time.
        try (OutputStream out = Files.newOutputStream(filler, java.nio.file.StandardOpenOption.APPEND)) {
            while (true) {
                out.write(0);
                out.flush();
                written++;
            }
        } catch (IOException full) {
            return written;
        }
    }

    public void free() throws IOException {
        Files.deleteIfExists(filler);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run("umount", "-l", dir.toString());
    }

    private static void run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", cmd) + " failed: " + out);
        }
    }
}
