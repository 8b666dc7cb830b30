package ruru.daemon.logging;

import static ruru.daemon.logging.Severity.DEBUG;
import static ruru.daemon.logging.Severity.ERROR;
import static ruru.daemon.logging.Severity.INFO;
import static ruru.daemon.logging.Severity.WARN;

import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


/**
 * The messages of Kea's shared libraries (libkea-dhcpsrv, libkea-hooks, the lease_cmds and
 * stat_cmds libraries) that both DHCP servers write while they configure, reconfigure and stop:
 * one table for both families, each message bound to a daemon's root logger by {@link #in}
 * ({@code kea-dhcp4.dhcpsrv}, {@code kea-dhcp6.hooks} ...). Severities and debug levels are what
 * kea-dhcp4 2.2 writes (LoggingConfig4AgainstKeaTest); texts are checked against the message
 * tables compiled into Kea 2.2's binaries (LibraryMessagesTest), Kea 3's own against its message
 * manual ({@code kea-3-library-messages.tsv}). A bound message remembers its level check until the
 * logging configuration changes, as the enum tables do.
 */
public enum LibraryMessages {

    // kea-*.hosts
    HOSTS_BACKENDS_REGISTERED("hosts", INFO, 0, "the following host backend types are available: %1"),

    // kea-*.dhcpsrv: Kea 3 only (its DHCPQueueControlParser; Kea 2.2 keeps the queue): the queue
    // control the defaults always give is turned off when multi-threading is on
    DHCPSRV_MT_DISABLED_QUEUE_CONTROL("dhcpsrv", WARN, 0, "disabling dhcp queue control when multi-threading is enabled."),

    // kea-*.dhcpsrv: interfaces and subnets as the configuration is parsed
    DHCPSRV_CFGMGR_SOCKET_TYPE_DEFAULT("dhcpsrv", INFO, 0,
            "\"dhcp-socket-type\" not specified , using default socket type %1"),
    DHCPSRV_CFGMGR_SOCKET_TYPE_SELECT("dhcpsrv", INFO, 0, "using socket type %1"),
    DHCPSRV_CFGMGR_ADD_IFACE("dhcpsrv", INFO, 0, "listening on interface %1"),
    DHCPSRV_CFGMGR_USE_ADDRESS("dhcpsrv", INFO, 0, "listening on address %1, on interface %2"),
    DHCPSRV_CFGMGR_USE_UNICAST("dhcpsrv", INFO, 0, "listening on unicast address %1, on interface %2"),
    DHCPSRV_CFGMGR_UNICAST_LINK_LOCAL("dhcpsrv", WARN, 0,
            "specified link local address %1 for unicast traffic on interface %2"),
    DHCPSRV_CFGMGR_ALL_IFACES_ACTIVE("dhcpsrv", INFO, 0, "enabling listening on all interfaces"),
    DHCPSRV_CFGMGR_NEW_SUBNET4("dhcpsrv", INFO, 0, "a new subnet has been added to configuration: %1"),
    DHCPSRV_CFGMGR_ADD_SUBNET4("dhcpsrv", DEBUG, 40, "adding subnet %1"),
    DHCPSRV_CFGMGR_NEW_SUBNET6("dhcpsrv", INFO, 0, "a new subnet has been added to configuration: %1"),
    DHCPSRV_CFGMGR_ADD_SUBNET6("dhcpsrv", DEBUG, 40, "adding subnet %1"),
    DHCPSRV_CFGMGR_CFG_DHCP_DDNS("dhcpsrv", DEBUG, 40, "Setting DHCP-DDNS configuration to: %1"),
    DHCPSRV_DHCP_DDNS_SENDER_STARTED("dhcpsrv", INFO, 0, "NameChangeRequest sender has been started: %1"),
    DHCPSRV_DHCP_DDNS_SENDER_STOPPED("dhcpsrv", INFO, 0, "NameChangeRequest sender has been stopped."),

    // kea-*.dhcpsrv: the lease database and the timers
    DHCPSRV_CLOSE_DB("dhcpsrv", DEBUG, 40, "closing currently open %1 database"),
    DHCPSRV_MEMFILE_DB("dhcpsrv", INFO, 0, "opening memory file lease database: %1"),
    DHCPSRV_MEMFILE_LEASE_FILE_LOAD("dhcpsrv", INFO, 0, "loading leases from file %1"),
    DHCPSRV_MEMFILE_LFC_SETUP("dhcpsrv", INFO, 0, "setting up the Lease File Cleanup interval to %1 sec"),
    DHCPSRV_MEMFILE_LFC_UNREGISTER_TIMER_FAILED("dhcpsrv", DEBUG, 40, "failed to unregister timer 'memfile-lfc': %1"),
    DHCPSRV_TIMERMGR_REGISTER_TIMER("dhcpsrv", DEBUG, 40, "registering timer: %1, using interval: %2 ms"),
    DHCPSRV_TIMERMGR_START_TIMER("dhcpsrv", DEBUG, 40, "starting timer: %1"),
    DHCPSRV_TIMERMGR_UNREGISTER_TIMER("dhcpsrv", DEBUG, 40, "unregistering timer: %1"),
    DHCPSRV_TIMERMGR_UNREGISTER_ALL_TIMERS("dhcpsrv", DEBUG, 40, "unregistering all timers"),

    // kea-*.hooks and kea-*.callouts: libraries loaded and unloaded
    HOOKS_LIBRARY_LOADING("hooks", DEBUG, 40, "loading hooks library %1"),
    HOOKS_LIBRARY_VERSION("hooks", DEBUG, 45, "hooks library %1 reports its version as %2"),
    HOOKS_LIBRARY_MULTI_THREADING_COMPATIBLE("hooks", DEBUG, 45,
            "hooks library %1 reports its multi-threading compatibility as %2"),
    HOOKS_LOAD_SUCCESS("hooks", DEBUG, 40, "'load' function in hook library %1 returned success"),
    HOOKS_LIBRARY_LOADED("hooks", INFO, 0, "hooks library %1 successfully loaded"),
    HOOKS_UNLOAD_SUCCESS("hooks", DEBUG, 40, "'unload' function in hook library %1 returned success"),
    HOOKS_LIBRARY_CLOSED("hooks", INFO, 0, "hooks library %1 successfully closed"),
    HOOKS_CALLOUT_REGISTRATION("callouts", DEBUG, 45, "hooks library with index %1 registering callout for hook '%2'"),
    HOOKS_ALL_CALLOUTS_DEREGISTERED("callouts", DEBUG, 55, "hook library at index %1 removed all callouts on hook %2"),
    HOOKS_CALLOUTS_REMOVED("hooks", DEBUG, 45, "callouts removed from hook %1 for library %2"),
    // kea-*.callouts: a command's callouts called (Kea's CalloutManager, levels as kea-dhcp4 2.2 writes them)
    HOOKS_CALLOUTS_BEGIN("callouts", DEBUG, 45, "begin all callouts for hook %1"),
    HOOKS_CALLOUT_CALLED("callouts", DEBUG, 55,
            "hooks library with index %1 has called a callout on hook %2 that has address %3 (callout duration: %4)"),
    HOOKS_CALLOUT_ERROR("callouts", ERROR, 0, "error returned by callout on hook %1 registered by library with index %2 "
            + "(callout address %3) (callout duration %4)"),
    HOOKS_CALLOUTS_COMPLETE("callouts", DEBUG, 45, "completed callouts for hook %1 (total callouts duration: %2)"),

    // kea-*.commands: the command channel (libkea-cfgclient), debug lines at Kea's DBG_COMMAND (10)
    COMMAND_REGISTERED("commands", DEBUG, 10, "Command %1 registered"),
    COMMAND_DEREGISTERED("commands", DEBUG, 10, "Command %1 deregistered"),
    COMMAND_RECEIVED("commands", INFO, 0, "Received command '%1'"),
    COMMAND_PROCESS_ERROR1("commands", WARN, 0, "Error while processing command: %1"),
    COMMAND_PROCESS_ERROR2("commands", WARN, 0, "Error while processing command: %1"),
    COMMAND_ACCEPTOR_START("commands", INFO, 0, "Starting to accept connections via unix domain socket bound to %1"),
    COMMAND_SOCKET_ACCEPT_FAIL("commands", ERROR, 0, "Failed to accept incoming connection on command socket %1: %2"),
    COMMAND_SOCKET_CONNECTION_OPENED("commands", DEBUG, 10, "Opened socket %1 for incoming command connection"),
    COMMAND_SOCKET_READ("commands", DEBUG, 10, "Received %1 bytes over command socket %2"),
    COMMAND_SOCKET_READ_FAIL("commands", ERROR, 0, "Encountered error %1 while reading from command socket %2"),
    COMMAND_SOCKET_WRITE("commands", DEBUG, 10, "Sent response of %1 bytes (%2 bytes left to send) over command socket %3"),
    COMMAND_SOCKET_WRITE_FAIL("commands", ERROR, 0, "Error while writing to command socket %1 : %2"),
    COMMAND_SOCKET_CONNECTION_CLOSED("commands", DEBUG, 10, "Closed socket %1 for existing command connection"),
    COMMAND_SOCKET_CONNECTION_CLOSE_FAIL("commands", ERROR, 0, "Failed to close command connection: %1"),
    COMMAND_SOCKET_CLOSED_BY_FOREIGN_HOST("commands", INFO, 0, "Closed command socket %1 by foreign host, %2"),
    COMMAND_SOCKET_CONNECTION_TIMEOUT("commands", INFO, 0, "Timeout occurred for connection over socket %1"),

    // the built-in libraries' own loggers
    LEASE_CMDS_INIT_OK("lease-cmds-hooks", INFO, 0, "loading Lease Commands hooks library successful"),
    LEASE_CMDS_DEINIT_OK("lease-cmds-hooks", INFO, 0, "unloading Lease Commands hooks library successful"),
    // lease_cmds' per-command lines as kea-dhcpN 2.2 writes them (its other commands write none)
    LEASE_CMDS_ADD4("lease-cmds-hooks", INFO, 0, "lease4-add command successful (parameters: %1)"),
    LEASE_CMDS_ADD4_FAILED("lease-cmds-hooks", ERROR, 0, "lease4-add command failed (parameters: %1, reason: %2)"),
    LEASE_CMDS_ADD6("lease-cmds-hooks", INFO, 0, "lease6-add command successful (parameters: %1)"),
    LEASE_CMDS_ADD6_FAILED("lease-cmds-hooks", ERROR, 0, "Lease6-add command failed (parameters: %1, reason: %2)"),
    LEASE_CMDS_RESEND_DDNS4_FAILED("lease-cmds-hooks", ERROR, 0, "lease4-resend-ddns command failed: %1"),
    LEASE_CMDS_RESEND_DDNS6_FAILED("lease-cmds-hooks", ERROR, 0, "lease6-resend-ddns command failed: %1"),
    STAT_CMDS_INIT_OK("stat-cmds-hooks", INFO, 0, "loading Stat Commands hooks library successful"),
    STAT_CMDS_LEASE4_GET("stat-cmds-hooks", INFO, 0, "stat-lease4-get command successful, parameters: %1 rows found: %2"),
    STAT_CMDS_LEASE4_GET_NO_SUBNETS("stat-cmds-hooks", INFO, 0, "stat-lease4-get, parameters: %1, %2\""),
    STAT_CMDS_LEASE4_GET_INVALID("stat-cmds-hooks", ERROR, 0,
            "stat-lease4-get command is malformed or invalid, reason: %1"),
    STAT_CMDS_LEASE6_GET("stat-cmds-hooks", INFO, 0, "stat-lease6-get command successful, parameters: %1 rows found: %2"),
    STAT_CMDS_LEASE6_GET_NO_SUBNETS("stat-cmds-hooks", INFO, 0, "stat-lease6-get, parameters: %1, %2\""),
    STAT_CMDS_LEASE6_GET_INVALID("stat-cmds-hooks", ERROR, 0,
            "stat-lease6-get command is malformed or invalid, reason: %1"),
    STAT_CMDS_DEINIT_OK("stat-cmds-hooks", INFO, 0, "unloading Stat Commands hooks library successful");

    private final String component;
    private final Severity severity;
    private final int debugLevel;
    private final String text;
    private final ConcurrentHashMap<String, KeaMessage> bound = new ConcurrentHashMap<>();

    LibraryMessages(String component, Severity severity, int debugLevel, String text) {
        this.component = component;
        this.severity = severity;
        this.debugLevel = debugLevel;
        this.text = text;
    }

    /** Kea's logger component, e.g. {@code dhcpsrv}. */
    public String component() {
        return component;
    }

    public Severity severity() {
        return severity;
    }

    public int debugLevel() {
        return debugLevel;
    }

    public String text() {
        return text;
    }

    /** This message as the daemon with root logger {@code root} ({@code kea-dhcp4}) writes it. */
    public KeaMessage in(String root) {
        return at(root + "." + component);
    }

    /** This message written to the logger named {@code loggerName} (a command channel's own). */
    public KeaMessage at(String loggerName) {
        return bound.computeIfAbsent(loggerName, n -> new Bound(this, LoggerFactory.getLogger(n)));
    }

    /** Writes this message to {@code root}'s component logger. */
    public void log(String root, Object... args) {
        in(root).log(args);
    }

    /** One message on one logger; its level check is remembered per logging generation ({@link LogGate}). */
    private static final class Bound implements KeaMessage {
        private final LibraryMessages message;
        private final Logger logger;
        private volatile int gate;

        Bound(LibraryMessages message, Logger logger) {
            this.message = message;
            this.logger = logger;
        }

        @Override
        public boolean enabled() {
            int g = LogGate.generation(); // read before asking, as LogGate.enabled
            int v = gate;
            if (v >>> 1 == g) {
                return (v & 1) != 0;
            }
            boolean on = LogGate.ask(this);
            gate = g << 1 | (on ? 1 : 0);
            return on;
        }

        @Override
        public Logger logger() {
            return logger;
        }

        @Override
        public String name() {
            return message.name();
        }

        @Override
        public Severity severity() {
            return message.severity;
        }

        @Override
        public int debugLevel() {
            return message.debugLevel;
        }

        @Override
        public String text() {
            return message.text;
        }
    }
}
