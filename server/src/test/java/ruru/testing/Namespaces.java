package ruru.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Removes a test's network namespace together with every process still running in it. A daemon a
 * test started inside (dhclient, which forks into the background once bound; named; kea-dhcp4;
 * socat) would otherwise outlive the test: {@code ip netns del} only drops the name, the namespace
 * lives on while a process holds it.
 */
public final class Namespaces {

    private Namespaces() {
    }

    /** Kills every process in {@code ns} (SIGKILL, waiting up to 5 s for each), then deletes it; best effort. */
    public static void delete(String ns) {
        for (long pid : pids(ns)) {
            Optional<ProcessHandle> h = ProcessHandle.of(pid);
            h.ifPresent(ProcessHandle::destroyForcibly);
            h.ifPresent(Namespaces::awaitExit);
        }
        try {
            Process p = new ProcessBuilder("ip", "netns", "del", ns).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            p.waitFor(30, TimeUnit.SECONDS);
        } catch (IOException e) {
            // best effort: the namespace may be gone already
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The processes running in namespace {@code ns} ({@code ip netns pids}); none when it does not exist. */
    public static List<Long> pids(String ns) {
        List<Long> out = new ArrayList<>();
        try {
            Process p = new ProcessBuilder("ip", "netns", "pids", ns).redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
                for (String line : text.split("\\s+")) {
                    if (line.matches("\\d+")) {
                        out.add(Long.parseLong(line));
                    }
                }
            }
        } catch (IOException e) {
            // no ip(8) or no such namespace: nothing to kill
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return out;
    }

    private static void awaitExit(ProcessHandle h) {
        try {
            h.onExit().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // still there after 5 s: the leftover check of the test class reports it
        }
    }
}
