package ruru.control.http;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away PKI made with the openssl command line: a CA, a server certificate for IP
 * 127.0.0.1 (RSA key in the traditional "BEGIN RSA PRIVATE KEY" form, and an EC one in SEC1
 * "BEGIN EC PRIVATE KEY" form), a client certificate (PKCS#8 key), and a stranger signed by
 * another CA. Fails loudly when openssl is missing.
 */
public record TestCertificates(Path dir) {

    public Path ca() {
        return dir.resolve("ca.pem");
    }

    public Path file(String name) {
        return dir.resolve(name);
    }

    public static TestCertificates create(Path dir) throws IOException, InterruptedException {
        Files.writeString(dir.resolve("server.ext"), "subjectAltName=IP:127.0.0.1\n");
        Files.writeString(dir.resolve("client.ext"), "extendedKeyUsage=clientAuth\n");
        run(dir, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem",
                "-days", "2", "-subj", "/CN=ruru test CA");
        run(dir, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "other-ca.key", "-out",
                "other-ca.pem", "-days", "2", "-subj", "/CN=another CA");
        // server, RSA, key converted to the traditional PKCS#1 form
        run(dir, "openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.p8", "-out", "server.csr",
                "-subj", "/CN=127.0.0.1");
        sign(dir, "server", "ca", "server.ext");
        run(dir, "openssl", "rsa", "-in", "server.p8", "-out", "server.key", "-traditional");
        // server, EC P-256, SEC1 key
        run(dir, "openssl", "ecparam", "-name", "prime256v1", "-genkey", "-out", "server-ec.key");
        run(dir, "openssl", "req", "-new", "-key", "server-ec.key", "-out", "server-ec.csr", "-subj", "/CN=127.0.0.1");
        sign(dir, "server-ec", "ca", "server.ext");
        // clients, PKCS#8 keys
        run(dir, "openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "client.key", "-out", "client.csr",
                "-subj", "/CN=operator");
        sign(dir, "client", "ca", "client.ext");
        run(dir, "openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "stranger.key", "-out",
                "stranger.csr", "-subj", "/CN=stranger");
        sign(dir, "stranger", "other-ca", "client.ext");
        return new TestCertificates(dir);
    }

    private static void sign(Path dir, String name, String ca, String ext) throws IOException, InterruptedException {
        run(dir, "openssl", "x509", "-req", "-in", name + ".csr", "-CA", ca + ".pem", "-CAkey", ca + ".key",
                "-CAcreateserial", "-out", name + ".pem", "-days", "2", "-extfile", ext);
    }

    static void run(Path dir, String... command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(command));
        Process p;
        try {
            p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command[0] + " (is it installed?): " + e.getMessage(), e);
        }
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", cmd) + " failed:\n" + out);
        }
    }
}
