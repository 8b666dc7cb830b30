package ruru.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A private PostgreSQL cluster from Debian's postgresql package, owned by the test: its own data
 * directory, a free TCP port on 127.0.0.1 and a socket directory (reachable from network
 * namespaces, as a local Kea site connects). The superuser {@code postgres} connects by socket
 * without a password; every other role needs its password (scram-sha-256), as on a real site.
 */
public final class PgCluster implements AutoCloseable {

    private final Path dir;
    private final Path data;
    private final Path socketDir;
    private final int port;
    private final Path bin;
    private String options = "-c listen_addresses=127.0.0.1";
    private String netns;

    private PgCluster(Path dir, Path bin, int port) {
        this.dir = dir;
        this.data = dir.resolve("data");
        this.socketDir = dir.resolve("s");
        this.bin = bin;
        this.port = port;
    }

    /** Fails loudly without root or Debian's postgresql (bin/test installs it). */
    public static PgCluster start() throws IOException, InterruptedException {
        NetnsPair.requireRoot();
        Path bin = postgresBin();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "rurupg");
        PgCluster c = new PgCluster(dir, bin, port);
        Files.createDirectories(c.socketDir);
        run(null, "chown", "-R", "postgres:postgres", dir.toString());
        run(null, "chmod", "755", dir.toString());
        c.asPostgres(bin.resolve("initdb").toString(), "-D", c.data.toString(), "-U", "postgres",
                "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--no-sync");
        Files.writeString(c.data.resolve("pg_hba.conf"), """
                local all postgres trust
                local all all scram-sha-256
                host all all 127.0.0.1/32 scram-sha-256
                local replication all trust
                host replication all 127.0.0.1/32 trust
                """);
        c.startServer();
        return c;
    }

    static Path postgresBin() {
        try (Stream<Path> s = Files.list(Path.of("/usr/lib/postgresql"))) {
            return s.map(p -> p.resolve("bin")).filter(p -> Files.isExecutable(p.resolve("initdb")))
                    .max(Comparator.naturalOrder())
                    .orElseThrow(() -> new AssertionError("no initdb under /usr/lib/postgresql"));
        } catch (IOException e) {
            throw new AssertionError("this test needs Debian's PostgreSQL: apt-get install postgresql "
                    + "(bin/test installs it when run as root)", e);
        }
    }

    /**
     * Turns TLS on: the server's certificate and key from {@code files}, its CA as the one client
     * certificates must chain to, and {@code hba} as pg_hba.conf (hostssl / hostnossl lines);
     * restarts the server.
     */
    public void enableTls(PgTlsFiles files, String hba) throws IOException, InterruptedException {
        stopServer();
        for (String f : new String[] {"server.crt", "server.key", "ca.crt"}) {
            Files.copy(files.file(f), data.resolve(f), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        run(null, "chown", "postgres:postgres", data.resolve("server.crt").toString(), data.resolve("server.key").toString(),
                data.resolve("ca.crt").toString());
        run(null, "chmod", "600", data.resolve("server.key").toString());
        Files.writeString(data.resolve("pg_hba.conf"), hba);
        options = options + " -c ssl=on -c ssl_cert_file=server.crt -c ssl_key_file=server.key -c ssl_ca_file=ca.crt";
        startServer();
    }

    /**
     * Restarts the server inside a network namespace: its TCP listener on 127.0.0.1 is then that
     * namespace's (for a daemon there that must reach it over TCP, e.g. with TLS); the socket
     * directory stays reachable from everywhere.
     */
    public void restartIn(String namespace) throws IOException, InterruptedException {
        stopServer();
        netns = namespace;
        startServer();
    }

    public void startServer() throws IOException, InterruptedException {
        if (netns != null) {
            run(null, "ip", "netns", "exec", netns, "runuser", "-u", "postgres", "--", bin.resolve("pg_ctl").toString(),
                    "-D", data.toString(), "-w", "-t", "60", "-l", dir.resolve("server.log").toString(), "-o",
                    "-p " + port + " -k " + socketDir + " " + options + " -c fsync=off"
                            + " -c max_connections=200 -c shared_buffers=64MB", "start");
            return;
        }
        asPostgres(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-w", "-t", "60", "-l",
                dir.resolve("server.log").toString(), "-o",
                "-p " + port + " -k " + socketDir + " " + options + " -c fsync=off"
                        + " -c max_connections=200 -c shared_buffers=64MB", "start");
    }

    /** Stops the server as a crash would ({@code -m immediate}): only committed transactions survive. */
    public void stopServer() throws IOException, InterruptedException {
        asPostgres(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-w", "-m", "immediate", "stop");
    }

    /**
     * A hot standby of this cluster, streaming synchronously (a commit on the primary waits for the
     * standby), on the same port with its own socket directory and no TCP listener: the pair a
     * connection lists as {@code "host": "<primary dir>,<standby dir>"}. The primary is restarted
     * with {@code synchronous_standby_names}.
     */
    public PgCluster standby() throws IOException, InterruptedException {
        Path sdir = Files.createTempDirectory(Path.of("/tmp"), "rurupgs");
        PgCluster s = new PgCluster(sdir, bin, port);
        s.options = "-c listen_addresses=''";
        Files.createDirectories(s.socketDir);
        run(null, "chown", "-R", "postgres:postgres", sdir.toString());
        run(null, "chmod", "755", sdir.toString());
        s.asPostgres(bin.resolve("pg_basebackup").toString(), "-h", socketDir.toString(), "-p", Integer.toString(port),
                "-U", "postgres", "-D", s.data.toString(), "-R", "-X", "stream", "-c", "fast");
        Files.writeString(s.data.resolve("postgresql.auto.conf"), "\napplication_name = 'standby'\n"
                + "primary_conninfo = 'host=" + socketDir + " port=" + port + " user=postgres application_name=standby'\n",
                java.nio.file.StandardOpenOption.APPEND);
        s.startServer();
        stopServer();
        options = options + " -c synchronous_standby_names=standby";
        startServer();
        return s;
    }

    /** Makes a standby the primary (pg_ctl promote), waiting until it accepts writes. */
    public void promote() throws IOException, InterruptedException {
        asPostgres(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-w", "promote");
    }

    public Path socketDir() {
        return socketDir;
    }

    public int port() {
        return port;
    }

    public Path directory() {
        return dir;
    }

    public Path bin() {
        return bin;
    }

    /** Creates a role with this password and a database it owns. */
    public void createDatabase(String name, String user, String password) throws IOException, InterruptedException {
        psql("postgres", "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + user + "') THEN "
                + "CREATE ROLE " + user + " LOGIN PASSWORD '" + password + "'; END IF; END $$;");
        psql("postgres", "CREATE DATABASE " + name + " OWNER " + user);
    }

    /** Kea 2.2's kea-admin db-init pgsql, connecting through the socket directory. */
    public String keaAdmin(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("kea-admin"));
        cmd.addAll(List.of(args));
        return run(Map.of("PGPORT", Integer.toString(port), "PGHOST", socketDir.toString()),
                cmd.toArray(String[]::new));
    }

    /** Runs SQL as the superuser; returns psql's unaligned, tuples-only output. */
    public String psql(String database, String sql) throws IOException, InterruptedException {
        return run(null, "psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", socketDir.toString(), "-p",
                Integer.toString(port), "-U", "postgres", "-d", database, "-Atc", sql).strip();
    }

    public String asPostgres(String... command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        cmd.addAll(List.of(command));
        return run(null, cmd.toArray(String[]::new));
    }

    public static String run(Map<String, String> env, String... command) throws IOException, InterruptedException {
        return Commands.run(env, command);
    }

    @Override
    public void close() {
        try {
            asPostgres(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-w", "-m", "immediate", "stop");
        } catch (IOException | InterruptedException e) {
            // already stopped
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort
        }
    }
}
