package ruru.control.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ruru.json.Position;

/** HTTPS from Kea's PEM files, traditional key forms, and mutual TLS (cert-required). */
class HttpTlsTest {

    @TempDir
    static Path dir;
    static TestCertificates pki;

    private HttpControlServer server;

    @BeforeAll
    static void makePki() throws Exception {
        pki = TestCertificates.create(dir);
        assertThat(Files.readString(pki.file("server.key"))).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        assertThat(Files.readString(pki.file("server-ec.key"))).contains("-----BEGIN EC PRIVATE KEY-----");
        assertThat(Files.readString(pki.file("client.key"))).startsWith("-----BEGIN PRIVATE KEY-----");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private InetSocketAddress start(String cert, String key, boolean certRequired, Path anchor) throws IOException {
        HttpSocketSpec spec = new HttpSocketSpec("127.0.0.1", 0,
                Optional.of(new TlsFiles(anchor, pki.file(cert), pki.file(key))), certRequired, Optional.empty(),
                List.of(), Position.NONE);
        server = HttpControlServer.start(spec, HttpControlServerTest.ECHO);
        return server.address();
    }

    /** A client trusting the test CA, presenting {@code name}.pem/.key when given. */
    private static SSLContext client(String name) throws IOException {
        if (name == null) {
            try {
                SSLContext context = SSLContext.getInstance("TLS");
                var tmf = javax.net.ssl.TrustManagerFactory.getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
                var ks = java.security.KeyStore.getInstance("PKCS12");
                ks.load(null, null);
                ks.setCertificateEntry("ca", Pem.certificates(pki.ca()).getFirst());
                tmf.init(ks);
                context.init(null, tmf.getTrustManagers(), null);
                return context;
            } catch (java.security.GeneralSecurityException e) {
                throw new IOException(e);
            }
        }
        // A key plus trust: the server-side builder makes exactly the context a client needs too.
        return TlsContexts.serverContext(new TlsFiles(pki.ca(), pki.file(name + ".pem"), pki.file(name + ".key")));
    }

    private static RawHttp.Response call(InetSocketAddress address, SSLContext context) throws IOException {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(address.getAddress(), address.getPort());
        SSLParameters params = socket.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS"); // checks the IP SAN like curl does
        socket.setSSLParameters(params);
        try (RawHttp c = new RawHttp(socket)) {
            return c.send(RawHttp.post("{ \"command\": \"version-get\" }")).read();
        }
    }

    @Test
    void httpsWithTraditionalRsaKeyServesClientsWithAndWithoutCertificatesWhenNotRequired() throws IOException {
        InetSocketAddress a = start("server.pem", "server.key", false, pki.ca());
        RawHttp.Response r = call(a, client(null));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("[ { \"result\": 0, \"text\": \"version-get\" } ]");
        assertThat(call(a, client("client")).status()).isEqualTo(200);
    }

    @Test
    void mutualTlsRequiresACertificateFromTheTrustAnchor() throws IOException {
        InetSocketAddress a = start("server-ec.pem", "server-ec.key", true, pki.ca());
        assertThat(call(a, client("client")).status()).isEqualTo(200);
        assertThatThrownBy(() -> call(a, client(null))).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> call(a, client("stranger"))).isInstanceOf(IOException.class);
        // The listener is unharmed by the refused handshakes.
        assertThat(call(a, client("client")).status()).isEqualTo(200);
    }

    @Test
    void trustAnchorMayBeADirectory() throws IOException {
        Path anchors = Files.createDirectories(dir.resolve("anchors"));
        Files.copy(pki.ca(), anchors.resolve("ca.pem"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(anchors.resolve("README"), "not a certificate");
        InetSocketAddress a = start("server.pem", "server.key", true, anchors);
        assertThat(call(a, client("client")).status()).isEqualTo(200);
    }

    @Test
    void plainHttpToAnHttpsListenerGetsNoAnswer() throws IOException {
        InetSocketAddress a = start("server.pem", "server.key", false, pki.ca());
        try (RawHttp c = RawHttp.connect(a)) {
            c.send(RawHttp.post("{ \"command\": \"x\" }"));
            byte[] reply;
            try {
                reply = c.socket().getInputStream().readAllBytes();
            } catch (java.net.SocketException e) {
                reply = new byte[0];
            }
            // At most a TLS alert record (content type 21), never an HTTP answer; then the close.
            assertThat(reply.length == 0 || reply[0] == 21).isTrue();
        }
        assertThat(call(a, client(null)).status()).isEqualTo(200);
    }

    @Test
    void unusableFilesFailAtStart() {
        assertThatThrownBy(() -> start("server.pem", "server-ec.key", true, pki.ca()))
                .isInstanceOf(IOException.class).hasMessageContaining("cannot set up TLS");
        assertThatThrownBy(() -> start("server.pem", "ca.pem", true, pki.ca()))
                .isInstanceOf(IOException.class).hasMessageContaining("no private key found");
        assertThatThrownBy(() -> start("server.pem", "server.key", true, pki.file("server.key")))
                .isInstanceOf(IOException.class).hasMessageContaining("no CA certificate found");
    }
}
