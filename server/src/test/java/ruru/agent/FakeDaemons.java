package ruru.agent;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import ruru.control.Answer;
import ruru.control.CommandRegistry;
import ruru.control.unix.UnixControlSocket;
import ruru.json.Element;
import ruru.json.MapElement;

/**
 * Daemons for the agent to forward to: real UNIX control sockets with a small command set, and
 * the broken kinds (a socket file nobody listens on, a daemon that never answers).
 */
final class FakeDaemons implements AutoCloseable {

    private final List<AutoCloseable> open = new ArrayList<>();
    /** Every command a fake daemon received, as "service:command:sawServiceKey". */
    final List<String> received = new CopyOnWriteArrayList<>();

    /** A daemon answering version-get with its name and echo with its arguments. */
    Path daemon(Path dir, String service) throws IOException {
        CommandRegistry registry = new CommandRegistry("test." + service);
        registry.register("version-get", cmd -> {
            received.add(service + ":" + cmd.name() + ":" + !cmd.services().isEmpty());
            return Answer.ok(service);
        });
        registry.register("echo", cmd -> {
            received.add(service + ":" + cmd.name() + ":" + !cmd.services().isEmpty());
            return Answer.ok(service, cmd.arguments() == null ? MapElement.builder().build() : cmd.arguments());
        });
        Path socket = dir.resolve(service + ".sock");
        open.add(UnixControlSocket.open(socket, PosixFilePermissions.fromString("rw-------"), registry));
        return socket;
    }

    /** A socket file left behind by a listener that has gone: connecting is refused. */
    Path refusing(Path dir, String name) throws IOException {
        Path socket = dir.resolve(name);
        ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        s.bind(UnixDomainSocketAddress.of(socket));
        s.close();
        return socket;
    }

    /** A daemon that accepts and never answers. */
    Path silent(Path dir, String name) throws IOException {
        Path socket = dir.resolve(name);
        ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        s.bind(UnixDomainSocketAddress.of(socket));
        List<SocketChannel> held = new CopyOnWriteArrayList<>();
        Thread.ofVirtual().start(() -> {
            try {
                while (true) {
                    held.add(s.accept());
                }
            } catch (IOException e) {
                // closed by the test
            }
        });
        open.add(() -> {
            s.close();
            for (SocketChannel c : held) {
                c.close();
            }
        });
        return socket;
    }

    static Element args(String key, String value) {
        return MapElement.builder().put(key, value).build();
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }
}
