package ruru.ha;

import static org.assertj.core.api.Assertions.assertThat;
import static ruru.ha.HaTestSetup.awaitState;
import static ruru.ha.HaTestSetup.results;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import ruru.ha.HaTestSetup.Result;
import ruru.testing.DaemonDirs;
import ruru.testing.DaemonProcess;
import ruru.testing.HaNetwork;

/**
 * A partner that rejects lease updates (conflict, result 4): each rejected client gets no reply,
 * and once max-rejected-lease-updates distinct clients were rejected the server terminates HA and
 * serves on its own, without lease updates or heartbeats, as Kea 3 does.
 */
class HaRejectedUpdatesEndToEndTest {

    @Test
    void tooManyRejectedLeaseUpdatesTerminateHa() throws Exception {
        DaemonDirs dir = DaemonDirs.create();
        try (HaNetwork net = HaNetwork.create("j")) {
            Path config = HaTestSetup.ruru(dir, net, 1, "hot-standby", "\"max-rejected-lease-updates\": 2");
            Process partner = new ProcessBuilder("ip", "netns", "exec", net.ns(2),
                    ProcessHandle.current().info().command().orElse("java"), "-cp", System.getProperty("java.class.path"),
                    FakeKeaPeer.class.getName(), HaNetwork.SERVER2, "8002")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try (DaemonProcess server1 = HaTestSetup.startRuru(dir, net, 1, config);
                 HaNetwork.Relay relay = net.relay()) {
                BufferedReader out = new BufferedReader(new InputStreamReader(partner.getInputStream(),
                        StandardCharsets.UTF_8));
                assertThat(out.readLine()).isEqualTo("READY");
                Path socket = dir.socket("s1.sock");
                awaitState(socket, "hot-standby", Duration.ofSeconds(30));
                // two clients rejected by the partner: no reply for them, then HA terminates
                List<Result> rejected = results(relay.run("dora 1 2 " + HaNetwork.SERVER1));
                assertThat(rejected).allSatisfy(c -> assertThat(c.address()).isEqualTo("-"));
                awaitState(socket, "terminated", Duration.ofSeconds(10));
                String log = Files.readString(dir.log("s1.log"));
                assertThat(log).contains("HA_LEASE_UPDATE_CONFLICT server1: [hwtype=1 02:43:00:00:00:01], cid=[no info], "
                        + "tid=0x", ": lease update to server2 (http://192.0.2.2:8002/) returned conflict status code: "
                        + "failed to update the lease with address in the partner's database (error code 4)",
                        "HA_REJECTED_LEASE_UPDATES_CAUSE_TERMINATION server1: too many rejected lease updates cause "
                                + "the HA service to terminate", "HA_TERMINATED server1:");
                // terminated: served as in the normal state, with no lease updates
                List<Result> served = results(relay.run("dora 5 2 " + HaNetwork.SERVER1));
                assertThat(served).allSatisfy(c -> assertThat(c.by()).isEqualTo(HaNetwork.SERVER1));
            } finally {
                partner.destroyForcibly();
                partner.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
