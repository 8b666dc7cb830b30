package ruru.ddns.client;

import java.io.IOException;
import java.net.InetAddress;

import ruru.daemon.config.ConfigException;
import ruru.ddns.names.DdnsParams;
import ruru.ddns.ncr.ChangeType;
import ruru.ddns.ncr.Dhcid;
import ruru.ddns.ncr.NameChangeRequest;
import ruru.ddns.ncr.NcrException;
import ruru.lease.Lease;

/**
 * A DHCP server's side of DDNS, family-neutral (Kea's D2ClientMgr with queueNCR): the sender of
 * name change requests and when a lease's life sends one. A new lease sends an ADD; a renewal
 * sends nothing while its name and directions stay the same (unless {@code ddns-update-on-renew}),
 * else a REMOVE of the old name and an ADD of the new; a lease that ends (release, decline,
 * reclamation, a deletion with {@code update-ddns}) sends a REMOVE. The queue never blocks a
 * packet: a full queue drops the request and logs it. A family supplies the DHCID, the lease's
 * DNS directions and its log lines.
 *
 * @param <A> the address type
 * @param <L> the family's lease
 * @param <C> the family's DDNS configuration
 */
public abstract class DdnsClient<A extends Comparable<A>, L extends Lease<A>, C extends DdnsClient.Config<A>>
        implements AutoCloseable {

    /** What the client needs of a family's DDNS configuration. */
    public interface Config<A> {
        D2ClientConfig client();

        /** The behavioural parameters for an address of a subnet (its pool's when the pool sets any). */
        DdnsParams params(long subnetId, A address);
    }

    private final String loggerName;
    private volatile C config;
    private NcrSender sender; // guarded by this

    protected DdnsClient(C initial, String loggerName) {
        this.config = initial;
        this.loggerName = loggerName;
    }

    /** Takes a new configuration; the sender is reopened only when the dhcp-ddns block changed. */
    public synchronized void configure(C next) throws ConfigException {
        D2ClientConfig client = next.client();
        if (sender != null && sender.config().equals(client) && client.enableUpdates()) {
            config = next;
            return;
        }
        NcrSender opened = null;
        if (client.enableUpdates()) {
            if (client.maxQueueSize() <= 0) {
                // Kea's NameChangeSender refuses an empty queue when the sender is made: kea-dhcp6 2.2
                // answers config-set with this text (result 1) and -c fails with it; -t and
                // config-test accept the configuration, and so does any with updates disabled
                throw new ConfigException("NameChangeSender: queue size must be greater than zero");
            }
            try {
                opened = NcrSender.start(client, loggerName, sentLogger());
            } catch (IOException e) {
                // Kea answers this with text only (no message ID of its own)
                throw new ConfigException("Error starting DHCP_DDNS client after server reconfiguration: unable to"
                        + " open the socket that sends name change requests from "
                        + client.senderIp().getHostAddress() + " port " + client.senderPort() + ": " + e.getMessage());
            }
        }
        NcrSender old = sender;
        sender = opened;
        config = next;
        if (old != null) {
            old.close();
        }
    }

    public C config() {
        return config;
    }

    /** Whether NCRs can be sent at all ({@code dhcp-ddns.enable-updates}). */
    public boolean enabled() {
        return config.client().enableUpdates();
    }

    /** The parameters for an address of a subnet. */
    public DdnsParams params(long subnetId, A address) {
        return config.params(subnetId, address);
    }

    /**
     * A lease was written for a client: {@code previous} is that client's lease it replaces (or
     * null), at the same address (a renewal) or at another one (the client moved). As Kea's
     * createNameChangeRequests (dhcp4_srv.cc; Kea 3 and 2.2 alike): nothing when the name and both
     * directions are unchanged (Lease::hasIdenticalFqdn, the address is not compared) unless
     * ddns-update-on-renew, else a REMOVE of the previous lease and an ADD of the new one. So a
     * client moving to another address under the same name gets no NCR. False when nothing was
     * queued because nothing changed, or when no direction is to be updated (dhcp6 then tries the
     * next IA).
     */
    public boolean granted(L previous, L lease) {
        boolean identical = previous != null && previous.hostname().equalsIgnoreCase(lease.hostname())
                && forward(previous) == forward(lease) && reverse(previous) == reverse(lease);
        if (identical && !config.params(lease.subnetId(), lease.address()).updateOnRenew()) {
            return false;
        }
        if (previous != null) {
            // as Kea, the REMOVE is queued even when the old lease had no name (then it is only
            // logged as skipped, DHCPSRV_QUEUE_NCR_SKIP)
            queue(ChangeType.REMOVE, previous, false);
        }
        queue(ChangeType.ADD, lease, true);
        return forward(lease) || reverse(lease);
    }

    /** A lease ended (release, decline, reclamation, a deletion with update-ddns). */
    public void removed(L lease) {
        queue(ChangeType.REMOVE, lease, false);
    }

    /** {@code leaseN-resend-ddns}: an ADD for the lease; false when updates are off or it has no name. */
    public boolean resend(L lease) {
        return queue(ChangeType.ADD, lease, false);
    }

    /** @param granted an ADD for a lease just granted to a client (Kea's createNameChangeRequests) */
    private boolean queue(ChangeType type, L lease, boolean granted) {
        NcrSender s;
        synchronized (this) {
            s = sender;
        }
        if (!NcrFactory.wanted(lease.hostname(), forward(lease), reverse(lease)) || s == null) {
            if (granted) {
                skippedGrant(lease);
            } else {
                skipped(lease);
            }
            return false;
        }
        DdnsParams p = config.params(lease.subnetId(), lease.address());
        if (type == ChangeType.ADD && !p.enableUpdates()) {
            return false;
        }
        try {
            NameChangeRequest ncr = NcrFactory.build(type, lease.hostname(), forward(lease), reverse(lease),
                    InetAddress.getByName(lease.address().toString()), fqdn -> dhcid(lease, fqdn), lease.cltt(),
                    lease.validLifetime(), p, type == ChangeType.ADD && zeroExpiryOnAdd());
            if (granted) {
                created(lease, ncr);
            } else {
                queued(lease, type, ncr);
            }
            return s.offer(ncr);
        } catch (NcrException | IOException e) {
            failed(lease, type, e.getMessage());
            return false;
        }
    }

    /** Kea's verb in its NCR messages. */
    protected static String verb(ChangeType type) {
        return type == ChangeType.ADD ? "add" : "remove";
    }

    /** The lease's {@code fqdn-fwd}. */
    protected abstract boolean forward(L lease);

    /** The lease's {@code fqdn-rev}. */
    protected abstract boolean reverse(L lease);

    /** The DHCID of the lease's client for {@code fqdn} (RFC 4701). */
    protected abstract Dhcid dhcid(L lease, String fqdn) throws NcrException;

    /** Kea's DHCPv6 ADDs carry lease-expires-on 0 (FACTS 11.4). */
    protected abstract boolean zeroExpiryOnAdd();

    /**
     * Logs the ADD made for a lease just granted: Kea's DHCPv4 server queues it like any other
     * (DHCPSRV_QUEUE_NCR), its DHCPv6 server logs DHCP6_DDNS_CREATE_ADD_NAME_CHANGE_REQUEST.
     */
    protected void created(L lease, NameChangeRequest ncr) {
        queued(lease, ChangeType.ADD, ncr);
    }

    /**
     * A request not made: the lease has no name or no direction, or updates are off (Kea's
     * DHCPSRV_QUEUE_NCR_SKIP); nothing by default.
     */
    protected void skipped(L lease) {
    }

    /**
     * No ADD for a lease just granted (no name, no direction, or updates off): Kea's DHCPv4 server
     * logs it as any skipped request, its DHCPv6 server says nothing; nothing by default.
     */
    protected void skippedGrant(L lease) {
    }

    /** Logs each request sent to D2 (Kea's DHCPSRV_DHCP_DDNS_NCR_SENT); null for the sender's own line. */
    protected java.util.function.Consumer<NameChangeRequest> sentLogger() {
        return null;
    }

    /** Logs a queued request (Kea's DHCPSRV_QUEUE_NCR). */
    protected abstract void queued(L lease, ChangeType type, NameChangeRequest ncr);

    /** Logs a request that could not be built (Kea's DHCPSRV_QUEUE_NCR_FAILED). */
    protected abstract void failed(L lease, ChangeType type, String reason);

    @Override
    public synchronized void close() {
        if (sender != null) {
            sender.close();
            sender = null;
        }
    }
}
