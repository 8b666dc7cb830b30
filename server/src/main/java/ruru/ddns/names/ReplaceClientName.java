package ruru.ddns.names;

import java.util.Arrays;
import java.util.Optional;

/** {@code ddns-replace-client-name}: when the server's generated name replaces the client's (FACTS 11.1). */
public enum ReplaceClientName {
    NEVER("never"), ALWAYS("always"), WHEN_PRESENT("when-present"), WHEN_NOT_PRESENT("when-not-present");

    private final String keaName;

    ReplaceClientName(String keaName) {
        this.keaName = keaName;
    }

    public String keaName() {
        return keaName;
    }

    /** Kea also reads the booleans of its oldest versions: true is when-present, false never. */
    public static Optional<ReplaceClientName> byName(String name) {
        return Arrays.stream(values()).filter(m -> m.keaName.equals(name)).findFirst();
    }
}
