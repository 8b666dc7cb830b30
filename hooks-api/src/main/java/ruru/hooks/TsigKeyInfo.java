package ruru.hooks;

import java.util.Objects;

/**
 * A TSIG key as D2 uses it to sign DNS updates.
 *
 * @param name       the key's name (as configured, or as a hook library made it)
 * @param algorithm  Kea's algorithm name: HMAC-MD5, HMAC-SHA1, HMAC-SHA224, HMAC-SHA256, HMAC-SHA384, HMAC-SHA512
 * @param digestBits 0 for the full MAC, else the truncated length in bits
 * @param secret     the raw secret (not base64)
 */
public record TsigKeyInfo(String name, String algorithm, int digestBits, byte[] secret) {

    public TsigKeyInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(algorithm, "algorithm");
        secret = secret.clone();
    }

    @Override
    public byte[] secret() {
        return secret.clone();
    }

    /** Never shows the secret. */
    @Override
    public String toString() {
        return "TsigKeyInfo[" + name + ", " + algorithm + ", digest-bits " + digestBits + "]";
    }
}
