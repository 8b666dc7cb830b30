package ruru.lease.pgsql;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

import javax.net.SocketFactory;

/**
 * The socket factory pgjdbc uses for ruru's lease database ({@code socketFactory} with this class's
 * name and {@link #argument} as {@code socketFactoryArg}). It lets one connection string list TCP
 * hosts and Unix-socket directories together, as libpq's {@code host} does: each socket directory
 * is given to pgjdbc as a placeholder address from the IPv6 discard prefix (RFC 6666, {@code 100::/64},
 * never a real server), which {@link RoutingSocket} maps back to {@code <directory>/.s.PGSQL.<port>}
 * at connect time (through junixsocket); every other address is an ordinary TCP connection, with
 * TCP keepalive tuned to {@code tcp-user-timeout} when that is set.
 */
public final class PgSocketFactory extends SocketFactory {

    /** TLS settings by the id given in the factory argument (keeping the key password out of the driver's properties). */
    private static final java.util.concurrent.ConcurrentHashMap<PgsqlTls, String> TLS_IDS =
            new java.util.concurrent.ConcurrentHashMap<>();
    private static final java.util.concurrent.ConcurrentHashMap<String, PgsqlTls> TLS_BY_ID =
            new java.util.concurrent.ConcurrentHashMap<>();
    private static final java.util.concurrent.atomic.AtomicInteger TLS_COUNT = new java.util.concurrent.atomic.AtomicInteger();

    private final List<Path> directories;
    private final OptionalInt tcpUserTimeout;
    private final PgsqlTls tls;

    /** @param argument what {@link #argument} made */
    public PgSocketFactory(String argument) {
        List<Path> dirs = new ArrayList<>();
        OptionalInt timeout = OptionalInt.empty();
        PgsqlTls t = PgsqlTls.DEFAULT;
        for (String line : argument.split("\n")) {
            if (line.startsWith("tls=")) {
                t = TLS_BY_ID.getOrDefault(line.substring("tls=".length()), PgsqlTls.DEFAULT);
            } else if (line.startsWith("tcp-user-timeout=")) {
                timeout = OptionalInt.of(Integer.parseInt(line.substring("tcp-user-timeout=".length())));
            } else if (!line.isEmpty()) {
                dirs.add(Path.of(line));
            }
        }
        this.directories = List.copyOf(dirs);
        this.tcpUserTimeout = timeout;
        this.tls = t;
    }

    /** The factory argument for these socket directories (in placeholder order), timeout and TLS settings. */
    static String argument(List<String> socketDirectories, OptionalInt tcpUserTimeout, PgsqlTls tls) {
        StringBuilder b = new StringBuilder();
        // one id per distinct TLS setting for the life of the process (a handful at most)
        String id = TLS_IDS.computeIfAbsent(tls, k -> {
            String fresh = Integer.toString(TLS_COUNT.incrementAndGet());
            TLS_BY_ID.put(fresh, k);
            return fresh;
        });
        b.append("tls=").append(id).append('\n');
        tcpUserTimeout.ifPresent(t -> b.append("tcp-user-timeout=").append(t).append('\n'));
        socketDirectories.forEach(d -> b.append(d).append('\n'));
        return b.toString();
    }

    /** The placeholder host pgjdbc is given for the {@code index}-th socket directory. */
    static String placeholder(int index) {
        return "[100::" + Integer.toHexString(index + 1) + "]";
    }

    /** The socket directory a placeholder address stands for, or -1. */
    static int directoryIndex(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return -1;
        }
        byte[] b = address.getAddress();
        if (b[0] != 0x01 || b[1] != 0) {
            return -1;
        }
        for (int i = 2; i < 14; i++) {
            if (b[i] != 0) {
                return -1;
            }
        }
        return ((b[14] & 0xff) << 8 | (b[15] & 0xff)) - 1;
    }

    Path socketFile(int index, int port) {
        if (index < 0 || index >= directories.size()) {
            return null;
        }
        return directories.get(index).resolve(".s.PGSQL." + port);
    }

    OptionalInt tcpUserTimeout() {
        return tcpUserTimeout;
    }

    PgsqlTls tls() {
        return tls;
    }

    @Override
    public Socket createSocket() {
        return new RoutingSocket(this);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        Socket s = createSocket();
        s.connect(new InetSocketAddress(host, port));
        return s;
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return createSocket(host, port);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        Socket s = createSocket();
        s.connect(new InetSocketAddress(host, port));
        return s;
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return createSocket(address, port);
    }

    static InetAddress resolve(InetSocketAddress a) throws UnknownHostException {
        return a.isUnresolved() ? InetAddress.getByName(a.getHostString()) : a.getAddress();
    }
}
