package ruru.ddns.ncr;

import java.util.Arrays;
import java.util.Optional;

/**
 * How D2 guards a name against other clients (RFC 4703), Kea 3's {@code ddns-conflict-resolution-mode}.
 * Kea 2.2's boolean {@code ddns-use-conflict-resolution} maps to the first two.
 */
public enum ConflictResolutionMode {
    /** RFC 4703 with DHCID checks: add only when the name is free or holds our DHCID. */
    CHECK_WITH_DHCID("check-with-dhcid"),
    /** Overwrite whatever is there, still writing a DHCID. */
    NO_CHECK_WITH_DHCID("no-check-with-dhcid"),
    /** Overwrite entries that carry any DHCID. */
    CHECK_EXISTS_WITH_DHCID("check-exists-with-dhcid"),
    /** Overwrite anything and never write a DHCID. */
    NO_CHECK_WITHOUT_DHCID("no-check-without-dhcid");

    private final String keaName;

    ConflictResolutionMode(String keaName) {
        this.keaName = keaName;
    }

    public String keaName() {
        return keaName;
    }

    public static Optional<ConflictResolutionMode> byName(String name) {
        return Arrays.stream(values()).filter(m -> m.keaName.equals(name)).findFirst();
    }

    /** Kea 2.2's boolean: true is check-with-dhcid, false no-check-with-dhcid. */
    public static ConflictResolutionMode fromBoolean(boolean use) {
        return use ? CHECK_WITH_DHCID : NO_CHECK_WITH_DHCID;
    }

    /** The boolean Kea 2.2 understands: whether any check is made. */
    public boolean usesConflictResolution() {
        return this == CHECK_WITH_DHCID || this == CHECK_EXISTS_WITH_DHCID;
    }
}
