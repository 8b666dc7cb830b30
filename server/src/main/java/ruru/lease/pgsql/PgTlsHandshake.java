package ruru.lease.pgsql;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * PostgreSQL's way into TLS on a freshly connected TCP socket, as libpq does it: the 8-byte
 * SSLRequest, the server's one-byte answer ({@code S}: go ahead, {@code N}: no TLS here), the TLS
 * handshake (TLS 1.2 or 1.3), then for {@code verify-full} libpq's host-name check of the server's
 * certificate. Failures carry libpq's wording, which Kea prints after "Unable to open database:".
 */
final class PgTlsHandshake {

    /** SSLRequest: length 8, request code 1234.5679. */
    private static final byte[] SSL_REQUEST = {0, 0, 0, 8, 0x04, (byte) 0xD2, 0x16, 0x2F};
    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private PgTlsHandshake() {
    }

    /** The server would not speak TLS (answered N); the caller decides whether plain text will do. */
    static final class Refused extends SocketException {
        private static final long serialVersionUID = 1L;

        Refused() {
            super("server does not support SSL, but SSL was required");
        }
    }

    /** The TLS handshake or the host-name check failed; under {@code prefer} libpq retries without TLS. */
    static final class Failed extends SocketException {
        private static final long serialVersionUID = 1L;

        Failed(String message, Throwable cause) {
            super(message);
            initCause(cause);
        }
    }

    /**
     * Asks for TLS on {@code plain} and returns the TLS socket over it. {@code host} is the name the
     * configuration gave (what verify-full checks the certificate against).
     *
     * @throws Refused when the server answers N (the socket stays usable for plain text)
     * @throws Failed  when the handshake or the checks fail (the socket is closed)
     */
    static SSLSocket negotiate(Socket plain, String host, int port, PgsqlTls tls, int timeoutMillis)
            throws IOException {
        int before = plain.getSoTimeout();
        plain.setSoTimeout(timeoutMillis);
        OutputStream out = plain.getOutputStream();
        InputStream in = plain.getInputStream();
        out.write(SSL_REQUEST);
        out.flush();
        int answer = in.read();
        if (answer == 'N') {
            plain.setSoTimeout(before);
            throw new Refused();
        }
        if (answer != 'S') {
            plain.close();
            throw new Failed(answer < 0 ? "server closed the connection unexpectedly"
                    : answer == 'E' ? "server sent an error response during SSL exchange"
                    : "received invalid response to SSL negotiation: " + (char) answer, null);
        }
        SSLSocket ssl;
        try {
            ssl = (SSLSocket) PgTlsContext.context(tls).getSocketFactory().createSocket(plain, host, port, true);
        } catch (PgTlsContext.TlsSetupException e) {
            plain.close();
            throw new Failed(e.getMessage(), e);
        }
        try {
            SSLParameters p = ssl.getSSLParameters();
            p.setProtocols(PROTOCOLS);
            ssl.setSSLParameters(p);
            ssl.setUseClientMode(true);
            ssl.startHandshake();
            if (tls.mode() == PgsqlTls.SslMode.VERIFY_FULL) {
                checkHostName((X509Certificate) ssl.getSession().getPeerCertificates()[0], host);
            }
            ssl.setSoTimeout(before);
            return ssl;
        } catch (Failed e) {
            ssl.close();
            throw e;
        } catch (IOException e) {
            ssl.close();
            throw new Failed(describe(e), e);
        }
    }

    /** libpq's texts (OpenSSL's words) for a failed handshake. */
    static String describe(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.security.cert.CertificateException
                    || t instanceof java.security.cert.CertPathValidatorException
                    || t instanceof java.security.cert.CertPathBuilderException) {
                return "SSL error: certificate verify failed";
            }
        }
        String m = e.getMessage() == null ? "" : e.getMessage();
        if (m.startsWith("Received fatal alert: ")) {
            return "SSL error: tlsv1 alert " + m.substring("Received fatal alert: ".length()).replace('_', ' ');
        }
        if (e instanceof EOFException || m.contains("Remote host terminated the handshake")
                || m.contains("closed by peer") || e instanceof SocketException && !(e instanceof SSLException)) {
            return "SSL SYSCALL error: EOF detected";
        }
        if (e instanceof SSLHandshakeException && m.contains("PKIX")) {
            return "SSL error: certificate verify failed";
        }
        return "SSL error: " + m;
    }

    /**
     * libpq's verify-full: every subject alternative name is compared with the host (DNS names as
     * text, case-insensitive, with a left-most {@code *} label; addresses as addresses), and the
     * common name too unless a SAN of the host's own kind (DNS name or address) exists.
     */
    static void checkHostName(X509Certificate cert, String host) throws Failed {
        List<String> names = new ArrayList<>();
        boolean ipHost = isAddress(host);
        boolean checkCn = true;
        try {
            if (cert.getSubjectAlternativeNames() != null) {
                for (List<?> san : cert.getSubjectAlternativeNames()) {
                    int type = (Integer) san.get(0);
                    String value = String.valueOf(san.get(1));
                    if (type == 2) {
                        checkCn &= ipHost;
                        names.add(value);
                        if (dnsMatches(value, host)) {
                            return;
                        }
                    } else if (type == 7) {
                        checkCn &= !ipHost;
                        names.add(value);
                        if (ipHost && sameAddress(value, host)) {
                            return;
                        }
                    }
                }
            }
        } catch (CertificateParsingException e) {
            throw new Failed("could not get server's host name from server certificate", e);
        }
        if (checkCn) {
            String cn = commonName(cert);
            if (cn != null) {
                names.add(cn);
                if (dnsMatches(cn, host)) {
                    return;
                }
            }
        }
        if (names.isEmpty()) {
            throw new Failed("could not get server's host name from server certificate", null);
        }
        String others = names.size() == 1 ? "" : names.size() == 2 ? " (and 1 other name)"
                : " (and " + (names.size() - 1) + " other names)";
        throw new Failed("server certificate for \"" + names.getFirst() + "\"" + others
                + " does not match host name \"" + host + "\"", null);
    }

    private static boolean dnsMatches(String pattern, String host) {
        String p = pattern.toLowerCase(Locale.ROOT);
        String h = host.toLowerCase(Locale.ROOT);
        if (p.startsWith("*.")) {
            int dot = h.indexOf('.');
            return dot > 0 && h.substring(dot).equals(p.substring(1));
        }
        return p.equals(h);
    }

    private static boolean isAddress(String host) {
        return host.indexOf(':') >= 0 || host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }

    private static boolean sameAddress(String a, String b) {
        try {
            if (!isAddress(a)) {
                return false;
            }
            return InetAddress.getByName(a).equals(InetAddress.getByName(b));
        } catch (IOException e) {
            return false;
        }
    }

    private static String commonName(X509Certificate cert) {
        try {
            String cn = null;
            for (Rdn rdn : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    cn = String.valueOf(rdn.getValue());
                }
            }
            return cn;
        } catch (javax.naming.InvalidNameException e) {
            return null;
        }
    }
}
