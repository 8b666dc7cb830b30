package ruru.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kea 2.2 daemon (kea-dhcp4, kea-dhcp6) started as the oracle beside ruru: in the server
 * namespace of a {@link NetnsPair}, its PID and lock files in {@code dir}, its output in
 * {@code dir/kea.log}.
 */
public final class KeaDaemon {

    private KeaDaemon() {
    }

    /**
     * {@code daemon -t file}'s verdict (e.g. /usr/sbin/kea-dhcp4), its PID and lock files in
     * {@code run}: "OK", or the text after "Error encountered: "; a test failure otherwise.
     */
    public static String check(String daemon, Path file, Path run) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(daemon, "-t", file.toString()).redirectErrorStream(true);
        pb.environment().putAll(java.util.Map.of("KEA_PIDFILE_DIR", run.toString(), "KEA_LOCKFILE_DIR",
                run.toString(), "KEA_LOGGER_DESTINATION", "/dev/null"));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(daemon + " -t did not end: " + out);
        }
        if (p.exitValue() == 0) {
            return "OK";
        }
        for (String line : out.split("\n")) {
            if (line.startsWith("Error encountered: ")) {
                return line.substring("Error encountered: ".length());
            }
        }
        throw new AssertionError(daemon + " -t said: " + out + " of " + Files.readString(file));
    }

    public static Process start(NetnsPair net, Path dir, String daemon, Path config) throws IOException {
        List<String> cmd = List.of("ip", "netns", "exec", net.server(), "env", "KEA_PIDFILE_DIR=" + dir,
                "KEA_LOCKFILE_DIR=" + dir, daemon, "-c", config.toString());
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("kea.log").toFile()).start();
    }

    /** Waits (15 s at most) for the daemon's control socket; fails with its log when it exits or opens none. */
    public static void awaitSocket(Path socket, Process p, Path log) throws Exception {
        for (int i = 0; i < 300; i++) {
            if (!p.isAlive()) {
                throw new AssertionError("Kea exited: " + Files.readString(log));
            }
            if (Files.exists(socket)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("Kea opened no socket: " + Files.readString(log));
    }

    /** Waits (20 s at most) until the daemon logged {@code DHCPn_STARTED} in {@code dir/kea.log}. */
    public static void awaitStarted(Process p, Path dir) throws Exception {
        Path log = dir.resolve("kea.log");
        for (int i = 0; i < 400; i++) {
            if (!p.isAlive()) {
                throw new AssertionError("Kea exited: " + Files.readString(log));
            }
            if (Files.exists(log) && Files.readString(log).matches("(?s).*DHCP[46]_STARTED.*")) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("Kea did not start: " + Files.readString(log));
    }

    /** Stops the daemon and waits for it. */
    public static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
    }

    /** The first group of {@code regex} in {@code text} as a number (perfdhcp's report); fails when absent. */
    public static long number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        if (!m.find()) {
            throw new AssertionError("'" + regex + "' in:\n" + text);
        }
        return Long.parseLong(m.group(1));
    }

    /** A PostgreSQL cluster with database {@code db} made by Kea 2.2's {@code kea-admin db-init pgsql} (13.0). */
    public static PgCluster keaAdminDatabase(String db, String user, String password) throws Exception {
        NetnsPair.requireTool("perfdhcp", "kea-admin");
        PgCluster pg = PgCluster.start();
        pg.createDatabase(db, user, password);
        String out = pg.keaAdmin("db-init", "pgsql", "-u", user, "-p", password, "-n", db,
                "-h", pg.socketDir().toString(), "-P", Integer.toString(pg.port()));
        if (!out.contains("Database version reported after initialization: 13.0")) {
            throw new AssertionError("kea-admin db-init pgsql: " + out);
        }
        return pg;
    }
}
