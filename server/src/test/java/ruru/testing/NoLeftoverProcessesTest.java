package ruru.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The leftover check finds a process a test started once it has left the JVM's process tree. */
class NoLeftoverProcessesTest {

    @Test
    void findsABackgroundedChildByItsRunValue() throws Exception {
        String token = "self-test-" + UUID.randomUUID();
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", "sleep 60 >/dev/null 2>&1 & echo $!");
        pb.environment().put(NoLeftoverProcesses.VARIABLE, token);
        Process shell = pb.start();
        long orphan = Long.parseLong(new String(shell.getInputStream().readAllBytes()).trim());
        assertThat(shell.waitFor(10, TimeUnit.SECONDS)).isTrue();
        try {
            assertThat(NoLeftoverProcesses.leftovers(token)).extracting(NoLeftoverProcesses.Leftover::pid)
                    .containsExactly(orphan);
            assertThat(NoLeftoverProcesses.leftovers(token).getFirst().commandLine()).isEqualTo("sleep 60");
        } finally {
            ProcessHandle.of(orphan).ifPresent(ProcessHandle::destroyForcibly);
        }
        ProcessHandle.of(orphan).ifPresent(h -> h.onExit().join());
        assertThat(NoLeftoverProcesses.leftovers(token)).isEmpty();
    }
}
