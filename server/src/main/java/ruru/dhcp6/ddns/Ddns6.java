package ruru.dhcp6.ddns;

import java.util.HexFormat;
import java.util.Optional;

import ruru.ddns.client.DdnsClient;
import ruru.ddns.client.DdnsServerConfig;
import ruru.ddns.names.ClientName;
import ruru.ddns.names.DdnsParams;
import ruru.ddns.names.NameDecider;
import ruru.ddns.names.NameDecision;
import ruru.ddns.names.ReplaceClientName;
import ruru.ddns.ncr.ChangeType;
import ruru.ddns.ncr.Dhcid;
import ruru.ddns.ncr.NameChangeRequest;
import ruru.ddns.ncr.NcrException;
import ruru.lease.Lease6;
import ruru.wire.Ipv6Address;
import ruru.wire.v6.Dhcp6Packet;
import ruru.wire.v6.IaType;
import ruru.wire.v6.Option6Codes;

/**
 * The DHCPv6 server's DDNS (Kea's processClientFqdn and queueNCR for leases of addresses): the
 * name decision from option 39, and the NCRs of the family-neutral {@link DdnsClient} with the
 * DUID-based DHCID (RFC 4701 identifier type 2). Prefix (IA_PD) leases never get DNS updates.
 * One per service; {@link #configure} swaps its configuration and sender.
 */
public final class Ddns6 extends DdnsClient<Ipv6Address, Lease6, DdnsServerConfig<Ipv6Address>> {


    public Ddns6() {
        super(DdnsServerConfig.disabled(), "kea-dhcp6.ddns");
    }

    /** The client's option 39, when it sent one. */
    public static Optional<ClientName.Fqdn> clientFqdn(Dhcp6Packet query) {
        return query.options().get(Option6Codes.CLIENT_FQDN).map(Fqdn6Option::parse);
    }

    /** Kea drops a query whose option 39 cannot be read (no flags byte, or both S and N set). */
    public static boolean invalidFqdn(Dhcp6Packet query) {
        return query.options().get(Option6Codes.CLIENT_FQDN).map(Fqdn6Option::invalid).orElse(false);
    }

    /**
     * The name decision for a lease of {@code address} (null before allocation: a name to generate
     * stays empty) in subnet {@code subnetId}. Without option 39 Kea fabricates one asking the server
     * to update (S 1, empty name) when updates are on and the replace mode is {@code always} or
     * {@code when-not-present}; otherwise the lease keeps only a reserved hostname and no DNS
     * directions, and the reply carries no option 39.
     */
    public NameDecision decide(Dhcp6Packet query, long subnetId, Optional<String> reservedHostname,
                               Ipv6Address address) {
        DdnsParams p = params(subnetId, address);
        Optional<ClientName.Fqdn> sent = clientFqdn(query);
        ClientName.Fqdn fqdn;
        if (sent.isPresent()) {
            fqdn = sent.get();
        } else if (p.enableUpdates() && (p.replaceClientName() == ReplaceClientName.ALWAYS
                || p.replaceClientName() == ReplaceClientName.WHEN_NOT_PRESENT)) {
            fqdn = new ClientName.Fqdn(true, false, false, "");
        } else {
            return new NameDecision(reservedHostname.orElse(""), false, false, NameDecision.Reply.NONE, false, false,
                    false);
        }
        return NameDecider.decide(fqdn, reservedHostname, address == null ? null : address.toString(), p);
    }

    /** The reply's option 39 for a decision, if it carries one. */
    public static Optional<byte[]> replyOption(NameDecision d) {
        return d.reply() == NameDecision.Reply.FQDN ? Optional.of(Fqdn6Option.reply(d)) : Optional.empty();
    }

    @Override
    protected boolean forward(Lease6 lease) {
        return lease.type() == IaType.NA && lease.fqdnFwd();
    }

    @Override
    protected boolean reverse(Lease6 lease) {
        return lease.type() == IaType.NA && lease.fqdnRev();
    }

    @Override
    protected Dhcid dhcid(Lease6 lease, String fqdn) throws NcrException {
        if (lease.duid() == null || lease.duid().length == 0) {
            throw new NcrException("unable to compute DHCID: the lease has no DUID");
        }
        return Dhcid.fromDuid(lease.duid(), fqdn);
    }

    @Override
    protected boolean zeroExpiryOnAdd() {
        return true;
    }

    @Override
    protected void queued(Lease6 lease, ChangeType type, NameChangeRequest ncr) {
        if (ruru.dhcp6.log.Dhcp6Messages.DHCPSRV_QUEUE_NCR.enabled()) {
            ruru.dhcp6.log.Dhcp6Messages.DHCPSRV_QUEUE_NCR.log(label(lease), verb(type), ncr.toText());
        }
    }

    @Override
    protected void created(Lease6 lease, NameChangeRequest ncr) {
        if (ruru.dhcp6.log.Dhcp6Messages.DHCP6_DDNS_CREATE_ADD_NAME_CHANGE_REQUEST.enabled()) {
            ruru.dhcp6.log.Dhcp6Messages.DHCP6_DDNS_CREATE_ADD_NAME_CHANGE_REQUEST.log(ncr.toText());
        }
    }

    @Override
    protected java.util.function.Consumer<NameChangeRequest> sentLogger() {
        return ncr -> {
            if (ruru.dhcp6.log.Dhcp6Messages.DHCPSRV_DHCP_DDNS_NCR_SENT.enabled()) {
                ruru.dhcp6.log.Dhcp6Messages.DHCPSRV_DHCP_DDNS_NCR_SENT.log(ncr.toText());
            }
        };
    }

    @Override
    protected void skipped(Lease6 lease) {
        // Kea's queueNCR passes over prefix leases without a word
        if (lease.type() == IaType.NA && ruru.dhcp6.log.Dhcp6Messages.DHCPSRV_QUEUE_NCR_SKIP.enabled()) {
            ruru.dhcp6.log.Dhcp6Messages.DHCPSRV_QUEUE_NCR_SKIP.log(label(lease), lease.address());
        }
    }

    @Override
    protected void failed(Lease6 lease, ChangeType type, String reason) {
        ruru.dhcp6.log.Dhcp6Messages.DHCPSRV_QUEUE_NCR_FAILED.log(label(lease), verb(type), lease.address(), reason);
    }

    /** Kea's label for a lease's client (Pkt6::makeLabel of its DUID and hardware address). */
    public static String label(Lease6 lease) {
        HexFormat hex = HexFormat.ofDelimiter(":");
        String duid = lease.duid() == null ? "no info" : hex.formatHex(lease.duid());
        // no hardware address: nothing after the DUID (kea-dhcp6 2.2 live, a lease6-add lease reclaimed)
        return lease.hwAddress() == null ? "duid=[" + duid + "]" : "duid=[" + duid + "], [hwtype="
                + lease.hwAddress().type() + " " + hex.formatHex(lease.hwAddress().bytes()) + "]";
    }
}
