package ruru.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ruru.json.MapElement;
import ruru.testing.DaemonDirs;
import ruru.testing.DaemonProcess;
import ruru.testing.TestJars;

/**
 * Issue 8 item 1, as the review found it: a control-channel user writes a jar through a logger,
 * then has {@code config-test} load it, and {@link Evil}'s static initialiser runs as root. Each
 * step is tried against a real daemon; none may succeed, and Evil never runs.
 */
class ControlChannelCodeExecutionTest {

    private DaemonDirs dirs;
    private Path socket;
    private Path mark;
    private DaemonProcess daemon;

    @BeforeEach
    void start() throws Exception {
        dirs = DaemonDirs.create();
        mark = dirs.root().resolve("evil-ran");
        Path cfg = dirs.writeConfig("kea.json", config("", ""));
        socket = dirs.socket("ctl.sock");
        daemon = DaemonProcess.startIn(null, dirs, Map.of("RURU_TEST_EVIL_MARK", mark.toString()),
                "dhcp4", "-c", cfg.toString());
        daemon.awaitSocket(socket);
    }

    @AfterEach
    void stop() {
        daemon.close();
        dirs.close();
    }

    private static String config(String loggers, String hooks) {
        return """
                { "Dhcp4": {
                    "interfaces-config": { "interfaces": [ ] },
                    "lease-database": { "type": "memfile", "persist": false },
                    "control-socket": { "socket-type": "unix", "socket-name": "ctl.sock" },
                    %s
                    %s
                    "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24" } ] } }
                """.formatted(loggers, hooks);
    }

    private MapElement command(String name, String config) throws Exception {
        return DaemonProcess.call(socket, "{ \"command\": \"" + name + "\", \"arguments\": " + config + " }");
    }

    private static String logger(String output, String pattern) {
        return "\"loggers\": [ { \"name\": \"kea-dhcp4\", \"severity\": \"INFO\", \"output-options\": [ { \"output\": \""
                + output + "\", \"pattern\": \"" + pattern + "\" } ] } ],";
    }

    private static String library(String name) {
        return "\"hooks-libraries\": [ { \"library\": \"" + name + "\" } ],";
    }

    private static String text(MapElement answer) {
        return answer.get("text").asString().orElseThrow();
    }

    @Test
    void aLoggerCannotWriteAJarThatConfigTestThenLoads() throws Exception {
        String manifest = "PK\\u0003\\u0004 Manifest-Version: 1.0\\r\\nRuru-Hook-Library: ruru.security.Evil\\r\\n"
                + "Class-Path: " + dirs.root() + "/\\r\\n%m";
        // 1. A pattern that renders binary bytes is refused.
        MapElement binary = command("config-set", config(logger("evil.jar", manifest), ""));
        assertThat(binary.get("result").asLong()).contains(1L);
        assertThat(text(binary)).contains("'pattern' must not contain control characters");
        // 2. A log file can be named only in the log directory, never the hooks directory.
        MapElement intoHooks = command("config-set", config(logger(dirs.hook("evil.jar").toString(), "%m"), ""));
        assertThat(intoHooks.get("result").asLong()).contains(1L);
        assertThat(text(intoHooks)).contains("invalid path specified: '" + dirs.hooks() + "', supported path is '"
                + dirs.logs() + "'");
        // 3. A text log named evil.jar is accepted, in the log directory, 0640, and gets a line.
        MapElement text = command("config-set", config(logger("evil.jar", "Ruru-Hook-Library: ruru.security.Evil%n"), ""));
        assertThat(text.get("result").asLong()).as(text.toString()).contains(0L);
        DaemonProcess.call(socket, "{ \"command\": \"version-get\" }");
        Path log = dirs.log("evil.jar");
        assertThat(log).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(log))).isEqualTo("rw-r-----");
        assertThat(dirs.hook("evil.jar")).doesNotExist();
        // 4. config-test cannot load it: bare names are looked up in the hooks directory only, and
        //    the log directory is no hooks directory.
        MapElement bare = command("config-test", config("", library("evil.jar")));
        assertThat(bare.get("result").asLong()).contains(1L);
        assertThat(text(bare)).contains("no readable file " + dirs.hook("evil.jar"));
        MapElement byPath = command("config-test", config("", library(log.toString())));
        assertThat(byPath.get("result").asLong()).contains(1L);
        assertThat(text(byPath)).contains("invalid path specified: '" + dirs.logs() + "', supported path is '"
                + dirs.hooks() + "'");
        MapElement set = command("config-set", config("", library(log.toString())));
        assertThat(set.get("result").asLong()).contains(1L);
        assertThat(mark).as("Evil's static initialiser ran").doesNotExist();
    }

    @Test
    void aJarInTheHooksDirectoryRunsNoCodeThroughItsManifestNorDuringConfigTest() throws Exception {
        // Evil's class where issue 8 put it: in a directory named by the manifest's Class-Path.
        Path classes = dirs.root().resolve("classes");
        TestJars.classTree(classes, Evil.class);
        TestJars.classTree(classes, EvilLibrary.class);
        TestJars.manifestWithClassPath(dirs.hook("classpath.jar"), Evil.class.getName(), classes.toUri().toString());
        TestJars.manifestWithClassPath(dirs.hook("classpath-lib.jar"), EvilLibrary.class.getName(),
                classes.toUri().toString());
        // Evil inside the jar, but no hook library: its type is checked before it is initialised.
        TestJars.manifestNaming(dirs.hook("not-a-library.jar"), Evil.class);
        for (String jar : new String[] {"classpath.jar", "classpath-lib.jar", "not-a-library.jar"}) {
            for (String cmd : new String[] {"config-test", "config-set"}) {
                MapElement answer = command(cmd, config("", library(jar)));
                assertThat(answer.get("result").asLong()).as(cmd + " " + jar + ": " + answer).contains(1L);
                assertThat(text(answer)).doesNotContain("Exception").doesNotContain("java.");
            }
        }
        // A real library with a static initialiser: config-test still runs none of its code.
        Path jar = dirs.hook("library.jar");
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar), manifestNaming(EvilLibrary.class))) {
            for (Class<?> c : new Class<?>[] {EvilLibrary.class, Evil.class}) {
                String entry = c.getName().replace('.', '/') + ".class";
                out.putNextEntry(new java.util.jar.JarEntry(entry));
                try (var in = c.getClassLoader().getResourceAsStream(entry)) {
                    in.transferTo(out);
                }
            }
        }
        MapElement test = command("config-test", config("", library("library.jar")));
        assertThat(test.get("result").asLong()).as(test.toString()).contains(0L);
        assertThat(mark).as("Evil's static initialiser ran").doesNotExist();
        // Loading it for real is the operator's decision (it is in the hooks directory): then it runs.
        MapElement set = command("config-set", config("", library("library.jar")));
        assertThat(set.get("result").asLong()).as(set.toString()).contains(0L);
        assertThat(mark).exists();
    }

    private static java.util.jar.Manifest manifestNaming(Class<?> type) {
        java.util.jar.Manifest m = new java.util.jar.Manifest();
        m.getMainAttributes().put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().putValue(TestJars.MANIFEST_ATTRIBUTE, type.getName());
        return m;
    }
}
