package ruru.dhcp6.config;

import java.util.Optional;

/**
 * Kea's {@code server-id}: the type of DUID to generate (LLT, EN, LL) and the parts the
 * administrator fixed; what is left 0 or empty is taken from the stored DUID or generated.
 */
public record ServerIdConfig(Type type, Optional<byte[]> identifier, int htype, long time, long enterpriseId,
                             boolean persist) {

    public enum Type { LLT, EN, LL }

    public ServerIdConfig {
        identifier = identifier.map(byte[]::clone);
    }

    public static ServerIdConfig defaults() {
        return new ServerIdConfig(Type.LLT, Optional.empty(), 0, 0, 0, true);
    }
}
