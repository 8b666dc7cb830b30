package ruru.daemon.config;

/**
 * The kinds of file a daemon reads or writes because its configuration names them. Each has a
 * standard directory (Kea 3's) that the environment variable Kea uses can replace. Kea's 2025
 * CVEs (CVE-2025-32801/-32802/-32803) came from configs, sent over the control channel, that made
 * the server write or load files anywhere: every such path is checked against {@link PathPolicy}.
 */
public enum PathKind {
    CONTROL_SOCKET("KEA_CONTROL_SOCKET_DIR", "/run/kea", "control socket"),
    DATA("KEA_DHCP_DATA_DIR", "/var/lib/kea", "data file"),
    LOG("KEA_LOG_FILE_DIR", "/var/log/kea", "log file"),
    HOOKS("KEA_HOOKS_PATH", "/usr/lib/ruru/hooks", "hook library");

    private final String environmentVariable;
    private final String standardDirectory;
    private final String description;

    PathKind(String environmentVariable, String standardDirectory, String description) {
        this.environmentVariable = environmentVariable;
        this.standardDirectory = standardDirectory;
        this.description = description;
    }

    public String environmentVariable() {
        return environmentVariable;
    }

    public String standardDirectory() {
        return standardDirectory;
    }

    public String description() {
        return description;
    }
}
