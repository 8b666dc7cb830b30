package ruru.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A self-made PKI for PostgreSQL over TLS, made with the openssl command as an operator makes it:
 * a CA; the server's certificate for {@code localhost} only (a DNS name, no address, so that
 * connecting to 127.0.0.1 with verify-full fails as libpq's does); a client certificate for the
 * role {@code kea} with its RSA key in every form operators have (PKCS#8, PKCS#1, both encrypted
 * with {@link #KEY_PASSWORD}); an EC client certificate for the role {@code keapw} with a SEC1 key;
 * and a second, unrelated CA.
 */
public final class PgTlsFiles {

    public static final String KEY_PASSWORD = "key-pass-41";
    private final Path dir;

    private PgTlsFiles(Path dir) {
        this.dir = dir;
    }

    public static PgTlsFiles create(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        PgTlsFiles f = new PgTlsFiles(dir);
        f.ssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "ca.key",
                "-out", "ca.crt", "-days", "30", "-subj", "/CN=ruru test CA");
        f.ssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout",
                "other-ca.key", "-out", "other-ca.crt", "-days", "30", "-subj", "/CN=some other CA");
        Files.writeString(dir.resolve("server.ext"), "subjectAltName=DNS:localhost\n");
        Files.writeString(dir.resolve("client.ext"), "extendedKeyUsage=clientAuth\n");
        f.ssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "server.key",
                "-out", "server.csr", "-subj", "/CN=localhost");
        f.ssl("x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", "server.crt", "-days", "30", "-extfile", "server.ext");
        // kea: RSA, in PKCS#8, PKCS#1 and both encrypted
        f.ssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "kea.key");
        f.ssl("req", "-new", "-key", "kea.key", "-out", "kea.csr", "-subj", "/CN=kea");
        f.ssl("x509", "-req", "-in", "kea.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", "kea.crt", "-days", "30", "-extfile", "client.ext");
        f.ssl("pkey", "-in", "kea.key", "-traditional", "-out", "kea-pkcs1.key");
        f.ssl("pkcs8", "-topk8", "-in", "kea.key", "-v2", "aes-256-cbc", "-passout", "pass:" + KEY_PASSWORD,
                "-out", "kea-pkcs8-enc.key");
        f.ssl("rsa", "-in", "kea.key", "-traditional", "-aes256", "-passout", "pass:" + KEY_PASSWORD,
                "-out", "kea-pkcs1-enc.key");
        // keapw: EC in SEC1 ("EC PRIVATE KEY")
        f.ssl("ecparam", "-genkey", "-name", "prime256v1", "-noout", "-out", "keapw.key");
        f.ssl("req", "-new", "-key", "keapw.key", "-out", "keapw.csr", "-subj", "/CN=keapw");
        f.ssl("x509", "-req", "-in", "keapw.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", "keapw.crt", "-days", "30", "-extfile", "client.ext");
        return f;
    }

    private void ssl(String... args) throws IOException, InterruptedException {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "openssl";
        System.arraycopy(args, 0, cmd, 1, args.length);
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("openssl.log").toFile()).start();
        if (p.waitFor() != 0) {
            throw new IOException("openssl " + String.join(" ", args) + " failed: "
                    + Files.readString(dir.resolve("openssl.log")));
        }
    }

    public Path file(String name) {
        return dir.resolve(name);
    }

    public Path dir() {
        return dir;
    }
}
