package ruru.hooks;

import java.util.List;

/**
 * A named place in the server where callouts run, typed by its callout interface. The names are
 * Kea's, so documentation written for Kea's hook points applies.
 *
 * @param <C> the callout interface of this point
 */
public final class HookPoint<C> {

    public static final HookPoint<Dhcp4SrvConfiguredCallout> DHCP4_SRV_CONFIGURED =
            new HookPoint<>(0, "dhcp4_srv_configured", Dhcp4SrvConfiguredCallout.class);
    public static final HookPoint<Buffer4ReceiveCallout> BUFFER4_RECEIVE =
            new HookPoint<>(1, "buffer4_receive", Buffer4ReceiveCallout.class);
    public static final HookPoint<Pkt4ReceiveCallout> PKT4_RECEIVE =
            new HookPoint<>(2, "pkt4_receive", Pkt4ReceiveCallout.class);
    public static final HookPoint<Subnet4SelectCallout> SUBNET4_SELECT =
            new HookPoint<>(3, "subnet4_select", Subnet4SelectCallout.class);
    public static final HookPoint<Host4IdentifierCallout> HOST4_IDENTIFIER =
            new HookPoint<>(4, "host4_identifier", Host4IdentifierCallout.class);
    public static final HookPoint<Lease4SelectCallout> LEASE4_SELECT =
            new HookPoint<>(5, "lease4_select", Lease4SelectCallout.class);
    public static final HookPoint<Lease4RenewCallout> LEASE4_RENEW =
            new HookPoint<>(6, "lease4_renew", Lease4RenewCallout.class);
    public static final HookPoint<Lease4ReleaseCallout> LEASE4_RELEASE =
            new HookPoint<>(7, "lease4_release", Lease4ReleaseCallout.class);
    public static final HookPoint<Lease4DeclineCallout> LEASE4_DECLINE =
            new HookPoint<>(8, "lease4_decline", Lease4DeclineCallout.class);
    public static final HookPoint<Leases4CommittedCallout> LEASES4_COMMITTED =
            new HookPoint<>(9, "leases4_committed", Leases4CommittedCallout.class);
    public static final HookPoint<Pkt4SendCallout> PKT4_SEND =
            new HookPoint<>(10, "pkt4_send", Pkt4SendCallout.class);
    public static final HookPoint<Buffer4SendCallout> BUFFER4_SEND =
            new HookPoint<>(11, "buffer4_send", Buffer4SendCallout.class);
    public static final HookPoint<Lease4ExpireCallout> LEASE4_EXPIRE =
            new HookPoint<>(12, "lease4_expire", Lease4ExpireCallout.class);
    public static final HookPoint<Lease4RecoverCallout> LEASE4_RECOVER =
            new HookPoint<>(13, "lease4_recover", Lease4RecoverCallout.class);
    public static final HookPoint<CommandProcessedCallout> COMMAND_PROCESSED =
            new HookPoint<>(14, "command_processed", CommandProcessedCallout.class);

    /** D2: a new configuration is about to be used (DROP rejects it). */
    public static final HookPoint<D2SrvConfiguredCallout> D2_SRV_CONFIGURED =
            new HookPoint<>(15, "d2_srv_configured", D2SrvConfiguredCallout.class);
    /** D2: the TSIG key for the next update to a server (replace it, or skip the server). */
    public static final HookPoint<SelectKeyCallout> SELECT_KEY =
            new HookPoint<>(16, "select_key", SelectKeyCallout.class);
    /** dhcp4: the name decision for a lease (the callout may change the name and directions). */
    public static final HookPoint<Ddns4UpdateCallout> DDNS4_UPDATE =
            new HookPoint<>(17, "ddns4_update", Ddns4UpdateCallout.class);

    // DHCPv6 (Kea's src/bin/dhcp6 hook points).
    public static final HookPoint<Dhcp6SrvConfiguredCallout> DHCP6_SRV_CONFIGURED =
            new HookPoint<>(18, "dhcp6_srv_configured", Dhcp6SrvConfiguredCallout.class);
    public static final HookPoint<Buffer6ReceiveCallout> BUFFER6_RECEIVE =
            new HookPoint<>(19, "buffer6_receive", Buffer6ReceiveCallout.class);
    public static final HookPoint<Pkt6ReceiveCallout> PKT6_RECEIVE =
            new HookPoint<>(20, "pkt6_receive", Pkt6ReceiveCallout.class);
    public static final HookPoint<Subnet6SelectCallout> SUBNET6_SELECT =
            new HookPoint<>(21, "subnet6_select", Subnet6SelectCallout.class);
    public static final HookPoint<Host6IdentifierCallout> HOST6_IDENTIFIER =
            new HookPoint<>(22, "host6_identifier", Host6IdentifierCallout.class);
    public static final HookPoint<Lease6SelectCallout> LEASE6_SELECT =
            new HookPoint<>(23, "lease6_select", Lease6SelectCallout.class);
    public static final HookPoint<Lease6RenewCallout> LEASE6_RENEW =
            new HookPoint<>(24, "lease6_renew", Lease6RenewCallout.class);
    public static final HookPoint<Lease6RebindCallout> LEASE6_REBIND =
            new HookPoint<>(25, "lease6_rebind", Lease6RebindCallout.class);
    public static final HookPoint<Lease6ReleaseCallout> LEASE6_RELEASE =
            new HookPoint<>(26, "lease6_release", Lease6ReleaseCallout.class);
    public static final HookPoint<Lease6DeclineCallout> LEASE6_DECLINE =
            new HookPoint<>(27, "lease6_decline", Lease6DeclineCallout.class);
    public static final HookPoint<Leases6CommittedCallout> LEASES6_COMMITTED =
            new HookPoint<>(28, "leases6_committed", Leases6CommittedCallout.class);
    public static final HookPoint<Pkt6SendCallout> PKT6_SEND =
            new HookPoint<>(29, "pkt6_send", Pkt6SendCallout.class);
    public static final HookPoint<Buffer6SendCallout> BUFFER6_SEND =
            new HookPoint<>(30, "buffer6_send", Buffer6SendCallout.class);
    public static final HookPoint<Lease6ExpireCallout> LEASE6_EXPIRE =
            new HookPoint<>(31, "lease6_expire", Lease6ExpireCallout.class);
    public static final HookPoint<Lease6RecoverCallout> LEASE6_RECOVER =
            new HookPoint<>(32, "lease6_recover", Lease6RecoverCallout.class);
    /** dhcp6: the name decision for a query's leases (the callout may change the name and directions). */
    public static final HookPoint<Ddns6UpdateCallout> DDNS6_UPDATE =
            new HookPoint<>(33, "ddns6_update", Ddns6UpdateCallout.class);
    /** dhcp4 (Kea 2.6/3): an OFFER is about to be sent (DROP, or PARK until the library resumes it). */
    public static final HookPoint<Lease4OfferCallout> LEASE4_OFFER =
            new HookPoint<>(34, "lease4_offer", Lease4OfferCallout.class);
    /** dhcp4 (Kea 2.6/3): the server declined an address a lease4_offer callout found in use. */
    public static final HookPoint<Lease4ServerDeclineCallout> LEASE4_SERVER_DECLINE =
            new HookPoint<>(35, "lease4_server_decline", Lease4ServerDeclineCallout.class);

    private static final List<HookPoint<?>> ALL = List.of(DHCP4_SRV_CONFIGURED, BUFFER4_RECEIVE, PKT4_RECEIVE,
            SUBNET4_SELECT, HOST4_IDENTIFIER, LEASE4_SELECT, LEASE4_RENEW, LEASE4_RELEASE, LEASE4_DECLINE,
            LEASES4_COMMITTED, PKT4_SEND, BUFFER4_SEND, LEASE4_EXPIRE, LEASE4_RECOVER, COMMAND_PROCESSED,
            D2_SRV_CONFIGURED, SELECT_KEY, DDNS4_UPDATE,
            DHCP6_SRV_CONFIGURED, BUFFER6_RECEIVE, PKT6_RECEIVE, SUBNET6_SELECT, HOST6_IDENTIFIER, LEASE6_SELECT,
            LEASE6_RENEW, LEASE6_REBIND, LEASE6_RELEASE, LEASE6_DECLINE, LEASES6_COMMITTED, PKT6_SEND, BUFFER6_SEND,
            LEASE6_EXPIRE, LEASE6_RECOVER, DDNS6_UPDATE, LEASE4_OFFER, LEASE4_SERVER_DECLINE);

    private final int index;
    private final String name;
    private final Class<C> calloutType;

    private HookPoint(int index, String name, Class<C> calloutType) {
        this.index = index;
        this.name = name;
        this.calloutType = calloutType;
    }

    /** Every hook point, in index order. */
    public static List<HookPoint<?>> all() {
        return ALL;
    }

    /** A dense number (0 ..), so a server can keep callouts in an array. */
    public int index() {
        return index;
    }

    /** Kea's name of the hook point. */
    public String name() {
        return name;
    }

    public Class<C> calloutType() {
        return calloutType;
    }

    @Override
    public String toString() {
        return name;
    }
}
