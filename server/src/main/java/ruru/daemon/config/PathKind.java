package ruru.daemon.config;

/**
 * The kinds of file a daemon reads or writes because its configuration names them. Each kind has
 * one directory: Kea 3's standard one, or the directory its environment variable names. Kea's 2025
 * CVEs (CVE-2025-32801/-32802/-32803) came from configs, sent over the control channel, that made
 * the server write or load files anywhere; ruru's issue 8 came from one directory serving several
 * kinds at once (a log file written where hook code is loaded from). So every such path is checked
 * against its kind's directory by {@link PathPolicy}, and no two kinds share a directory.
 */
public enum PathKind {
    CONTROL_SOCKET("KEA_CONTROL_SOCKET_DIR", "/run/kea", "control socket", "socket-name",
            "COMMAND_UNIX_SOCKET_PATH_SECURITY_WARNING unix socket path is NOT SECURE: {}"),
    DATA("KEA_DHCP_DATA_DIR", "/var/lib/kea", "data file", "name",
            "DHCPSRV_MEMFILE_PATH_SECURITY_WARNING lease file path is NOT SECURE: {}"),
    LOG("KEA_LOG_FILE_DIR", "/var/log/kea", "log file", "output",
            "LOG_OUTPUT_PATH_SECURITY_WARNING log file path is NOT SECURE: {}"),
    HOOKS("KEA_HOOKS_PATH", "/usr/lib/ruru/hooks", "hook library", "library",
            "HOOKS_LIBPATH_SECURITY_WARNING hook library path is NOT SECURE: {}");

    private final String environmentVariable;
    private final String standardDirectory;
    private final String description;
    private final String key;
    private final String securityWarning;

    PathKind(String environmentVariable, String standardDirectory, String description, String key,
             String securityWarning) {
        this.environmentVariable = environmentVariable;
        this.standardDirectory = standardDirectory;
        this.description = description;
        this.key = key;
        this.securityWarning = securityWarning;
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

    /** The configuration key that usually names a file of this kind (for messages). */
    public String key() {
        return key;
    }

    /** The log line (message ID and text, one {@code {}} for the detail) of a violation under -X. */
    String securityWarning() {
        return securityWarning;
    }
}
