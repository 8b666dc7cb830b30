package ruru.dhcp4.service;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import ruru.daemon.hooks.CalloutRegistry;
import ruru.dhcp.engine.ParkedExchange;
import ruru.dhcp4.log.Dhcp4Messages;
import ruru.hooks.HookPoint;
import ruru.hooks.Lease4OfferCallout;
import ruru.hooks.Lease4ServerDeclineCallout;
import ruru.hooks.NextStep;
import ruru.lease.Lease4;
import ruru.lease.LeaseState;
import ruru.lease.LeaseStoreException;
import ruru.wire.v4.MessageType;

/**
 * Kea 2.6/3's {@code lease4_offer} hook point and the server-initiated decline behind it
 * (Kea's Dhcpv4Srv::processLocalizedQuery4 and serverDecline). Called only when a library
 * registered a lease4_offer callout, after the OFFER is built and before pkt4_send: DROP sends
 * nothing; PARK holds the OFFER in lease4_offer's own parking lot until the library resumes it
 * (then it goes out through pkt4_send and buffer4_send) or drops it; a resumed exchange whose
 * callout set {@code offer_address_in_use} sends no OFFER: the address is declined for
 * decline-probation-period and {@code lease4_server_decline} runs (HA sends the declined lease to
 * its partner there).
 */
final class OfferHook {

    private final PacketStats packetStats;
    private final LeaseStats leaseStats;
    private final java.time.Clock clock;
    private final Consumer<QueryProcessor.Answered> resumed;

    OfferHook(PacketStats packetStats, LeaseStats leaseStats, java.time.Clock clock,
              Consumer<QueryProcessor.Answered> resumed) {
        this.packetStats = packetStats;
        this.leaseStats = leaseStats;
        this.clock = clock;
        this.resumed = resumed;
    }

    /**
     * The OFFER to send now, if any. {@code held}: the lease stored for {@code offer-lifetime}
     * (null when it is 0: then the lease stands for what would be allocated, as Kea's fake one).
     */
    Optional<QueryProcessor.Answered> offered(Exchange ex, AllocationEngine.Choice c, QueryProcessor.Answered offer,
                                              long offerLifetime, Lease4 held) {
        Dhcp4Hooks dh = ex.snap().hooks();
        if (dh.offerParking().full()) {
            Dhcp4Messages.DHCP4_HOOK_LEASE4_OFFER_PARKING_LOT_FULL.log(dh.parkedPacketLimit(), ex.label());
            packetStats.dropped();
            return Optional.empty();
        }
        // Kea passes no lease that lease caching hands out again unchanged
        Lease4 lease = c.reusedLifetime() > 0 ? null : held != null ? held : AllocationEngine.candidate(ex, c);
        var args = new Lease4OfferCallout.Args(ex.query(), offer.reply(),
                lease == null ? List.of() : List.of(Dhcp4Hooks.view(lease)), offerLifetime,
                Optional.ofNullable(c.current()).map(Dhcp4Hooks::view), c.host().map(Dhcp4Hooks::view),
                ParkedExchange.onDemand(dh.offerParking(), packetStats::dropped));
        CalloutRegistry hooks = dh.callouts();
        NextStep step = hooks.call(HookPoint.LEASE4_OFFER, args, Lease4OfferCallout::lease4Offer);
        QueryProcessor.Answered out = args.response4() == offer.reply() ? offer
                : new QueryProcessor.Answered(offer.query(), args.response4(), offer.received(), offer.subnet());
        if (step == NextStep.DROP) {
            // as Kea: the response is reset, no drop is counted
            Dhcp4Messages.DHCP4_HOOK_LEASE4_OFFER_DROP.log(ex.label());
            return Optional.empty();
        }
        if (step != NextStep.PARK) {
            return Optional.of(out);
        }
        @SuppressWarnings("unchecked")
        ParkedExchange<QueryProcessor.Answered> parked = (ParkedExchange<QueryProcessor.Answered>) args.park();
        Dhcp4Messages.DHCP4_HOOK_LEASE4_OFFER_PARK.log(ex.label());
        QueryProcessor.Answered now = parked.park(out, a -> {
            if (!declinedInstead(ex, args, lease, offerLifetime)) {
                packetStats.sent(MessageType.OFFER);
                resumed.accept(a);
            }
        });
        // resumed before the callout even returned: answer now (unless the address is in use)
        if (now == null || declinedInstead(ex, args, lease, offerLifetime)) {
            return Optional.empty();
        }
        return Optional.of(now);
    }

    /** offer_address_in_use: true when the address was declined instead of offered. */
    private boolean declinedInstead(Exchange ex, Lease4OfferCallout.Args args, Lease4 offered, long offerLifetime) {
        if (!args.offerAddressInUse() || offered == null) {
            return false;
        }
        serverDecline(ex, offered, offerLifetime > 0);
        return true;
    }

    /**
     * Kea's serverDecline: the lease forgets its client and is withheld for
     * decline-probation-period; it is updated when offer-lifetime stored it, else added. It counts
     * in declined-addresses and, when it was not stored before, in assigned-addresses too (so its
     * reclamation takes it out of both, as a client's decline). Then lease4_server_decline runs.
     */
    private void serverDecline(Exchange ex, Lease4 offered, boolean stored) {
        long probation = ex.snap().config().declineProbationPeriod();
        Dhcp4Messages.DHCP4_SERVER_INITIATED_DECLINE.log(offered.address(), probation);
        Lease4 declined = new Lease4(offered.address(), null, null, probation, clock.instant().getEpochSecond(),
                offered.subnetId(), false, false, "", LeaseState.DECLINED, null, offered.poolId());
        boolean existed = false;
        try {
            Optional<Lease4> current = stored ? ex.snap().leases().get(offered.address()) : Optional.empty();
            if (current.isPresent()) {
                existed = true;
                if (!ex.snap().leases().replace(current.get(), declined)) {
                    Dhcp4Messages.DHCP4_SERVER_INITIATED_DECLINE_UPDATE_FAILED.log(ex.label(), offered.address());
                    return;
                }
            } else if (!ex.snap().leases().insert(declined)) {
                Dhcp4Messages.DHCP4_SERVER_INITIATED_DECLINE_ADD_FAILED.log(ex.label(), offered.address());
                return;
            }
        } catch (LeaseStoreException | RuntimeException e) {
            (existed ? Dhcp4Messages.DHCP4_SERVER_INITIATED_DECLINE_UPDATE_FAILED
                    : Dhcp4Messages.DHCP4_SERVER_INITIATED_DECLINE_ADD_FAILED).log(ex.label(), offered.address());
            return;
        }
        leaseStats.declined(declined.subnetId(), declined.poolId(), 1);
        if (!existed) {
            leaseStats.assigned(declined.subnetId(), declined.poolId(), 1);
        }
        CalloutRegistry hooks = ex.snap().hooks().callouts();
        if (hooks.has(HookPoint.LEASE4_SERVER_DECLINE)) {
            hooks.call(HookPoint.LEASE4_SERVER_DECLINE,
                    new Lease4ServerDeclineCallout.Args(ex.query(), Dhcp4Hooks.view(declined)),
                    Lease4ServerDeclineCallout::lease4ServerDecline);
        }
    }
}
