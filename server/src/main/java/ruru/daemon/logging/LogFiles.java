package ruru.daemon.logging;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * What happens before a log file is opened (at start and after each rotation): its directory must
 * exist already (a logger never creates directories), and a file that does not exist yet is
 * created 0640 whatever the umask (Kea's CVE-2025-32803 was log files readable by everyone). An
 * existing file keeps the mode its operator gave it, but must be a regular file.
 */
final class LogFiles {

    private LogFiles() {
    }

    static void prepare(String fileName) throws IOException {
        Path file = Path.of(fileName).toAbsolutePath().normalize();
        Path dir = file.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IOException("log directory " + dir + " does not exist; a logger never creates directories");
        }
        if (Files.exists(file)) {
            if (!Files.isRegularFile(file)) {
                throw new IOException(file + " is not a regular file");
            }
            return;
        }
        try {
            // 0600 at creation (the umask can only remove bits), then widened to exactly 0640.
            FileChannel.open(file, java.util.Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))).close();
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        } catch (FileAlreadyExistsException e) {
            // created meanwhile by another appender of the same file: it did the same
        }
    }
}
