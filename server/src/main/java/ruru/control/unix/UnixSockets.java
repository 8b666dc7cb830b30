package ruru.control.unix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** What a path is, as far as UNIX sockets are concerned. */
public final class UnixSockets {

    private UnixSockets() {
    }

    /** Whether the path itself (a link is not followed) is a UNIX socket: S_IFSOCK in its mode. */
    public static boolean isSocket(Path path) {
        try {
            int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            return (mode & 0170000) == 0140000;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }
}
