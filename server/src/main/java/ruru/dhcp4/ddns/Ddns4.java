package ruru.dhcp4.ddns;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;

import ruru.daemon.config.ConfigException;
import ruru.ddns.client.D2ClientConfig;
import ruru.ddns.client.NcrFactory;
import ruru.ddns.client.NcrSender;
import ruru.ddns.names.ClientName;
import ruru.ddns.names.DdnsParams;
import ruru.ddns.names.NameDecider;
import ruru.ddns.names.NameDecision;
import ruru.ddns.ncr.ChangeType;
import ruru.ddns.ncr.Dhcid;
import ruru.ddns.ncr.NameChangeRequest;
import ruru.ddns.ncr.NcrException;
import ruru.dhcp4.log.Dhcp4Messages;
import ruru.lease.Lease4;
import ruru.wire.Ipv4Address;
import ruru.wire.v4.Dhcp4Packet;
import ruru.wire.v4.OptionCodes;

/**
 * The DHCPv4 server's DDNS: the name decision the flows call when they build a lease and its reply,
 * and the NCRs they queue when a lease is granted, renewed with another name, released, declined,
 * reclaimed or deleted. One per service; {@link #configure} swaps its configuration and sender.
 * The queue never blocks a packet: a full queue drops the NCR and logs it.
 */
public final class Ddns4 implements AutoCloseable {

    private volatile Ddns4Config config = Ddns4Config.DISABLED;
    private NcrSender sender; // guarded by this

    /** Takes a new configuration; the sender is reopened only when the dhcp-ddns block changed. */
    public synchronized void configure(Ddns4Config next) throws ConfigException {
        D2ClientConfig client = next.client();
        if (sender != null && sender.config().equals(client) && client.enableUpdates()) {
            config = next;
            return;
        }
        NcrSender opened = null;
        if (client.enableUpdates()) {
            try {
                opened = NcrSender.start(client, "kea-dhcp4.ddns");
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

    public Ddns4Config config() {
        return config;
    }

    /** The client's name request: option 81 wins over option 12. */
    public static ClientName clientName(Dhcp4Packet query) {
        Optional<byte[]> fqdn = query.options().get(OptionCodes.FQDN);
        if (fqdn.isPresent()) {
            return Fqdn4Option.parse(fqdn.get());
        }
        Optional<byte[]> host = query.options().get(OptionCodes.HOST_NAME);
        if (host.isPresent()) {
            return new ClientName.HostName(new String(host.get(), StandardCharsets.US_ASCII).replace("\0", ""));
        }
        return ClientName.NONE;
    }

    /** Kea drops a query whose option 81 sets both S and N (RFC 4702 section 2.1). */
    public static boolean invalidFqdn(Dhcp4Packet query) {
        return query.options().get(OptionCodes.FQDN).map(Fqdn4Option::bothSAndN).orElse(false);
    }

    /** The name decision for a lease of {@code address} in subnet {@code subnetId}. */
    public NameDecision decide(Dhcp4Packet query, long subnetId, Optional<String> reservedHostname,
                               Ipv4Address address) {
        DdnsParams p = config.params(subnetId, address);
        return NameDecider.decide(clientName(query), reservedHostname, address.toString(), p);
    }

    public DdnsParams params(long subnetId, Ipv4Address address) {
        return config.params(subnetId, address);
    }

    /** The option the reply carries (81 or 12) with its payload, if any. */
    public static Optional<ReplyOption> replyOption(Dhcp4Packet query, NameDecision d) {
        return switch (d.reply()) {
            case FQDN -> Optional.of(new ReplyOption(OptionCodes.FQDN, Fqdn4Option.reply(d,
                    query.options().get(OptionCodes.FQDN).map(Fqdn4Option::encoded).orElse(true))));
            case HOST_NAME -> d.hostname().isEmpty() ? Optional.empty()
                    : Optional.of(new ReplyOption(OptionCodes.HOST_NAME, d.hostname().getBytes(StandardCharsets.US_ASCII)));
            case NONE -> Optional.empty();
        };
    }

    public record ReplyOption(int code, byte[] data) {
    }

    /**
     * A lease was written for a REQUEST: an ADD for a new lease; for a renewal, nothing when the name
     * and directions are unchanged (unless {@code ddns-update-on-renew}), else a REMOVE of the old
     * name and an ADD of the new one.
     */
    public void granted(Lease4 previous, Lease4 lease) {
        boolean had = previous != null && NcrFactory.wanted(previous.hostname(), previous.fqdnFwd(), previous.fqdnRev())
                && previous.address().equals(lease.address());
        boolean changed = !had || !previous.hostname().equalsIgnoreCase(lease.hostname())
                || previous.fqdnFwd() != lease.fqdnFwd() || previous.fqdnRev() != lease.fqdnRev();
        if (had && !changed && !config.params(lease.subnetId(), lease.address()).updateOnRenew()) {
            return;
        }
        if (had) {
            queue(ChangeType.REMOVE, previous);
        }
        queue(ChangeType.ADD, lease);
    }

    /** A lease ended (release, decline, reclamation, lease4-del with update-ddns). */
    public void removed(Lease4 lease) {
        queue(ChangeType.REMOVE, lease);
    }

    /** {@code lease4-resend-ddns}: an ADD for the lease; false when updates are off or it has no name. */
    public boolean resend(Lease4 lease) {
        return queue(ChangeType.ADD, lease);
    }

    /** Whether NCRs can be sent at all ({@code dhcp-ddns.enable-updates}). */
    public boolean enabled() {
        return config.client().enableUpdates();
    }

    private boolean queue(ChangeType type, Lease4 lease) {
        if (!NcrFactory.wanted(lease.hostname(), lease.fqdnFwd(), lease.fqdnRev())) {
            return false;
        }
        NcrSender s;
        synchronized (this) {
            s = sender;
        }
        DdnsParams p = config.params(lease.subnetId(), lease.address());
        if (s == null || (type == ChangeType.ADD && !p.enableUpdates())) {
            return false;
        }
        try {
            NameChangeRequest ncr = NcrFactory.build(type, lease.hostname(), lease.fqdnFwd(), lease.fqdnRev(),
                    InetAddress.getByAddress(lease.address().toBytes()), fqdn -> dhcid(lease, fqdn), lease.cltt(),
                    lease.validLifetime(), p, false);
            if (Dhcp4Messages.DHCPSRV_QUEUE_NCR.enabled()) {
                Dhcp4Messages.DHCPSRV_QUEUE_NCR.log(label(lease), verb(type), ncr.toText());
            }
            return s.offer(ncr);
        } catch (NcrException | IOException e) {
            Dhcp4Messages.DHCPSRV_QUEUE_NCR_FAILED.log(label(lease), verb(type), lease.address(), e.getMessage());
            return false;
        }
    }

    private static String verb(ChangeType type) {
        return type == ChangeType.ADD ? "add" : "remove";
    }

    /** Kea's label for a lease's client (Pkt4::makeLabel of its hardware address and client identifier). */
    static String label(Lease4 lease) {
        HexFormat hex = HexFormat.ofDelimiter(":");
        String hw = lease.hwAddress() == null ? "no hwaddr info"
                : "hwtype=" + lease.hwAddress().type() + " " + hex.formatHex(lease.hwAddress().bytes());
        byte[] id = lease.clientId();
        return "[" + hw + "], cid=[" + (id == null || id.length == 0 ? "no info" : hex.formatHex(id)) + "]";
    }

    /** Client-id when the lease has one (RFC 4701 type 1, or the DUID of an RFC 4361 client-id), else htype+chaddr. */
    static Dhcid dhcid(Lease4 lease, String fqdn) throws NcrException {
        if (lease.clientId() != null && lease.clientId().length > 0) {
            return Dhcid.fromClientId(lease.clientId(), fqdn);
        }
        if (lease.hwAddress() == null) {
            throw new NcrException("unable to compute DHCID from the HW address, NULL pointer has been specified");
        }
        return Dhcid.fromHwAddress(lease.hwAddress().type(), lease.hwAddress().bytes(), fqdn);
    }

    @Override
    public synchronized void close() {
        if (sender != null) {
            sender.close();
            sender = null;
        }
    }
}
