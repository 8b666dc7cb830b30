package ruru.lease.pgsql;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.nio.file.Path;

import jdk.net.ExtendedSocketOptions;
import org.newsclub.net.unix.AFUNIXSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/**
 * The socket pgjdbc gets from {@link PgSocketFactory}: unconnected until pgjdbc connects it, then a
 * Unix-domain socket for a socket-directory placeholder or a TCP socket for anything else; every
 * call pgjdbc makes goes to that socket. Options set before the connect are applied after it.
 */
final class RoutingSocket extends Socket {

    private final PgSocketFactory factory;
    private Socket inner;
    private int soTimeout;
    private boolean tcpNoDelay;
    private boolean keepAlive;
    private boolean closed;

    RoutingSocket(PgSocketFactory factory) {
        this.factory = factory;
    }

    @Override
    public synchronized void connect(SocketAddress endpoint) throws IOException {
        connect(endpoint, 0);
    }

    @Override
    public synchronized void connect(SocketAddress endpoint, int timeout) throws IOException {
        if (!(endpoint instanceof InetSocketAddress isa)) {
            throw new SocketException("unsupported address " + endpoint);
        }
        InetAddress address = PgSocketFactory.resolve(isa);
        int index = PgSocketFactory.directoryIndex(address);
        Socket s;
        if (index >= 0) {
            Path file = factory.socketFile(index, isa.getPort());
            if (file == null) {
                throw new SocketException("no socket directory for " + address);
            }
            AFUNIXSocket u = AFUNIXSocket.newInstance();
            try {
                u.connect(AFUNIXSocketAddress.of(file), timeout);
            } catch (IOException e) {
                u.close();
                throw new SocketException("connection to server on socket \"" + file + "\" failed: "
                        + e.getMessage());
            }
            s = u;
        } else {
            s = tcp(address, isa.getPort(), timeout);
            PgsqlTls tls = factory.tls();
            if (tls.attempts()) {
                s = secure(s, isa.getHostString(), address, isa.getPort(), timeout, tls);
            }
        }
        s.setSoTimeout(soTimeout);
        if (closed) {
            s.close();
            throw new SocketException("Socket is closed");
        }
        inner = s;
    }

    private Socket tcp(InetAddress address, int port, int timeout) throws IOException {
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress(address, port), timeout);
        } catch (IOException e) {
            s.close();
            throw e;
        }
        s.setTcpNoDelay(tcpNoDelay);
        if (factory.tcpUserTimeout().isPresent()) {
            int t = Math.max(1, factory.tcpUserTimeout().getAsInt());
            s.setKeepAlive(true);
            trySet(s, ExtendedSocketOptions.TCP_KEEPIDLE, t);
            trySet(s, ExtendedSocketOptions.TCP_KEEPINTERVAL, Math.max(1, t / 3));
            trySet(s, ExtendedSocketOptions.TCP_KEEPCOUNT, 3);
        } else if (keepAlive) {
            s.setKeepAlive(true);
        }
        return s;
    }

    /**
     * TLS as libpq's sslmode says: {@code prefer} goes on in plain text when the server declines
     * TLS or the handshake fails (libpq retries without TLS then), every other mode fails with
     * libpq's text, as "connection to server at ... failed: ...".
     */
    private Socket secure(Socket plain, String host, InetAddress address, int port, int timeout, PgsqlTls tls)
            throws IOException {
        String where = "connection to server at " + PgsqlConnections.hostAndAddress(host, address) + ", port " + port
                + " failed: ";
        try {
            return PgTlsHandshake.negotiate(plain, host, port, tls, timeout > 0 ? timeout : 10_000);
        } catch (PgTlsHandshake.Refused e) {
            if (tls.mode() == PgsqlTls.SslMode.PREFER) {
                return plain;
            }
            plain.close();
            throw new SocketException(where + e.getMessage());
        } catch (PgTlsHandshake.Failed e) {
            plain.close();
            if (tls.mode() == PgsqlTls.SslMode.PREFER) {
                return tcp(address, port, timeout);
            }
            SocketException failure = new SocketException(where + e.getMessage());
            failure.initCause(e);
            throw failure;
        } catch (IOException e) {
            plain.close();
            throw new SocketException(where + PgTlsHandshake.describe(e));
        }
    }

    private static <T> void trySet(Socket s, java.net.SocketOption<T> option, T value) {
        try {
            s.setOption(option, value);
        } catch (IOException | UnsupportedOperationException e) {
            // not on this platform: the read timeout still bounds a dead server
        }
    }

    private Socket connected() throws SocketException {
        Socket s = inner;
        if (s == null) {
            throw new SocketException("Socket is not connected");
        }
        return s;
    }

    @Override
    public InputStream getInputStream() throws IOException {
        return connected().getInputStream();
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
        return connected().getOutputStream();
    }

    @Override
    public synchronized void setSoTimeout(int timeout) throws SocketException {
        soTimeout = timeout;
        if (inner != null) {
            inner.setSoTimeout(timeout);
        }
    }

    @Override
    public synchronized int getSoTimeout() {
        return soTimeout;
    }

    @Override
    public synchronized void setTcpNoDelay(boolean on) throws SocketException {
        tcpNoDelay = on;
        if (inner != null && !(inner instanceof AFUNIXSocket)) {
            inner.setTcpNoDelay(on);
        }
    }

    @Override
    public synchronized boolean getTcpNoDelay() {
        return tcpNoDelay;
    }

    @Override
    public synchronized void setKeepAlive(boolean on) throws SocketException {
        keepAlive = on;
        if (inner != null && !(inner instanceof AFUNIXSocket)) {
            inner.setKeepAlive(on);
        }
    }

    @Override
    public synchronized boolean getKeepAlive() {
        return keepAlive;
    }

    @Override
    public void setReceiveBufferSize(int size) throws SocketException {
        if (inner != null) {
            inner.setReceiveBufferSize(size);
        }
    }

    @Override
    public void setSendBufferSize(int size) throws SocketException {
        if (inner != null) {
            inner.setSendBufferSize(size);
        }
    }

    @Override
    public boolean isConnected() {
        return inner != null && inner.isConnected();
    }

    @Override
    public boolean isClosed() {
        return closed || inner != null && inner.isClosed();
    }

    @Override
    public InetAddress getInetAddress() {
        return inner == null ? null : inner.getInetAddress();
    }

    @Override
    public int getPort() {
        return inner == null ? 0 : inner.getPort();
    }

    @Override
    public void shutdownInput() throws IOException {
        connected().shutdownInput();
    }

    @Override
    public void shutdownOutput() throws IOException {
        connected().shutdownOutput();
    }

    @Override
    public synchronized void close() throws IOException {
        closed = true;
        if (inner != null) {
            inner.close();
        }
    }

    @Override
    public String toString() {
        return inner == null ? "RoutingSocket[unconnected]" : inner.toString();
    }
}
