package ruru.control.http;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The three TLS files of a listener, all PEM: the CA certificates clients are checked against
 * (a file, or a directory of files), the server certificate chain and its private key.
 */
public record TlsFiles(Path trustAnchor, Path certFile, Path keyFile) {
    public TlsFiles {
        Objects.requireNonNull(trustAnchor, "trustAnchor");
        Objects.requireNonNull(certFile, "certFile");
        Objects.requireNonNull(keyFile, "keyFile");
    }
}
