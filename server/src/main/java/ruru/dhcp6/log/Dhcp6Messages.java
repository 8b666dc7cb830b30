package ruru.dhcp6.log;

import static ruru.daemon.logging.Severity.DEBUG;
import static ruru.daemon.logging.Severity.ERROR;
import static ruru.daemon.logging.Severity.WARN;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ruru.daemon.logging.KeaMessageTable;
import ruru.daemon.logging.Severity;
import ruru.dhcp.engine.ReclaimMessages;

/**
 * The kea-dhcp6 messages ruru's DHCPv6 server writes through its table, as Kea writes them: ID,
 * logger, severity, debug level and text. The texts are checked against the message tables
 * compiled into Kea 2.2's kea-dhcp6 and its libraries (Dhcp6MessagesTest).
 */
public enum Dhcp6Messages implements KeaMessageTable {

    // kea-dhcp6.dhcp6
    DHCP6_RECLAIM_EXPIRED_LEASES_FAIL(Logger6.DHCP6, ERROR, 0, "failed to reclaim expired leases: %1"),

    // kea-dhcp6.alloc-engine
    ALLOC_ENGINE_V6_LEASES_RECLAMATION_COMPLETE(Logger6.ALLOC_ENGINE, DEBUG, 40, "reclaimed %1 leases in %2"),
    ALLOC_ENGINE_V6_LEASES_RECLAMATION_SLOW(Logger6.ALLOC_ENGINE, WARN, 0,
            "expired leases still exist after %1 reclamations"),
    ALLOC_ENGINE_V6_RECLAIMED_LEASES_DELETE_FAILED(Logger6.ALLOC_ENGINE, ERROR, 0,
            "deletion of expired-reclaimed leases failed: %1");

    /** Reclamation's messages (the shared engine's), with ruru's episode-end IDs. */
    public static final ReclaimMessages RECLAIM = new ReclaimMessages(ALLOC_ENGINE_V6_LEASES_RECLAMATION_COMPLETE,
            ALLOC_ENGINE_V6_LEASES_RECLAMATION_SLOW, DHCP6_RECLAIM_EXPIRED_LEASES_FAIL,
            "DHCP6_RECLAIM_EXPIRED_LEASES_RECOVERED", ALLOC_ENGINE_V6_RECLAIMED_LEASES_DELETE_FAILED,
            "ALLOC_ENGINE_V6_RECLAIMED_LEASES_DELETE_RECOVERED");

    /** Kea's dhcp6 logger names: the root and its components. */
    public enum Logger6 {
        DHCP6("dhcp6"), PACKETS("packets"), BAD_PACKETS("bad-packets"), LEASES("leases"), HOOKS("hooks"),
        ALLOC_ENGINE("alloc-engine"), DHCPSRV("dhcpsrv"), OPTIONS("options"), HOSTS("hosts");

        private final Logger logger;

        Logger6(String component) {
            this.logger = LoggerFactory.getLogger("kea-dhcp6." + component);
        }

        public Logger logger() {
            return logger;
        }
    }

    private final Spec spec;

    Dhcp6Messages(Logger6 logger, Severity severity, int debugLevel, String text) {
        this.spec = new Spec(logger.logger(), severity, debugLevel, text);
    }

    @Override
    public Spec spec() {
        return spec;
    }
}
