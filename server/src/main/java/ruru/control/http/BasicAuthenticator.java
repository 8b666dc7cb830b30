package ruru.control.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks an {@code Authorization} header the way Kea does ({@code BasicHttpAuthConfig::checkAuth}):
 * trim, the scheme "basic" matched case-insensitively, then the base64 token compared exactly
 * with {@code base64(user ":" password)} of each client. The comparison runs over SHA-256 digests
 * with {@link MessageDigest#isEqual} and visits every client, so neither the token's content nor
 * its length, nor which client came close, shows in the time taken.
 */
final class BasicAuthenticator {

    private record Entry(byte[] digest, Credential credential) {
    }

    private final List<Entry> entries;

    BasicAuthenticator(BasicAuth auth) {
        this.entries = auth.clients().stream().map(c -> new Entry(sha256(token(c)), c)).toList();
    }

    /** Kea's credential: base64 of "user:password" (UTF-8, RFC 7617 section 2.1). */
    static String token(Credential c) {
        return Base64.getEncoder().encodeToString((c.user() + ":" + c.password()).getBytes(StandardCharsets.UTF_8));
    }

    /** The client whose credentials the header carries; empty when missing, malformed or wrong. */
    Optional<Credential> authenticate(Optional<String> header) {
        if (header.isEmpty()) {
            return Optional.empty();
        }
        String value = header.get().strip();
        if (value.length() < 8 || !value.substring(0, 5).toLowerCase(Locale.ROOT).equals("basic")) {
            return Optional.empty();
        }
        byte[] offered = sha256(value.substring(5).strip());
        Credential found = null;
        for (Entry e : entries) {
            if (MessageDigest.isEqual(e.digest(), offered) && found == null) {
                found = e.credential();
            }
        }
        return Optional.ofNullable(found);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
        }
    }
}
