package ruru.dhcp4.ddns;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;

import ruru.ddns.client.DdnsClient;
import ruru.ddns.client.DdnsServerConfig;
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
 * reclaimed or deleted (the family-neutral {@link DdnsClient} with DHCPv4's option 81/12 and
 * DHCID). One per service; {@link #configure} swaps its configuration and sender.
 */
public final class Ddns4 extends DdnsClient<Ipv4Address, Lease4, DdnsServerConfig<Ipv4Address>> {

    public Ddns4() {
        super(DdnsServerConfig.disabled(), "kea-dhcp4.ddns");
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

    /**
     * The name decision for a lease of {@code address} in subnet {@code subnetId}; a null address
     * (none chosen yet) leaves a name to generate empty.
     */
    public NameDecision decide(Dhcp4Packet query, long subnetId, Optional<String> reservedHostname,
                               Ipv4Address address) {
        DdnsParams p = params(subnetId, address);
        return NameDecider.decide(clientName(query), reservedHostname, address == null ? null : address.toString(), p);
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

    @Override
    protected boolean forward(Lease4 lease) {
        return lease.fqdnFwd();
    }

    @Override
    protected boolean reverse(Lease4 lease) {
        return lease.fqdnRev();
    }

    @Override
    protected boolean zeroExpiryOnAdd() {
        return false;
    }

    @Override
    protected void queued(Lease4 lease, ChangeType type, NameChangeRequest ncr) {
        if (Dhcp4Messages.DHCPSRV_QUEUE_NCR.enabled()) {
            Dhcp4Messages.DHCPSRV_QUEUE_NCR.log(label(lease), verb(type), ncr.toText());
        }
    }

    @Override
    protected void skipped(Lease4 lease) {
        if (Dhcp4Messages.DHCPSRV_QUEUE_NCR_SKIP.enabled()) {
            Dhcp4Messages.DHCPSRV_QUEUE_NCR_SKIP.log(label(lease), lease.address());
        }
    }

    @Override
    protected java.util.function.Consumer<NameChangeRequest> sentLogger() {
        return ncr -> {
            if (Dhcp4Messages.DHCPSRV_DHCP_DDNS_NCR_SENT.enabled()) {
                Dhcp4Messages.DHCPSRV_DHCP_DDNS_NCR_SENT.log(ncr.toText());
            }
        };
    }

    @Override
    protected void skippedGrant(Lease4 lease) {
        // kea-dhcp4 2.2 makes a granted lease's requests only with updates on (a release's or a decline's always)
        if (enabled()) {
            skipped(lease);
        }
    }

    @Override
    protected void failed(Lease4 lease, ChangeType type, String reason) {
        Dhcp4Messages.DHCPSRV_QUEUE_NCR_FAILED.log(label(lease), verb(type), lease.address(), reason);
    }

    /** Kea's label for a lease's client (Pkt4::makeLabel of its hardware address and client identifier). */
    public static String label(Lease4 lease) {
        HexFormat hex = HexFormat.ofDelimiter(":");
        String hw = lease.hwAddress() == null ? "no hwaddr info"
                : "hwtype=" + lease.hwAddress().type() + " " + hex.formatHex(lease.hwAddress().bytes());
        byte[] id = lease.clientId();
        return "[" + hw + "], cid=[" + (id == null || id.length == 0 ? "no info" : hex.formatHex(id)) + "]";
    }

    /** Client-id when the lease has one (RFC 4701 type 1, or the DUID of an RFC 4361 client-id), else htype+chaddr. */
    @Override
    protected Dhcid dhcid(Lease4 lease, String fqdn) throws NcrException {
        if (lease.clientId() != null && lease.clientId().length > 0) {
            return Dhcid.fromClientId(lease.clientId(), fqdn);
        }
        if (lease.hwAddress() == null) {
            throw new NcrException("unable to compute DHCID from the HW address, NULL pointer has been specified");
        }
        return Dhcid.fromHwAddress(lease.hwAddress().type(), lease.hwAddress().bytes(), fqdn);
    }
}
