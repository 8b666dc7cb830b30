package ruru.daemon;

import java.util.Arrays;
import java.util.Optional;

/**
 * The daemons ruru runs, with the names Kea users know them by: the launcher word, the top-level
 * configuration element, the process name Kea uses (logger root, PID file name, Stork detection).
 */
public enum DaemonKind {
    DHCP4("dhcp4", "Dhcp4", "kea-dhcp4", "DHCPv4 server"),
    DHCP6("dhcp6", "Dhcp6", "kea-dhcp6", "DHCPv6 server"),
    DDNS("ddns", "DhcpDdns", "kea-dhcp-ddns", "DHCP-DDNS (D2) server"),
    AGENT("agent", "Control-agent", "kea-ctrl-agent", "REST Control Agent");

    private final String word;
    private final String configKey;
    private final String processName;
    private final String description;

    DaemonKind(String word, String configKey, String processName, String description) {
        this.word = word;
        this.configKey = configKey;
        this.processName = processName;
        this.description = description;
    }

    /** The word after {@code bin/ruru}. */
    public String word() {
        return word;
    }

    /** The top-level element of this daemon's configuration file. */
    public String configKey() {
        return configKey;
    }

    /** Kea's binary name: the root logger name and part of the PID file name. */
    public String processName() {
        return processName;
    }

    public String description() {
        return description;
    }

    public static Optional<DaemonKind> byWord(String word) {
        return Arrays.stream(values()).filter(k -> k.word.equals(word)).findFirst();
    }
}
