package ruru.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import ruru.control.http.Pem;

/**
 * The TLS side of {@code ruru shell}, from the PEM files kea-shell takes: {@code --ca} (a file of
 * certificates, or a directory of them, as Python's load_verify_locations) and optionally
 * {@code --cert}/{@code --key} for mutual TLS. PEM reading is the control room's, shared with the
 * HTTP(S) control sockets.
 */
final class ShellTls {

    private static final char[] NO_PASSWORD = new char[0];

    private ShellTls() {
    }

    static SSLContext context(Path ca, Optional<Path> cert, Optional<Path> key) throws IOException,
            GeneralSecurityException {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        int n = 0;
        for (Path file : caFiles(ca)) {
            for (Certificate c : certificates(file)) {
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
            own.setKeyEntry("client", privateKey(key.get()), NO_PASSWORD,
                    certificates(cert.get()).toArray(Certificate[]::new));
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

    private static List<Certificate> certificates(Path file) throws IOException {
        return List.copyOf(Pem.certificates(file));
    }

    private static PrivateKey privateKey(Path file) throws IOException {
        return Pem.privateKey(file);
    }
}
