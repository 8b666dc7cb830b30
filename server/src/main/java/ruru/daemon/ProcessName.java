package ruru.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives the JVM process Kea's process name in {@code /proc/<pid>/comm} (what {@code ps}, {@code
 * pidof} and Stork's agent read), by renaming the thread-group leader: writing
 * {@code /proc/self/task/<pid>/comm} is allowed to any thread of the process. The launchers also
 * start the JVM through a link of that name (so argv[0] and comm are right from exec); this covers
 * a plain {@code java -jar ruru.jar dhcp4 ...} too.
 */
final class ProcessName {

    private static final Logger LOG = LoggerFactory.getLogger("ruru.process");

    private ProcessName() {
    }

    /** Best effort: on a system without /proc nothing changes, and that is logged at debug. */
    static void set(String name) {
        long pid = ProcessHandle.current().pid();
        // The kernel keeps 15 bytes; Kea's names all fit (kea-ctrl-agent is 14).
        String comm = name.length() > 15 ? name.substring(0, 15) : name;
        Path leader = Path.of("/proc/self/task/" + pid + "/comm");
        try {
            if (!Files.readString(leader, StandardCharsets.US_ASCII).strip().equals(comm)) {
                Files.writeString(leader, comm, StandardCharsets.US_ASCII);
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("process name not set to {}: {}", comm, e.toString());
        }
    }
}
