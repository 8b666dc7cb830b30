package ruru.ha.config;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * A peer's {@code basic-auth-user} and password (given inline or read from
 * {@code basic-auth-password-file}). The password never appears in {@link #toString()}.
 */
public record BasicCredentials(String user, String password) {

    public BasicCredentials {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
    }

    /** The value of the {@code Authorization} header. */
    public String header() {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "BasicCredentials[user=" + user + ", password=(hidden)]";
    }
}
