package ruru.ha.config;

import ruru.daemon.config.ConfigException;

/** The {@code mode} of an HA relationship, with Kea's names. */
public enum HaMode {
    LOAD_BALANCING("load-balancing"),
    HOT_STANDBY("hot-standby"),
    PASSIVE_BACKUP("passive-backup");

    private final String keaName;

    HaMode(String keaName) {
        this.keaName = keaName;
    }

    public String keaName() {
        return keaName;
    }

    static HaMode parse(String text) throws ConfigException {
        return KeaNames.parse(values(), v -> v.keaName, text, "unsupported value '" + text + "' for mode parameter");
    }

    @Override
    public String toString() {
        return keaName;
    }
}
