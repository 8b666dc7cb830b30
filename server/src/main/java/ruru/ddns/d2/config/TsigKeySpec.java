package ruru.ddns.d2.config;

import java.util.Objects;

/**
 * One {@code tsig-keys} entry, validated.
 *
 * @param name       the key's name as configured (domains refer to it by this); in DNS it is made absolute
 * @param digestBits 0 for the full MAC, else the truncated length (RFC 8945 5.2.2.1)
 * @param secret     the decoded secret
 */
public record TsigKeySpec(String name, TsigAlgorithm algorithm, int digestBits, byte[] secret) {

    public TsigKeySpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(algorithm, "algorithm");
        secret = secret.clone();
    }

    @Override
    public byte[] secret() {
        return secret.clone();
    }

    /** The key's name with a trailing dot: how Kea names its per-key statistics ({@code key[name.].*}). */
    public String absoluteName() {
        return name.endsWith(".") ? name : name + ".";
    }
}
