package ruru.control.http;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The client side of TLS from Kea's PEM files: the CA certificates the server is checked against
 * (a file, or a directory of files) and optionally a certificate and key for mutual TLS. Used by
 * {@code ruru shell} (kea-shell's --ca/--cert/--key) and by the HA library towards its peers.
 */
public final class ClientTls {

    private static final char[] NO_PASSWORD = new char[0];

    private ClientTls() {
    }

    public static SSLContext context(Path ca, Optional<Path> cert, Optional<Path> key) throws IOException,
            GeneralSecurityException {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        int n = 0;
        for (Path file : caFiles(ca)) {
            for (Certificate c : Pem.certificates(file)) {
                trust.setCertificateEntry("ca" + n++, c);
            }
        }
        if (n == 0) {
            throw new GeneralSecurityException("no certificate found in " + ca);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = null;
        if (cert.isPresent() && key.isPresent()) {
            KeyStore own = KeyStore.getInstance(KeyStore.getDefaultType());
            own.load(null, null);
            List<java.security.cert.X509Certificate> chain = Pem.certificates(cert.get());
            own.setKeyEntry("client", Pem.privateKey(key.get()), NO_PASSWORD, chain.toArray(Certificate[]::new));
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(own, NO_PASSWORD);
        }
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }

    private static List<Path> caFiles(Path ca) throws IOException {
        if (!Files.isDirectory(ca)) {
            return List.of(ca);
        }
        try (Stream<Path> s = Files.list(ca)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
