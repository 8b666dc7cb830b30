package ruru.conformance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import ruru.json.Json;
import ruru.json.MapElement;
import ruru.json.ParseOptions;
import ruru.testing.DaemonDirs;
import ruru.testing.DaemonProcess;

/**
 * A DHCPv4 server under test, running in its lab's server namespace with a control socket and a
 * log file in its own directory: kea-dhcp4 2.2 (the oracle) or ruru. Configurations are given as
 * the inside of the Dhcp4 map; the harness adds the control socket, a fresh lease file per
 * configuration, lease_cmds and a debug log, the same for both servers.
 */
abstract class DhcpServer implements AutoCloseable {

    static final String KEA = "/usr/sbin/kea-dhcp4";
    static final String LEASE_CMDS = "/usr/lib/x86_64-linux-gnu/kea/hooks/libdhcp_lease_cmds.so";

    final Lab lab;
    final Path dir;
    final Path socket;
    final Path log;
    Process process;
    private int generation;

    /** Kea keeps every file in {@code dir}; ruru in its own directory per file kind. */
    DhcpServer(Lab lab, Path dir, Path socket, Path log) {
        this.lab = lab;
        this.dir = dir;
        this.socket = socket;
        this.log = log;
    }

    /** Where the lease file of configuration number {@code generation} goes. */
    abstract Path leaseFile(int generation);

    /** How the configuration names lease_cmds. */
    abstract String leaseCmds();

    /** What precedes a Kea hook library's file name ({@code @HOOKDIR@} in a configuration). */
    String hookDir() {
        return LEASE_CMDS.substring(0, LEASE_CMDS.lastIndexOf('/') + 1);
    }

    /** The directory log files may be written to ({@code @LOGDIR@} in a configuration). */
    Path logDir() {
        return log.getParent();
    }

    abstract String name();

    /** Starts the server on {@code dhcp4} (the Dhcp4 map's inside) and waits for its control socket. */
    abstract void start(String dhcp4) throws IOException, InterruptedException;

    /**
     * The whole configuration file text. {@code @IF@} stands for the server's interface and
     * {@code @LOGDIR@} for the directory it may write log files to; keys the
     * scenario did not set get the harness's values.
     */
    String document(String dhcp4) {
        return document(dhcp4, true);
    }

    private String document(String dhcp4, boolean newLeaseFile) {
        if (newLeaseFile) {
            generation++;
        }
        String body = dhcp4.replace("@IF@", lab.serverIface).replace("@LOGDIR@", logDir().toString())
                .replace("@HOOKDIR@", hookDir()).strip();
        List<String> parts = new ArrayList<>();
        if (!body.isEmpty()) {
            parts.add(body);
        }
        if (!body.contains("\"interfaces-config\"")) {
            parts.add("\"interfaces-config\": { \"interfaces\": [ \"" + lab.serverIface + "\" ] }");
        }
        if (!body.contains("\"lease-database\"")) {
            parts.add("\"lease-database\": { \"type\": \"memfile\", \"lfc-interval\": 0, \"name\": \""
                    + leaseFile(generation) + "\" }");
        }
        if (!body.contains("\"hooks-libraries\"")) {
            parts.add("\"hooks-libraries\": [ { \"library\": \"" + leaseCmds() + "\" } ]");
        }
        parts.add("\"control-socket\": { \"socket-type\": \"unix\", \"socket-name\": \"" + socket + "\" }");
        if (!body.contains("\"loggers\"")) {
            parts.add("\"loggers\": [ { \"name\": \"kea-dhcp4\", \"severity\": \"DEBUG\", \"debuglevel\": 99,"
                    + " \"output_options\": [ { \"output\": \"" + log + "\", \"flush\": true } ] } ]");
        }
        return "{ \"Dhcp4\": { " + String.join(",\n", parts) + " } }";
    }

    /** Replaces the configuration with config-set; the answer map. */
    MapElement configure(String dhcp4) throws IOException {
        return command("{ \"command\": \"config-set\", \"arguments\": " + document(dhcp4) + " }");
    }

    /** config-set keeping the lease file in force. */
    MapElement configureKeepingLeases(String dhcp4) throws IOException {
        return command("{ \"command\": \"config-set\", \"arguments\": " + document(dhcp4, false) + " }");
    }

    MapElement command(String json) throws IOException {
        String text = DaemonProcess.send(socket, json);
        try {
            return (MapElement) Json.parse(text, ParseOptions.string());
        } catch (RuntimeException | ruru.json.JsonException e) {
            throw new IOException(name() + " answered " + text, e);
        }
    }

    /** Everything logged so far. */
    String logText() throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
    }

    void awaitSocket() throws InterruptedException, IOException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError(name() + " exited with " + process.exitValue() + ":\n" + output());
            }
            if (Files.exists(socket)) {
                try {
                    DaemonProcess.send(socket, "{ \"command\": \"version-get\" }");
                    return;
                } catch (IOException e) {
                    // not yet
                }
            }
            Thread.sleep(25);
        }
        throw new AssertionError(name() + " has no control socket:\n" + output());
    }

    String output() throws IOException {
        Path out = dir.resolve("output.txt");
        return Files.exists(out) ? Files.readString(out) : "";
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** kea-dhcp4 2.2 from Debian, the oracle. */
    static final class Kea extends DhcpServer {

        Kea(Lab lab, Path dir) {
            super(lab, dir, dir.resolve("ctrl.sock"), dir.resolve("server.log"));
        }

        @Override
        Path leaseFile(int generation) {
            return dir.resolve("leases-" + generation + ".csv");
        }

        @Override
        String leaseCmds() {
            return LEASE_CMDS;
        }

        @Override
        String name() {
            return "kea-dhcp4";
        }

        @Override
        void start(String dhcp4) throws IOException, InterruptedException {
            if (!Files.isExecutable(Path.of(KEA))) {
                throw new AssertionError("the oracle " + KEA + " is missing: apt-get install kea-dhcp4-server"
                        + " (bin/test installs it when run as root)");
            }
            Path conf = dir.resolve("kea-dhcp4.conf");
            Files.writeString(conf, document(dhcp4));
            ProcessBuilder pb = new ProcessBuilder("ip", "netns", "exec", lab.serverNs, KEA, "-c", conf.toString())
                    .directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("output.txt").toFile());
            pb.environment().putAll(Map.of("KEA_PIDFILE_DIR", dir.toString(), "KEA_LOCKFILE_DIR", dir.toString(),
                    "KEA_LFC_EXECUTABLE", "/bin/true"));
            process = pb.start();
            awaitSocket();
        }
    }

    /** ruru's dhcp4 from the test classpath, started as bin/ruru starts it. */
    static final class Ruru extends DhcpServer {

        final DaemonDirs dirs;

        Ruru(Lab lab, DaemonDirs dirs) {
            super(lab, dirs.root(), dirs.socket("ctrl.sock"), dirs.log("server.log"));
            this.dirs = dirs;
        }

        @Override
        Path leaseFile(int generation) {
            return dirs.data("leases-" + generation + ".csv");
        }

        /** ruru's built-in libraries go by their Kea file names alone. */
        @Override
        String hookDir() {
            return "";
        }

        /** Built in: ruru loads no C++ library; the name is what a Kea configuration says. */
        @Override
        String leaseCmds() {
            return "libdhcp_lease_cmds.so";
        }

        @Override
        String name() {
            return "ruru";
        }

        @Override
        void start(String dhcp4) throws IOException, InterruptedException {
            Path conf = dirs.configFile("ruru-dhcp4.json");
            Files.writeString(conf, document(dhcp4));
            List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", lab.serverNs,
                    ProcessHandle.current().info().command().orElse("java"), "--enable-native-access=ALL-UNNAMED",
                    "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp", System.getProperty("java.class.path"),
                    "ruru.cli.Main", "dhcp4", "-c", conf.toString()));
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("output.txt").toFile());
            pb.environment().putAll(dirs.env());
            process = pb.start();
            awaitSocket();
        }
    }
}
