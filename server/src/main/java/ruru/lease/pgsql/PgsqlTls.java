package ruru.lease.pgsql;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import ruru.daemon.config.ConfigException;
import ruru.json.Element;
import ruru.json.MapElement;

/**
 * TLS between ruru and PostgreSQL, from Kea 3's {@code lease-database} keys, with libpq's meaning
 * (Kea hands them to libpq): {@code ssl-mode} is libpq's {@code sslmode}, {@code trust-anchor} its
 * {@code sslrootcert} (a PEM file, or a directory of PEM files), {@code cert-file} / {@code key-file}
 * its {@code sslcert} / {@code sslkey}, {@code key-password} its {@code sslpassword}. Without
 * {@code ssl-mode} the mode is libpq's default, {@code prefer}. TLS is never used over a Unix
 * socket (libpq does not ask for it there either).
 *
 * <p>Checked when the configuration is read (so {@code -t} reports them): a verifying mode without
 * a trust anchor, a key without a certificate or the reverse, files that are missing or hold no
 * certificate or key, an encrypted key without the right password, a key that is not the
 * certificate's. The files are read again for each new connection, as libpq reads them, so renewed
 * certificates are used from the next connection on.
 *
 * @param mode        what TLS the connection must have
 * @param trustAnchor the CA certificates the server's certificate is checked against
 * @param certFile    the client certificate (with its chain), sent when the server asks
 * @param keyFile     its private key: PKCS#8, PKCS#1 (RSA) or SEC1 (EC), plain or encrypted
 * @param keyPassword the key's password; never printed
 * @param cipherList  Kea's OpenSSL cipher list; libpq has no client-side cipher setting, so it is
 *                    accepted and reported as unused (the server's {@code ssl_ciphers} decides)
 */
public record PgsqlTls(SslMode mode, Optional<Path> trustAnchor, Optional<Path> certFile, Optional<Path> keyFile,
                       PgsqlSettings.Secret keyPassword, Optional<String> cipherList) {

    /** libpq's {@code sslmode} values that Kea 3's {@code ssl-mode} takes. */
    public enum SslMode {
        DISABLE("disable"), PREFER("prefer"), REQUIRE("require"), VERIFY_CA("verify-ca"), VERIFY_FULL("verify-full");

        private final String keaName;

        SslMode(String keaName) {
            this.keaName = keaName;
        }

        public String keaName() {
            return keaName;
        }

        static Optional<SslMode> byKeaName(String name) {
            for (SslMode m : values()) {
                if (m.keaName.equals(name)) {
                    return Optional.of(m);
                }
            }
            return Optional.empty();
        }

        /** Whether the server's certificate chain must verify whatever else is configured. */
        public boolean verifiesChain() {
            return this == VERIFY_CA || this == VERIFY_FULL;
        }
    }

    /** No key given: libpq's default {@code prefer}, without verification. */
    public static final PgsqlTls DEFAULT = new PgsqlTls(SslMode.PREFER, Optional.empty(), Optional.empty(),
            Optional.empty(), new PgsqlSettings.Secret(""), Optional.empty());

    /** Whether any of Kea's TLS keys was given (Kea then logs DHCPSRV_PGSQL_TLS_SUPPORT). */
    public boolean configured() {
        return !equals(DEFAULT);
    }

    /** Whether the connection asks the server for TLS at all. */
    public boolean attempts() {
        return mode != SslMode.DISABLE;
    }

    /** Reads and checks the TLS keys of {@code db}; relative file names resolve against the configuration's directory. */
    static PgsqlTls parse(MapElement db, Path configDirectory) throws ConfigException {
        String modeText = db.find("ssl-mode").flatMap(Element::asString).orElse(SslMode.PREFER.keaName());
        SslMode mode = SslMode.byKeaName(modeText).orElseThrow(() -> new ConfigException(position(db, "ssl-mode"),
                "invalid ssl-mode '" + modeText + "' (expected disable, prefer, require, verify-ca or verify-full)"));
        Optional<Path> ca = file(db, "trust-anchor", configDirectory);
        Optional<Path> cert = file(db, "cert-file", configDirectory);
        Optional<Path> key = file(db, "key-file", configDirectory);
        String password = db.find("key-password").flatMap(Element::asString).orElse("");
        Optional<String> ciphers = db.find("cipher-list").flatMap(Element::asString);
        PgsqlTls tls = new PgsqlTls(mode, ca, cert, key, new PgsqlSettings.Secret(password), ciphers);
        if (mode.verifiesChain() && ca.isEmpty()) {
            throw open(db, "ssl-mode", "ssl-mode '" + mode.keaName() + "' verifies the server's certificate: "
                    + "trust-anchor must name the CA certificate file or directory");
        }
        if (cert.isPresent() != key.isPresent()) {
            throw open(db, cert.isPresent() ? "cert-file" : "key-file",
                    "cert-file and key-file must be given together (the client certificate and its private key)");
        }
        if (!password.isEmpty() && key.isEmpty()) {
            throw open(db, "key-password", "key-password is given without key-file");
        }
        try {
            PgTlsContext.check(tls);
        } catch (PgTlsContext.TlsSetupException e) {
            throw open(db, e.key(), e.getMessage());
        }
        return tls;
    }

    private static Optional<Path> file(MapElement db, String key, Path configDirectory) throws ConfigException {
        Optional<String> name = db.find(key).flatMap(Element::asString);
        if (name.isEmpty()) {
            return Optional.empty();
        }
        if (name.get().isEmpty()) {
            throw open(db, key, key + " must not be empty");
        }
        Path path = configDirectory.resolve(name.get()).normalize();
        if (!Files.exists(path)) {
            throw open(db, key, switch (key) {
                case "trust-anchor" -> "root certificate file \"" + path + "\" does not exist";
                case "cert-file" -> "could not open certificate file \"" + path + "\": No such file or directory";
                default -> "certificate present, but not private key file \"" + path + "\"";
            });
        }
        return Optional.of(path);
    }

    private static ruru.json.Position position(MapElement db, String key) {
        return db.find(key).map(Element::position).orElse(db.position());
    }

    private static ConfigException open(MapElement db, String key, String detail) {
        return new ConfigException(position(db, key), "Unable to open database: " + detail);
    }

    @Override
    public String toString() {
        return "PgsqlTls[ssl-mode=" + mode.keaName() + trustAnchor.map(p -> " trust-anchor=" + p).orElse("")
                + certFile.map(p -> " cert-file=" + p).orElse("") + keyFile.map(p -> " key-file=" + p).orElse("")
                + (keyPassword.value().isEmpty() ? "" : " key-password=*****") + "]";
    }
}
