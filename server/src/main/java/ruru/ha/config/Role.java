package ruru.ha.config;

import ruru.daemon.config.ConfigException;

/** A peer's {@code role}: primary and secondary (load balancing), primary and standby, or backup. */
public enum Role {
    PRIMARY("primary"),
    SECONDARY("secondary"),
    STANDBY("standby"),
    BACKUP("backup");

    private final String keaName;

    Role(String keaName) {
        this.keaName = keaName;
    }

    public String keaName() {
        return keaName;
    }

    static Role parse(String text) throws ConfigException {
        return KeaNames.parse(values(), v -> v.keaName, text, "unsupported value '" + text + "' for role parameter");
    }

    @Override
    public String toString() {
        return keaName;
    }
}
