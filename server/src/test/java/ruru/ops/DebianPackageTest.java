package ruru.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ruru.testing.DaemonProcess;
import ruru.testing.NetnsPair;
import ruru.testing.TestConfigs;

/**
 * The Debian package as an administrator meets it: {@code bin/package} builds the .deb from this
 * checkout, it installs next to Debian's Kea (kea-dhcp4-server stays installed, its configuration
 * untouched), {@code systemd-analyze verify} accepts the units, the dhcp4 unit's ExecStart line runs
 * as the unprivileged _kea user with exactly the unit's two capabilities (no systemd runs as PID 1
 * here, so the test does what systemd would: it creates the unit's RuntimeDirectory=,
 * StateDirectory= and LogsDirectory= for User= with the declared modes, passes its Environment=, and
 * setpriv applies User=, AmbientCapabilities=, CapabilityBoundingSet= and NoNewPrivileges=), keeps its
 * files in Kea's standard directories (socket and PID file in /run/kea, leases in /var/lib/kea),
 * accepts the packaged example, serves ISC dhclient in a network namespace, shows as kea-dhcp4 in
 * /proc/PID/comm, reloads on SIGHUP (the unit's ExecReload), and the package purges without a trace.
 * Bounded: the build has 15 minutes, every step its own timeout.
 */
class DebianPackageTest {

    /** systemd's *Directory= settings: the key, the base its names are under, the mode when not declared. */
    private static final List<List<String>> UNIT_DIRECTORIES = List.of(List.of("RuntimeDirectory", "/run"),
            List.of("StateDirectory", "/var/lib"), List.of("LogsDirectory", "/var/log"));
    /** This JVM's file names in Kea's shared directories (removed again at the end). */
    private static final String TAG = "ruru-test-" + ProcessHandle.current().pid();

    private static Path dir;
    private static Path deb;
    private static NetnsPair net;
    /** Directories this test created as systemd would (removed again when empty). */
    private static final List<Path> created = new ArrayList<>();

    @BeforeAll
    static void build() throws Exception {
        NetnsPair.requireRoot();
        NetnsPair.requireTool("dhclient", "isc-dhcp-client");
        NetnsPair.requireTool("systemd-analyze", "systemd");
        NetnsPair.requireTool("setpriv", "util-linux");
        dir = TestConfigs.shortTempDir();
        run(Duration.ofMinutes(10), "sh", "-c", "dpkg -s kea-dhcp4-server >/dev/null 2>&1 || "
                + "DEBIAN_FRONTEND=noninteractive apt-get install -y -q -o DPkg::Lock::Timeout=300 kea-dhcp4-server");
        Path root = Path.of("..").toAbsolutePath().normalize();
        String out = run(Duration.ofMinutes(15), root.resolve("bin/package").toString(), dir.resolve("deb").toString());
        deb = Path.of(out.strip().lines().reduce((a, b) -> b).orElseThrow());
        assertThat(deb).exists();
        net = NetnsPair.create("k", false, "02:00:00:00:0e:01");
    }

    @AfterAll
    static void cleanup() throws Exception {
        if (net != null) {
            net.close();
        }
        for (Path d : List.of(Path.of("/run/kea"), Path.of("/var/lib/kea"), Path.of("/var/log/kea"))) {
            if (Files.isDirectory(d)) {
                try (var files = Files.list(d)) {
                    for (Path f : files.filter(f -> f.getFileName().toString().startsWith(TAG)).toList()) {
                        Files.deleteIfExists(f);
                    }
                }
            }
        }
        for (Path d : created.reversed()) {
            try {
                Files.deleteIfExists(d);
            } catch (java.nio.file.DirectoryNotEmptyException e) {
                // someone else's files are there now: leave it
            }
        }
        run(Duration.ofMinutes(5), "sh", "-c", "dpkg -s ruru >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive "
                + "apt-get purge -y -q -o DPkg::Lock::Timeout=300 ruru || true");
    }

    static String run(Duration timeout, String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in " + timeout);
        }
        String text = new String(out);
        assertThat(p.exitValue()).as(String.join(" ", command) + ":\n" + text).isZero();
        return text;
    }

    /** The value of a unit file key ({@code ExecStart=...}). */
    static String unitValue(String unit, String key) {
        return unitValues(unit, key).stream().findFirst()
                .orElseThrow(() -> new AssertionError("no " + key + " in unit:\n" + unit));
    }

    /** Every value of a key that may repeat ({@code Environment=}). */
    static List<String> unitValues(String unit, String key) {
        return unit.lines().filter(l -> l.startsWith(key + "=")).map(l -> l.substring(key.length() + 1)).toList();
    }

    /** The unit's Environment= assignments, in order ({@code K=V}, unquoted values only). */
    static List<String> unitEnvironment(String unit) {
        List<String> env = new ArrayList<>();
        for (String line : unitValues(unit, "Environment")) {
            env.addAll(Arrays.asList(line.strip().split("\\s+")));
        }
        assertThat(env).allMatch(a -> a.matches("KEA_[A-Z_]+=/[^\"' ]+"));
        return env;
    }

    /**
     * What systemd does before ExecStart for RuntimeDirectory=, StateDirectory= and LogsDirectory=:
     * each named directory under its base, owned by User=:Group= with the declared mode (0755 when
     * none is declared), whether it existed before or not.
     */
    static void prepareDirectoriesAsSystemd(String unit) throws Exception {
        String owner = unitValue(unit, "User") + ":" + unitValue(unit, "Group");
        for (List<String> kind : UNIT_DIRECTORIES) {
            String mode = unitValues(unit, kind.get(0) + "Mode").stream().findFirst().orElse("0755");
            for (String name : unitValue(unit, kind.get(0)).split(" ")) {
                Path d = Path.of(kind.get(1), name);
                if (!Files.isDirectory(d)) {
                    Path missing = d;
                    while (!Files.isDirectory(missing.getParent())) {
                        missing = missing.getParent();
                    }
                    created.add(missing);
                    Files.createDirectories(d);
                    if (!missing.equals(d)) {
                        created.add(d);
                    }
                }
                run(Duration.ofSeconds(10), "chown", owner, d.toString());
                run(Duration.ofSeconds(10), "chmod", mode, d.toString());
            }
        }
    }

    /** The directory the unit's environment gives a kind of file, and the unit's declaration that creates it. */
    static void assertDeclared(String unit, List<String> env, String variable, String key, String base) {
        String value = env.stream().filter(a -> a.startsWith(variable + "=")).map(a -> a.substring(variable.length() + 1))
                .findFirst().orElseThrow(() -> new AssertionError("unit sets no " + variable));
        assertThat(Arrays.stream(unitValue(unit, key).split(" ")).map(n -> base + "/" + n))
                .as(variable + " is a directory the unit's " + key + "= creates").contains(value);
    }

    @Test
    void buildsInstallsBesideKeaRunsAsKeaUserServesDhclientAndPurgesCleanly() throws Exception {
        String keaConf = run(Duration.ofSeconds(30), "md5sum", "/etc/kea/kea-dhcp4.conf");
        String contents = run(Duration.ofMinutes(1), "dpkg-deb", "-c", deb.toString());
        for (String path : List.of("./usr/sbin/ruru", "./usr/sbin/ruru-dhcp4", "./usr/sbin/ruru-dhcp6",
                "./usr/sbin/ruru-ddns", "./usr/sbin/ruru-agent", "./usr/lib/ruru/ruru.jar",
                "./usr/lib/ruru/runtime/bin/java", "./usr/lib/ruru/bin/kea-dhcp4 -> ../runtime/bin/java",
                "./usr/share/man/man8/ruru.8.gz", "./usr/share/man/man8/ruru-dhcp4.8.gz",
                "./lib/systemd/system/ruru-dhcp4.service", "./lib/systemd/system/ruru-agent.service",
                "./usr/share/doc/ruru/examples/kea-dhcp4.conf")) {
            assertThat(contents).as(path).contains(path);
        }
        assertThat(contents).doesNotContain("./etc/kea/");
        assertThat(run(Duration.ofMinutes(1), "dpkg-deb", "-f", deb.toString(), "Depends")).doesNotContain("java");

        run(Duration.ofMinutes(10), "sh", "-c", "DEBIAN_FRONTEND=noninteractive apt-get install -y -q "
                + "-o DPkg::Lock::Timeout=300 " + deb);
        assertThat(run(Duration.ofSeconds(30), "dpkg", "-s", "kea-dhcp4-server")).contains("Status: install ok installed");
        assertThat(run(Duration.ofSeconds(30), "md5sum", "/etc/kea/kea-dhcp4.conf")).isEqualTo(keaConf);
        assertThat(run(Duration.ofSeconds(30), "/usr/sbin/ruru-dhcp4", "-v").strip()).isEqualTo("3.0.4");
        run(Duration.ofMinutes(2), "systemd-analyze", "verify", "/lib/systemd/system/ruru-dhcp4.service",
                "/lib/systemd/system/ruru-dhcp6.service", "/lib/systemd/system/ruru-ddns.service",
                "/lib/systemd/system/ruru-agent.service");

        String unit = Files.readString(Path.of("/lib/systemd/system/ruru-dhcp4.service"));
        assertThat(unitValue(unit, "User")).isEqualTo("_kea");
        assertThat(unitValue(unit, "ProtectSystem")).isEqualTo("strict");
        assertThat(unitValue(unit, "NoNewPrivileges")).isEqualTo("yes");
        assertThat(unitValue(unit, "ExecReload")).isEqualTo("/bin/kill -HUP $MAINPID");
        String caps = unitValue(unit, "AmbientCapabilities");
        assertThat(caps).isEqualTo(unitValue(unit, "CapabilityBoundingSet")).isEqualTo("CAP_NET_BIND_SERVICE CAP_NET_RAW");

        // One directory per kind of file, created by systemd for _kea: the socket directory may grant
        // no more than 0750 (the daemon refuses it otherwise), and each KEA_*_DIR is one the unit creates.
        assertThat(unitValue(unit, "RuntimeDirectoryMode")).isEqualTo("0750");
        assertThat(unitValue(unit, "StateDirectoryMode")).isEqualTo("0750");
        assertThat(unitValue(unit, "LogsDirectoryMode")).isEqualTo("0750");
        List<String> environment = unitEnvironment(unit);
        assertDeclared(unit, environment, "KEA_CONTROL_SOCKET_DIR", "RuntimeDirectory", "/run");
        assertDeclared(unit, environment, "KEA_PIDFILE_DIR", "RuntimeDirectory", "/run");
        assertDeclared(unit, environment, "KEA_DHCP_DATA_DIR", "StateDirectory", "/var/lib");
        assertDeclared(unit, environment, "KEA_LOG_FILE_DIR", "LogsDirectory", "/var/log");
        prepareDirectoriesAsSystemd(unit);
        Path sockets = Path.of("/run/kea");
        Path data = Path.of("/var/lib/kea");
        assertThat(run(Duration.ofSeconds(10), "stat", "-c", "%a %U", sockets.toString()).strip()).isEqualTo("750 _kea");

        // The unit's ExecStart, as its User= with its capabilities and its environment.
        Path work = Files.createDirectories(dir.resolve("kea"));
        List<String> exec = new ArrayList<>(Arrays.asList(unitValue(unit, "ExecStart").split(" ")));
        assertThat(exec).contains("/etc/kea/kea-dhcp4.conf");
        String capList = Arrays.stream(caps.split(" ")).map(c -> "+" + c.substring(4).toLowerCase(Locale.ROOT))
                .reduce((a, b) -> a + "," + b).orElseThrow();
        List<String> asUnit = new ArrayList<>(List.of("setpriv", "--reuid=_kea", "--regid=_kea", "--init-groups",
                "--inh-caps=" + capList, "--ambient-caps=" + capList, "--bounding-set=-all," + capList, "--no-new-privs",
                "env"));
        asUnit.addAll(environment);
        run(Duration.ofSeconds(30), "chown", "-R", "_kea:_kea", dir.toString());
        run(Duration.ofSeconds(30), "chmod", "0755", dir.toString());

        // The packaged example is accepted in those directories (its files named by bare name).
        Path example = work.resolve("kea-dhcp4.conf");
        Files.copy(Path.of("/usr/share/doc/ruru/examples/kea-dhcp4.conf"), example);
        List<String> check = new ArrayList<>(asUnit);
        check.addAll(exec.stream().map(a -> a.equals("/etc/kea/kea-dhcp4.conf") ? example.toString() : a).toList());
        check.replaceAll(a -> a.equals("-c") ? "-t" : a);
        assertThat(run(Duration.ofMinutes(1), check.toArray(String[]::new))).contains("Syntax check OK");

        // A test configuration in the example's place, its files named by bare name.
        Path cfg = example;
        String socketName = TAG + "-ctl.sock";
        String leaseName = TAG + "-leases4.csv";
        String config = """
                { "Dhcp4": {
                    "interfaces-config": { "interfaces": [ "%s" ] },
                    "control-socket": { "socket-type": "unix", "socket-name": "%s" },
                    "lease-database": { "type": "memfile", "name": "%s" },
                    "valid-lifetime": 600,
                    "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24", "pools": [ { "pool": "192.0.2.100 - 192.0.2.150" } ] } ]
                } }
                """.formatted(net.serverIface(), socketName, leaseName);
        Files.writeString(cfg, config);
        Path socket = sockets.resolve(socketName);
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", net.server()));
        cmd.addAll(asUnit);
        cmd.addAll(exec.stream().map(a -> a.equals("/etc/kea/kea-dhcp4.conf") ? cfg.toString() : a).toList());
        Process daemon = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve("daemon.log").toFile()).start();
        try {
            awaitSocket(daemon, socket, work);
            long pid = daemon.pid();
            // Kea's PID file, in the runtime directory.
            assertThat(Files.readString(sockets.resolve("kea-dhcp4.kea-dhcp4.pid"))).isEqualTo(pid + "\n");
            String status = Files.readString(Path.of("/proc/" + pid + "/status"));
            assertThat(Files.readString(Path.of("/proc/" + pid + "/comm")).strip()).isEqualTo("kea-dhcp4");
            String uid = run(Duration.ofSeconds(10), "id", "-u", "_kea").strip();
            assertThat(status).containsPattern("(?m)^Uid:\\s+" + uid + "\\s+" + uid);
            // CAP_NET_BIND_SERVICE (10) and CAP_NET_RAW (13) only.
            assertThat(status).containsPattern("(?m)^CapEff:\\s+0000000000002400$")
                    .containsPattern("(?m)^CapBnd:\\s+0000000000002400$").containsPattern("(?m)^NoNewPrivs:\\s+1$");

            String lease = dhclient();
            assertThat(lease).startsWith("192.0.2.1");
            assertThat(Files.readString(data.resolve(leaseName))).contains(lease + ",02:00:00:00:0e:01");

            // systemctl reload = SIGHUP: the daemon reads its file again.
            Files.writeString(cfg, config.replace("\"valid-lifetime\": 600", "\"valid-lifetime\": 700"));
            run(Duration.ofSeconds(10), "kill", "-HUP", Long.toString(pid));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!DaemonProcess.send(socket, "{ \"command\": \"config-get\" }")
                    .contains("\"valid-lifetime\": 700")) {
                if (System.nanoTime() >= deadline) {
                    throw new AssertionError("config not reloaded after SIGHUP:\n"
                            + Files.readString(work.resolve("daemon.log")));
                }
                Thread.sleep(200);
            }
            assertThat(daemon.isAlive()).isTrue();
            DaemonProcess.send(socket, "{ \"command\": \"shutdown\" }");
            assertThat(daemon.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(daemon.exitValue()).isZero();
            assertThat(socket).doesNotExist();
            assertThat(sockets.resolve("kea-dhcp4.kea-dhcp4.pid")).doesNotExist();
        } finally {
            daemon.destroyForcibly();
        }

        run(Duration.ofMinutes(5), "sh", "-c", "DEBIAN_FRONTEND=noninteractive apt-get purge -y -q "
                + "-o DPkg::Lock::Timeout=300 ruru");
        for (String gone : List.of("/usr/lib/ruru", "/usr/sbin/ruru", "/usr/sbin/ruru-dhcp4",
                "/lib/systemd/system/ruru-dhcp4.service", "/usr/share/man/man8/ruru.8.gz", "/var/lib/ruru",
                "/usr/share/doc/ruru")) {
            assertThat(Path.of(gone)).as(gone).doesNotExist();
        }
        assertThat(run(Duration.ofSeconds(30), "dpkg", "-s", "kea-dhcp4-server")).contains("Status: install ok installed");
        assertThat(run(Duration.ofSeconds(30), "md5sum", "/etc/kea/kea-dhcp4.conf")).isEqualTo(keaConf);
    }

    private static void awaitSocket(Process daemon, Path socket, Path work) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            if (!daemon.isAlive()) {
                throw new AssertionError("ExecStart exited " + daemon.exitValue() + ":\n"
                        + Files.readString(work.resolve("daemon.log")));
            }
            try {
                if (Files.exists(socket)) {
                    DaemonProcess.send(socket, "{ \"command\": \"version-get\" }");
                    return;
                }
            } catch (java.io.IOException e) {
                // not accepting yet
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no control socket:\n" + Files.readString(work.resolve("daemon.log")));
            }
            Thread.sleep(100);
        }
    }

    private static String dhclient() throws Exception {
        Path script = dir.resolve("dhclient.sh");
        Files.writeString(script, "#!/bin/sh\nexit 0\n");
        run(Duration.ofSeconds(10), "chmod", "0700", script.toString());
        net.exec(net.client(), "timeout", "60", "dhclient", "-1", "-sf", script.toString(), "-lf",
                dir.resolve("dhclient.leases").toString(), "-pf", dir.resolve("dhclient.pid").toString(), net.clientIface());
        String leases = Files.readString(dir.resolve("dhclient.leases"));
        int at = leases.indexOf("fixed-address ");
        assertThat(at).as(leases).isPositive();
        return leases.substring(at + 14, leases.indexOf(';', at));
    }

}
