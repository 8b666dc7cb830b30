package ruru.cli;

import java.util.List;

/**
 * Links the native calls a daemon makes (FFM downcall handles: the control socket's lock file,
 * the DHCP sockets' socket/bind/recvmmsg/sendmsg ...) on a thread of their own while the main
 * thread reads the configuration and loads the leases. Each handle is a class the JVM generates
 * at run time, which the start-up cache cannot hold: made one after the other where they are first
 * used, they took about half of an empty start-up's time to the first answer. Linking is the
 * classes' own static initialisation, so a thread that needs one first simply waits for it; if
 * anything here fails, the class fails the same way where it is used, with its own error.
 */
final class NativeWarmup {

    /** In the order the daemon needs them: the control socket first, then the DHCP sockets. */
    private static final List<String> CLASSES = List.of("ruru.control.unix.SocketLockFile", "ruru.net.Libc");

    private NativeWarmup() {
    }

    /**
     * Starts the linking for a daemon that will serve ({@code -c}); nothing for -t, -v and the like,
     * or with {@code -Druru.native-warmup=off} (to measure what it saves).
     */
    static void startFor(List<String> daemonArgs) {
        if (!daemonArgs.contains("-c") || "off".equals(System.getProperty("ruru.native-warmup"))) {
            return;
        }
        Thread.ofPlatform().name("native-warmup").daemon().start(() -> {
            for (String name : CLASSES) {
                try {
                    Class.forName(name, true, NativeWarmup.class.getClassLoader());
                } catch (ClassNotFoundException | LinkageError e) {
                    return; // the daemon meets the same error where it uses the class, and reports it there
                }
            }
        });
    }
}
