package ruru.control.unix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static ruru.control.unix.SocketClient.LIST_COMMANDS_ANSWER;
import static ruru.control.unix.SocketClient.VERSION_ANSWER;
import static ruru.control.unix.SocketClient.exchange;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import ruru.control.Answer;
import ruru.control.CommandRegistry;

/** Socket file, lock file and lifecycle: the parts an operator sees in the file system. */
class UnixControlSocketFilesTest {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"rw-------", "rw-rw----"})
    void socketFileHasTheRequestedModeAndNoStagingLeftovers(String mode) throws Exception {
        Path path = dir.resolve("m.sock");
        try (UnixControlSocket socket = UnixControlSocket.open(path, PosixFilePermissions.fromString(mode),
                SocketClient.registry())) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS)))
                    .isEqualTo(mode);
            assertThat((int) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS) & S_IFMT).isEqualTo(S_IFSOCK);
            assertThat(Files.getPosixFilePermissions(Path.of(path + ".lock")))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("m.sock", "m.sock.lock");
            }
            // The socket was bound under a staging name and renamed: clients reach it at the final path.
            assertThat(exchange(path, "{\"command\":\"list-commands\"}")).isEqualTo(LIST_COMMANDS_ANSWER);
        }
    }

    @Test
    void staleSocketFileIsReplaced() throws Exception {
        Path path = dir.resolve("s.sock");
        try (ServerSocketChannel crashed = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            crashed.bind(UnixDomainSocketAddress.of(path));
        }
        Files.createFile(Path.of(path + ".lock"));
        assertThat(path).exists();
        Object staleInode = Files.readAttributes(path, "unix:ino").get("ino");
        try (UnixControlSocket socket = UnixControlSocket.open(path, OWNER_ONLY, SocketClient.registry())) {
            assertThat(Files.readAttributes(path, "unix:ino").get("ino")).isNotEqualTo(staleInode);
            assertThat(exchange(path, "{\"command\":\"version-get\"}")).isEqualTo(VERSION_ANSWER);
        }
    }

    @Test
    void secondInstanceOnTheSamePathIsRefusedAndLeavesTheFirstAlone() throws Exception {
        Path path = dir.resolve("d.sock");
        try (UnixControlSocket first = UnixControlSocket.open(path, OWNER_ONLY, SocketClient.registry())) {
            Object inode = Files.readAttributes(path, "unix:ino").get("ino");
            assertThatThrownBy(() -> UnixControlSocket.open(path, OWNER_ONLY, SocketClient.registry()))
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith("cannot lock socket lockfile, " + path + ".lock: ")
                    .hasMessageContaining("holds it");
            assertThat(Files.readAttributes(path, "unix:ino").get("ino")).isEqualTo(inode);
            assertThat(Path.of(path + ".lock")).exists();
            assertThat(exchange(path, "{\"command\":\"version-get\"}")).isEqualTo(VERSION_ANSWER);
        }
    }

    @Test
    void lockHeldByAnotherProcessWithFlockIsRespected() throws Exception {
        Path path = dir.resolve("f.sock");
        Path lock = Path.of(path + ".lock");
        // flock(1) takes the same flock(2) lock a Kea daemon takes on <socket-name>.lock. The shell execs
        // sleep, so the one child the test kills is the process holding on (no orphaned sleep).
        Process holder = new ProcessBuilder("flock", "--close", lock.toString(), "sh", "-c", "echo locked; exec sleep 30")
                .redirectErrorStream(true).start();
        try {
            assertThat(new String(holder.getInputStream().readNBytes(6), StandardCharsets.US_ASCII)).isEqualTo("locked");
            assertThatThrownBy(() -> UnixControlSocket.open(path, OWNER_ONLY, SocketClient.registry()))
                    .hasMessageStartingWith("cannot lock socket lockfile");
            assertThat(path).doesNotExist();
        } finally {
            holder.descendants().forEach(ProcessHandle::destroy);
            holder.destroy();
            holder.waitFor(5, TimeUnit.SECONDS);
        }
        try (UnixControlSocket socket = UnixControlSocket.open(path, OWNER_ONLY, SocketClient.registry())) {
            assertThat(exchange(path, "{\"command\":\"version-get\"}")).isEqualTo(VERSION_ANSWER);
        }
    }

    @Test
    void closeRemovesBothFilesAndEndsIdleConnections() throws Exception {
        Path path = dir.resolve("c.sock");
        UnixControlSocket socket = UnixControlSocket.open(path, OWNER_ONLY, SocketClient.registry());
        try (SocketClient idle = SocketClient.connect(path)) {
            idle.send("{\"command\":");
            await().atMost(Duration.ofSeconds(5)).until(() -> socket.openConnections() == 1);
            long start = System.nanoTime();
            socket.close();
            // No answer. The kernel reports "connection reset" instead of EOF when the server closes
            // before reading what the client sent, so either ending is right; hanging is not.
            try {
                assertThat(idle.readToEof()).isEmpty();
            } catch (AssertionError e) {
                assertThat(e).hasMessage("reading the answer failed").cause().hasMessage("Connection reset");
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
        assertThat(path).doesNotExist();
        assertThat(Path.of(path + ".lock")).doesNotExist();
        assertThatThrownBy(() -> SocketClient.connect(path)).isInstanceOf(IOException.class);
        socket.close();
        // The path is free again.
        try (UnixControlSocket again = UnixControlSocket.open(path, OWNER_ONLY, SocketClient.registry())) {
            assertThat(exchange(path, "{\"command\":\"version-get\"}")).isEqualTo(VERSION_ANSWER);
        }
    }

    @Test
    void closingFromInsideACommandStillAnswersThatCommand() throws Exception {
        // A config-set that moves the control socket closes it while its own command runs; Kea
        // defers that connection's shutdown until the answer is sent.
        Path path = dir.resolve("r.sock");
        AtomicReference<UnixControlSocket> self = new AtomicReference<>();
        CommandRegistry registry = SocketClient.registry();
        registry.register("move-socket", cmd -> {
            self.get().close();
            return Answer.ok("moved");
        });
        self.set(UnixControlSocket.open(path, OWNER_ONLY, registry));
        assertThat(exchange(path, "{\"command\":\"move-socket\"}")).isEqualTo("{ \"result\": 0, \"text\": \"moved\" }");
        assertThat(path).doesNotExist();
        assertThat(Path.of(path + ".lock")).doesNotExist();
    }

    @Test
    void pathOverTheUnixLimitIsRefusedClearly() {
        Path path = dir.resolve("x".repeat(120));
        assertThatThrownBy(() -> UnixControlSocket.open(path, OWNER_ONLY, SocketClient.registry()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("too long").hasMessageContaining("at most 107");
        assertThat(Path.of(path + ".lock")).doesNotExist();
    }

    @Test
    void socatClientAsTheArmShowsIt() throws Exception {
        Path socat = Stream.of("/usr/bin/socat", "/bin/socat", "/usr/local/bin/socat").map(Path::of)
                .filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new AssertionError("this test needs socat: apt-get install socat"));
        Path path = dir.resolve("k.sock");
        try (UnixControlSocket socket = UnixControlSocket.open(path, OWNER_ONLY, SocketClient.registry())) {
            Process process = new ProcessBuilder("sh", "-c",
                    "echo '{ \"command\": \"list-commands\" }' | " + socat + " UNIX:" + path + " -,ignoreeof")
                    .redirectErrorStream(true).start();
            assertThat(process.waitFor(10, TimeUnit.SECONDS)).as("socat finished").isTrue();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(output).isEqualTo(LIST_COMMANDS_ANSWER);
            assertThat(process.exitValue()).isZero();
        }
    }
}
