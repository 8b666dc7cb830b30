package ruru.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One DHCPv6 probe (a main class run in the client namespace) played against kea-dhcp6 2.2 and
 * against ruru, each configured with the same inside of the Dhcp6 map on the pair's server
 * interface, in-memory leases; the probe's output lines are the answer.
 */
public final class Probe6Servers {

    private Probe6Servers() {
    }

    /** What a test checks on the running ruru (its control socket) after the probe. */
    @FunctionalInterface
    public interface After {
        void check(Path socket) throws Exception;
    }

    public static List<String> kea(NetnsPair net, String body, String probe, String... args) throws Exception {
        DaemonDirs dirs = DaemonDirs.create();
        Path dir = dirs.root();
        Path cfg = Files.writeString(dir.resolve("kea.json"), """
                { "Dhcp6": { "interfaces-config": { "interfaces": [ "%s/%s" ] }, "data-directory": "%s",
                  "lease-database": { "type": "memfile", "persist": false }, %s } }
                """.formatted(net.serverIface(), Netns6.SERVER_IP6, dirs.data(), body));
        Process kea = KeaDaemon.start(net, dir, "kea-dhcp6", cfg);
        try {
            KeaDaemon.awaitStarted(kea, dir);
            return TestMains.runInClient(net, dir.resolve("kea.probe"), 120, probe, args);
        } finally {
            KeaDaemon.stop(kea);
        }
    }

    public static List<String> ruru(NetnsPair net, String body, After after, String probe, String... args)
            throws Exception {
        DaemonDirs dirs = DaemonDirs.create();
        Path cfg = dirs.writeConfig("ruru.json", """
                { "Dhcp6": { "interfaces-config": { "interfaces": [ "%s/%s" ] },
                  "control-socket": { "socket-type": "unix", "socket-name": "ctl.sock" },
                  "lease-database": { "type": "memfile", "persist": false }, %s } }
                """.formatted(net.serverIface(), Netns6.SERVER_IP6, body));
        try (DaemonProcess d = DaemonProcess.startIn(net.server(), dirs, Map.of(), "dhcp6", "-c", cfg.toString())) {
            d.awaitSocket(dirs.socket("ctl.sock"));
            List<String> out = TestMains.runInClient(net, dirs.root().resolve("ruru.probe"), 120, probe, args);
            after.check(dirs.socket("ctl.sock"));
            return out;
        }
    }
}
