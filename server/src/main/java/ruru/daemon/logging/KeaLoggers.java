package ruru.daemon.logging;

import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logger names as Kea spells them, so a Kea {@code loggers} entry reaches the same messages here.
 *
 * <p>Code logs through {@code forDaemon("kea-dhcp4").logger(Component.LEASES)}, which is the SLF4J
 * logger {@code kea-dhcp4.leases}. Logback's dot hierarchy is Kea's (log4cplus) hierarchy, so a
 * {@code kea-dhcp4} entry covers every component that has no entry of its own.
 */
public record KeaLoggers(String root) {

    /** Kea's component loggers (ARM, "Loggers" table); the enum keeps typos out of logger names. */
    public enum Component {
        /** The daemon's own messages (Kea: {@code kea-dhcp4.dhcp4}). */
        DHCP4("dhcp4"),
        DHCP6("dhcp6"),
        DHCPSRV("dhcpsrv"),
        PACKETS("packets"),
        BAD_PACKETS("bad-packets"),
        LEASES("leases"),
        ALLOC_ENGINE("alloc-engine"),
        OPTIONS("options"),
        HOSTS("hosts"),
        DDNS("ddns"),
        DATABASE("database"),
        COMMANDS("commands"),
        HOOKS("hooks"),
        CALLOUTS("callouts"),
        EVAL("eval"),
        /** Daemon control: signals, reconfiguration (Kea: {@code dctl}). */
        DCTL("dctl");

        private final String keaName;

        Component(String keaName) {
            this.keaName = keaName;
        }

        public String keaName() {
            return keaName;
        }
    }

    public KeaLoggers {
        Objects.requireNonNull(root, "root");
        if (root.isEmpty() || root.contains(".")) {
            throw new IllegalArgumentException("daemon root must be a single name such as kea-dhcp4: " + root);
        }
    }

    /** {@code daemonRoot} is the Kea program name: kea-dhcp4, kea-dhcp6, kea-dhcp-ddns, kea-ctrl-agent. */
    public static KeaLoggers forDaemon(String daemonRoot) {
        return new KeaLoggers(daemonRoot);
    }

    public Logger logger(Component component) {
        return LoggerFactory.getLogger(root + "." + component.keaName());
    }

    /** For hook libraries and other components without an enum constant ({@code root.name}). */
    public Logger logger(String component) {
        return LoggerFactory.getLogger(expand(root, component));
    }

    public Logger rootLogger() {
        return LoggerFactory.getLogger(root);
    }

    /**
     * The full logger name for a configured one, as Kea's {@code expandLoggerName}: the root
     * itself and names under it stay as they are, anything else becomes a child of the root
     * ({@code leases} → {@code kea-dhcp4.leases}). {@code *} is taken as the root (BIND 10's
     * wildcard, still found in old configs).
     */
    public static String expand(String root, String name) {
        if (name.equals("*") || name.equals(root) || name.startsWith(root + ".")) {
            return name.equals("*") ? root : name;
        }
        return root + "." + name;
    }
}
