package ruru.daemon;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.StandardProtocolFamily;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Optional;

import ruru.daemon.stats.StatsManager;
import ruru.ddns.names.ClientName;
import ruru.ddns.names.DdnsParams;
import ruru.ddns.names.NameDecider;
import ruru.io.Syscalls;
import ruru.net.ReceiveWarmup;

/**
 * Takes the JVM's one-time set-ups that a daemon's start waits for off its main thread: while the
 * main thread sets up logging and reads and checks the configuration, two background threads do
 * (one the downcall, the other the rest, in the order the main thread will want them)
 * <ul>
 * <li>the default time zone (the daemon's clock and its log timestamps read the zone rules),</li>
 * <li>the native downcall of {@link Syscalls} and its first call (the JVM generates its classes at
 *     run time, some 50 ms in the interpreter, and cannot keep them in the start-up cache: the
 *     control socket's lock file and every DHCP socket need it),</li>
 * <li>the JDK's UNIX-domain socket support (it seeds a {@code SecureRandom} when first used, some
 *     20 ms: the control socket), and</li>
 * <li>SHA-256 (the configuration's hash, when the first configuration's completion line is written).</li>
 * </ul>
 * and, in a DHCP server, once the downcall is made, what the first query's path meets for the first time: the
 * receive buffers' native accesses ({@link ReceiveWarmup}) and the type switches of the
 * statistics and of the DDNS name decision (each pattern {@code switch} makes a class of its own
 * at its first run, some milliseconds before the JIT has compiled anything), on values of their
 * own: no socket, lease or statistic of the daemon is touched.
 * Nothing here changes what the daemon does or in which order: each step only initialises classes
 * (a main thread that gets there first waits for, or does, the same initialisation itself) and
 * errors are ignored (the main thread meets and reports them in its own time). On a machine with
 * one CPU the threads only take turns with the main thread; with two or more the daemon answers
 * its first query sooner. {@code -Druru.startWarmer=false} turns them off, {@code =one} uses one
 * thread for all (to measure them).
 */
final class StartWarmer {

    private StartWarmer() {
    }

    /** Starts the warming threads (daemon threads: they never hold up an exit). */
    static void start(DaemonKind kind) {
        String mode = System.getProperty("ruru.startWarmer", "true");
        if (mode.equals("false")) {
            return;
        }
        if (mode.equals("one")) {
            thread("ruru-start-warmer", () -> {
                zone();
                syscalls();
                unixSockets();
                sha256();
                firstQuery(kind);
            });
            return;
        }
        // two threads: the downcall takes as long as the rest together, and the main thread wants
        // it and the UNIX socket at about the same moment (the control socket's lock file, then its socket)
        thread("ruru-start-warmer", () -> {
            syscalls();
            firstQuery(kind);
        });
        thread("ruru-start-warmer2", () -> {
            zone();
            unixSockets();
            sha256();
        });
    }

    private static void thread(String name, Runnable steps) {
        Thread t = new Thread(steps, name);
        t.setDaemon(true);
        t.start();
    }

    private static void zone() {
        step(ZoneId::systemDefault);
    }

    private static void syscalls() {
        step(() -> {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment state = arena.allocate(Syscalls.errnoStateLayout());
                // close(-1): EBADF, touches nothing; runs the downcall's invocation path once
                Syscalls.call(state, Syscalls.CLOSE, -1L, 0L, 0L);
            }
        });
    }

    private static void firstQuery(DaemonKind kind) {
        if (kind != DaemonKind.DHCP4 && kind != DaemonKind.DHCP6) {
            return;
        }
        step(ReceiveWarmup::run);
        step(() -> NameDecider.decide(ClientName.NONE, Optional.empty(), "192.0.2.1", DdnsParams.DISABLED));
        step(() -> {
            StatsManager stats = new StatsManager(Clock.systemUTC());
            stats.addValue("start-warmer", 1L); // made
            stats.addValue("start-warmer", 1L); // recorded and trimmed, as a counter the first query bumps
        });
    }

    private static void unixSockets() {
        step(() -> {
            try (ServerSocketChannel unix = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                unix.isOpen();
            }
        });
    }

    private static void sha256() {
        step(() -> MessageDigest.getInstance("SHA-256").digest("ruru".getBytes(StandardCharsets.UTF_8)));
    }

    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }

    private static void step(Step s) {
        try {
            s.run();
        } catch (Exception | LinkageError e) {
            // the main thread meets the same failure where it matters and reports it there
        }
    }
}
