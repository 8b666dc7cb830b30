package ruru.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real file-system errors from the JDK, in an operator's words. */
class IoErrorsTest {

    @TempDir
    Path dir;

    private static IOException failureOf(IoAction action) {
        try {
            action.run();
        } catch (IOException e) {
            return e;
        }
        throw new AssertionError("no error");
    }

    interface IoAction {
        void run() throws IOException;
    }

    @Test
    void aFileInAMissingDirectoryNamesTheFileTheReasonAndTheDirectory() {
        Path file = dir.resolve("run/kea.kea-dhcp4.pid");
        IOException e = failureOf(() -> FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE).close());
        assertThat(e.getMessage()).isEqualTo(file.toString()); // what Java alone would have printed
        assertThat(IoErrors.describe(e)).isEqualTo("'" + file + "': No such file or directory (the directory "
                + dir.resolve("run") + " does not exist; ruru, like Kea 3, does not create it)");
        assertThat(IoErrors.reasonFor(file, e)).startsWith("No such file or directory (the directory");
        assertThat(IoErrors.reasonFor(dir.resolve("other"), e)).isEqualTo(IoErrors.describe(e));
    }

    @Test
    void aMissingFileInAnExistingDirectoryIsJustMissing() {
        Path file = dir.resolve("leases4.csv");
        IOException e = failureOf(() -> Files.readString(file));
        assertThat(IoErrors.describe(e)).isEqualTo("'" + file + "': No such file or directory");
    }

    @Test
    void otherKindsOfFileErrors() throws IOException {
        Path file = Files.writeString(dir.resolve("x"), "x");
        assertThat(IoErrors.describe(failureOf(() -> Files.createFile(file)))).isEqualTo("'" + file + "': File exists");
        assertThat(IoErrors.reason(failureOf(() -> Files.newDirectoryStream(file).close()))).isEqualTo("Not a directory");
        assertThat(IoErrors.reason(failureOf(() -> Files.delete(dir)))).isEqualTo("Directory not empty");
        assertThat(IoErrors.reason(failureOf(() -> Files.readString(file.resolve("y"))))).isEqualTo("Not a directory");
    }

    @Test
    void errorsWithTheirOwnTextKeepItAndErrorsWithoutOneSayWhatHappened() {
        assertThat(IoErrors.describe(new IOException("Address already in use"))).isEqualTo("Address already in use");
        assertThat(IoErrors.describe(new EOFException())).isEqualTo("unexpected end of file");
        assertThat(IoErrors.describe(new UncheckedIOException(new java.nio.file.AccessDeniedException("/var/lib/kea/x"))))
                .isEqualTo("'/var/lib/kea/x': Permission denied");
    }
}
