package ruru.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import ruru.testing.DaemonDirs;

/**
 * The training run behind the start-up cache (bin/ruru, bin/package) still exercises what a daemon
 * does: it must load its lease file, answer its exchanges on loopback (a dhcp4 daemon, then a
 * dhcp6 one with rapid commit) and shut down cleanly, or the
 * cache silently covers less of the next start. Runs the trainer as bin/lib/aot.sh does, without
 * the cache flags (making the cache is the JDK's part).
 */
class AotTrainingTest {

    @Test
    void servesTheTrainingExchangesAndShutsDownCleanly() throws Exception {
        try (DaemonDirs dirs = DaemonDirs.create()) {
            Path err = dirs.root().resolve("training.err");
            ProcessBuilder pb = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                    "--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1", "-cp",
                    System.getProperty("java.class.path"), AotTraining.class.getName(), dirs.root().toString())
                    .redirectErrorStream(false).redirectOutput(dirs.root().resolve("training.out").toFile())
                    .redirectError(err.toFile());
            pb.environment().putAll(dirs.env());
            pb.environment().put("KEA_PIDFILE_DIR", dirs.sockets().toString());
            Process p = pb.start();
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError("the training did not finish: " + Files.readString(err));
            }
            String stderr = Files.readString(err);
            assertThat(p.exitValue()).as(stderr).isZero();
            Matcher m = Pattern.compile("ruru AOT training: (\\d+) of (\\d+) exchanges answered").matcher(stderr);
            assertThat(m.find()).as(stderr).isTrue();
            assertThat(Integer.parseInt(m.group(1))).isGreaterThanOrEqualTo(Integer.parseInt(m.group(2)) * 9 / 10);
            List<String> rows = Files.readAllLines(dirs.data("leases4.csv"));
            assertThat(rows).hasSizeGreaterThan(20_000 + 3_600);
            assertThat(Files.readString(dirs.log("training.log")))
                    .contains("DHCP4_LEASE_ALLOC").contains("DCTL_SHUTDOWN").doesNotContain("ERROR");
            // then a dhcp6 daemon, so that a dhcp6 start finds its classes in the cache too
            assertThat(Files.readAllLines(dirs.data("leases6.csv"))).hasSizeGreaterThan(900);
            assertThat(Files.readString(dirs.log("training6.log")))
                    .contains("DHCP6_LEASE_ALLOC").contains("DCTL_SHUTDOWN").doesNotContain("ERROR");
        }
    }
}
