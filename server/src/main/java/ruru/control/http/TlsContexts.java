package ruru.control.http;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * Builds the server side of TLS from Kea's three files. The trust anchor is a PEM file of CA
 * certificates or a directory whose PEM files are all read (OpenSSL's CApath wants hashed names;
 * reading every file accepts that layout and plain ones too).
 */
final class TlsContexts {

    /** Kea's TLS is 1.2 or newer; older versions are disabled by the JDK's defaults as well. */
    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private TlsContexts() {
    }

    static SSLContext serverContext(TlsFiles files) throws IOException {
        List<X509Certificate> chain = Pem.certificates(files.certFile());
        if (chain.isEmpty()) {
            throw new IOException("no certificate found in cert-file " + files.certFile());
        }
        PrivateKey key = Pem.privateKey(files.keyFile());
        List<X509Certificate> anchors = trustAnchors(files.trustAnchor());
        if (anchors.isEmpty()) {
            throw new IOException("no CA certificate found in trust-anchor " + files.trustAnchor());
        }
        checkKeyMatches(key, chain.getFirst(), files);
        try {
            char[] none = new char[0];
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("server", key, none, chain.toArray(X509Certificate[]::new));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, none);
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            for (int i = 0; i < anchors.size(); i++) {
                trust.setCertificateEntry("ca" + i, anchors.get(i));
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            // e.g. the key does not match the certificate
            throw new IOException("cannot set up TLS from cert-file " + files.certFile() + " and key-file "
                    + files.keyFile() + ": the key, the certificate or the trust anchor cannot be used together", e);
        }
    }

    /** The key must belong to the certificate; the JDK would only notice at the first handshake. */
    private static void checkKeyMatches(PrivateKey key, X509Certificate cert, TlsFiles files) throws IOException {
        if (!Pem.keyMatches(key, cert)) {
            throw new IOException("cannot set up TLS from cert-file " + files.certFile() + " and key-file "
                    + files.keyFile() + ": the private key does not match the certificate");
        }
    }

    private static List<X509Certificate> trustAnchors(Path anchor) throws IOException {
        if (!Files.isDirectory(anchor)) {
            return Pem.certificates(anchor);
        }
        List<X509Certificate> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(anchor)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                try {
                    all.addAll(Pem.certificates(f));
                } catch (IOException e) {
                    // Not a certificate file (a CRL, a README): OpenSSL skips those too.
                }
            }
        }
        return all;
    }

    /**
     * TLS 1.2+; cert-required means the handshake fails without a client certificate. Without
     * it the JDK asks for a certificate but, unlike OpenSSL, also goes on when the one offered
     * does not verify; either way such a client is not authenticated by TLS.
     */
    static void configure(SSLSocket socket, boolean certRequired) {
        SSLParameters params = socket.getSSLParameters();
        params.setProtocols(PROTOCOLS);
        if (certRequired) {
            params.setNeedClientAuth(true);
        } else {
            params.setWantClientAuth(true);
        }
        socket.setSSLParameters(params);
    }
}
