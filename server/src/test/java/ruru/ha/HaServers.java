package ruru.ha;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import ruru.testing.DaemonDirs;
import ruru.testing.DaemonProcess;
import ruru.testing.HaNetwork;

/** HA servers of either implementation (ruru, or Kea 2.2 behind its Control Agent), restartable. */
final class HaServers {

    private HaServers() {
    }

    /** A server of either kind. */
    interface Server extends AutoCloseable {
        void start() throws Exception;

        Path socket();

        /** Kills the DHCP server (a crash). */
        void stop();

        @Override
        void close();
    }

    /** ruru {@code daemon} (dhcp4 or dhcp6) as server {@code n}, control socket s{n}.sock. */
    static Server ruru(DaemonDirs dir, HaNetwork net, int n, String daemon, Path config) {
        return new Server() {
            DaemonProcess p;

            @Override
            public void start() throws Exception {
                p = DaemonProcess.startIn(net.ns(n), dir, Map.of(), daemon, "-c", config.toString());
                p.awaitSocket(socket());
            }

            @Override
            public Path socket() {
                return dir.socket("s" + n + ".sock");
            }

            @Override
            public void stop() {
                if (p != null) {
                    p.close();
                }
            }

            @Override
            public void close() {
                stop();
            }
        };
    }

    /**
     * Kea's {@code program} (kea-dhcp4 or kea-dhcp6) and its agent as server {@code n}, control
     * socket k{n}.sock; stop() kills the DHCP server only, so the agent answers "unable to forward".
     */
    static Server kea(DaemonDirs dir, HaNetwork net, int n, String program, Path[] configs) {
        return new Server() {
            Process dhcp;
            Process agent;

            @Override
            public void start() throws Exception {
                dhcp = net.startKea(n, dir.root(), program, configs[0]);
                if (agent == null) {
                    agent = net.startKea(n, dir.root(), "kea-ctrl-agent", configs[1]);
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (!Files.exists(socket()) || HaTestSetup.state(socket()).equals("unreachable")) {
                    if (!dhcp.isAlive() || System.nanoTime() > deadline) {
                        throw new AssertionError(program + " did not start: "
                                + Files.readString(dir.root().resolve(program + "-" + n + ".out")));
                    }
                    Thread.sleep(100);
                }
            }

            @Override
            public Path socket() {
                return dir.socket("k" + n + ".sock");
            }

            @Override
            public void stop() {
                if (dhcp == null) {
                    return;
                }
                dhcp.destroyForcibly();
                try {
                    dhcp.waitFor(10, TimeUnit.SECONDS);
                    Files.deleteIfExists(socket());
                } catch (Exception e) {
                    // best effort
                }
            }

            @Override
            public void close() {
                stop();
                if (agent != null) {
                    agent.destroyForcibly();
                }
            }
        };
    }
}
