package ruru.lease.pgsql;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509KeyManager;
import javax.net.ssl.X509TrustManager;

import ruru.control.http.Pem;

/**
 * The JDK TLS context of a PostgreSQL connection, from {@link PgsqlTls}, with libpq's rules: the
 * server's chain is checked against the trust anchor when one is given (in every mode, as libpq
 * does with a root certificate file) and never otherwise ({@code prefer} and {@code require}
 * without one only encrypt); the client certificate is offered whenever the server asks, whatever
 * CA names it lists (libpq sends its certificate the same way).
 */
final class PgTlsContext {

    private PgTlsContext() {
    }

    /** A TLS file that cannot be used; {@code key} names the configuration key at fault. */
    static final class TlsSetupException extends IOException {
        private static final long serialVersionUID = 1L;
        private final String key;

        TlsSetupException(String key, String message) {
            super(message);
            this.key = key;
        }

        String key() {
            return key;
        }
    }

    /** Reads every file as a connection would, so a configuration check reports what a connection would meet. */
    static void check(PgsqlTls tls) throws TlsSetupException {
        context(tls);
    }

    static SSLContext context(PgsqlTls tls) throws TlsSetupException {
        TrustManager trust = tls.trustAnchor().isPresent() ? anchored(tls.trustAnchor().get()) : new TrustAll();
        X509KeyManager own = null;
        if (tls.certFile().isPresent() && tls.keyFile().isPresent()) {
            own = clientKey(tls.certFile().get(), tls.keyFile().get(), tls.keyPassword());
        }
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(own == null ? null : new javax.net.ssl.KeyManager[] {own}, new TrustManager[] {trust}, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new TlsSetupException("trust-anchor", "cannot set up TLS: " + e.getMessage());
        }
    }

    private static TrustManager anchored(Path anchor) throws TlsSetupException {
        List<X509Certificate> cas = new ArrayList<>();
        try {
            for (Path f : files(anchor)) {
                try {
                    cas.addAll(Pem.certificates(f));
                } catch (IOException e) {
                    if (!Files.isDirectory(anchor)) {
                        throw e;
                    }
                    // a directory may hold CRLs and other files: OpenSSL skips them too
                }
            }
        } catch (IOException e) {
            throw new TlsSetupException("trust-anchor", "could not read root certificate file \"" + anchor + "\": "
                    + e.getMessage());
        }
        if (cas.isEmpty()) {
            throw new TlsSetupException("trust-anchor", "could not read root certificate file \"" + anchor
                    + "\": no certificate found");
        }
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (int i = 0; i < cas.size(); i++) {
                store.setCertificateEntry("ca" + i, cas.get(i));
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
            tmf.init(store);
            for (TrustManager tm : tmf.getTrustManagers()) {
                if (tm instanceof X509TrustManager) {
                    return tm;
                }
            }
            throw new GeneralSecurityException("no X.509 trust manager");
        } catch (GeneralSecurityException | IOException e) {
            throw new TlsSetupException("trust-anchor", "could not load root certificate file \"" + anchor + "\": "
                    + e.getMessage());
        }
    }

    private static List<Path> files(Path anchor) throws IOException {
        if (!Files.isDirectory(anchor)) {
            return List.of(anchor);
        }
        try (Stream<Path> s = Files.list(anchor)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static X509KeyManager clientKey(Path certFile, Path keyFile, PgsqlSettings.Secret password)
            throws TlsSetupException {
        List<X509Certificate> chain;
        try {
            chain = Pem.certificates(certFile);
        } catch (IOException e) {
            throw new TlsSetupException("cert-file", "could not read certificate file \"" + certFile + "\": "
                    + e.getMessage());
        }
        if (chain.isEmpty()) {
            throw new TlsSetupException("cert-file", "could not read certificate file \"" + certFile
                    + "\": no certificate found");
        }
        PrivateKey key;
        char[] pw = password.value().toCharArray();
        try {
            key = Pem.privateKey(keyFile, pw);
        } catch (IOException e) {
            String m = e.getMessage();
            throw new TlsSetupException(m != null && m.contains("key-password") ? "key-password" : "key-file",
                    m != null && m.startsWith("could not") || m != null && m.startsWith("private key")
                            ? m : "could not load private key file \"" + keyFile + "\": " + m);
        } finally {
            java.util.Arrays.fill(pw, '\0');
        }
        if (!Pem.keyMatches(key, chain.getFirst())) {
            throw new TlsSetupException("key-file", "certificate does not match private key file \"" + keyFile + "\"");
        }
        return new OneKey(key, chain.toArray(X509Certificate[]::new));
    }

    /** The one client certificate, offered whatever the server's CA list says (as libpq does). */
    private record OneKey(PrivateKey key, X509Certificate[] chain) implements X509KeyManager {
        private static final String ALIAS = "client";

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return new String[] {ALIAS};
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return ALIAS;
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return new String[0];
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return ALIAS.equals(alias) ? chain.clone() : null;
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return ALIAS.equals(alias) ? key : null;
        }

        @Override
        public String toString() {
            return "OneKey[" + chain[0].getSubjectX500Principal() + "]";
        }
    }

    /** {@code prefer} / {@code require} without a trust anchor: encryption without authentication, as libpq. */
    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType)
                throws java.security.cert.CertificateException {
            throw new java.security.cert.CertificateException("client side only");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // libpq's require: no verification without a root certificate
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
