package ruru.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Issue 8's {@code Evil}: all it does is leave a file (named by RURU_TEST_EVIL_MARK) when its
 * static initialiser runs, as root in the daemon. No test may ever see that file.
 */
public final class Evil {

    static {
        String mark = System.getenv("RURU_TEST_EVIL_MARK");
        if (mark != null) {
            try {
                Files.writeString(Path.of(mark), "Evil ran in " + ProcessHandle.current().pid() + "\n");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private Evil() {
    }
}
