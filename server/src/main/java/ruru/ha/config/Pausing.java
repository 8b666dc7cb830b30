package ruru.ha.config;

import ruru.daemon.config.ConfigException;

/** A state's {@code pause} setting: the state machine stops on entering the state, always or once. */
public enum Pausing {
    NEVER("never"),
    ALWAYS("always"),
    ONCE("once");

    private final String keaName;

    Pausing(String keaName) {
        this.keaName = keaName;
    }

    static Pausing parse(String text) throws ConfigException {
        return KeaNames.parse(values(), v -> v.keaName, text, "unsupported value " + text + " of 'pause' parameter");
    }

    @Override
    public String toString() {
        return keaName;
    }
}
