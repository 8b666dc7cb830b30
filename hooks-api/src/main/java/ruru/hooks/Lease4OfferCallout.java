package ruru.hooks;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import ruru.wire.v4.Dhcp4Packet;

/**
 * {@code lease4_offer} (Kea 2.6/3): a DHCPOFFER is built and about to be sent, on every DISCOVER
 * the server answers (with or without {@code offer-lifetime}). It runs where
 * {@code leases4_committed} runs for a REQUEST, before {@code pkt4_send}.
 *
 * <ul>
 * <li>DROP: no OFFER is sent (the lease held for {@code offer-lifetime}, if any, stays until it
 *     expires).</li>
 * <li>PARK: the OFFER is held. The callout calls {@link Args#park()} and returns PARK; later it
 *     ends the exchange with {@link ParkHandle#resume()} (the OFFER goes out, through
 *     {@code pkt4_send}) or {@link ParkHandle#drop()}. If, when the exchange is resumed,
 *     {@link Args#offerAddressInUse()} is true (the ping-check library's answer), no OFFER is sent:
 *     the server declines the address itself for {@code decline-probation-period} seconds and runs
 *     {@code lease4_server_decline}. The server holds at most {@code parked-packet-limit} offers
 *     (its own lot, apart from leases4_committed's); over the limit a DISCOVER is dropped before
 *     the callouts run.</li>
 * <li>SKIP and CONTINUE: the OFFER goes out.</li>
 * </ul>
 */
@FunctionalInterface
public interface Lease4OfferCallout {

    NextStep lease4Offer(Args args);

    final class Args {
        private final Dhcp4Packet query4;
        private Dhcp4Packet response4;
        private final List<Lease4Info> leases4;
        private final long offerLifetime;
        private final Lease4Info oldLease;
        private final Host4Info host;
        private final Supplier<ParkHandle> parking;
        private volatile boolean offerAddressInUse;

        /**
         * @param leases4       the offered lease; empty when the client's current lease is offered
         *                      again unchanged (lease caching), as Kea passes no reused lease
         * @param offerLifetime the {@code offer-lifetime} in force (0: nothing was stored)
         * @param oldLease      the lease that was at the offered address before (the client's own
         *                      or an expired one being reused), if any
         * @param host          the client's reservation in the subnet, if any
         * @param parking       gives the exchange's park handle (the same one on every call)
         */
        public Args(Dhcp4Packet query4, Dhcp4Packet response4, List<Lease4Info> leases4, long offerLifetime,
                    Optional<Lease4Info> oldLease, Optional<Host4Info> host, Supplier<ParkHandle> parking) {
            this.query4 = query4;
            this.response4 = response4;
            this.leases4 = List.copyOf(leases4);
            this.offerLifetime = offerLifetime;
            this.oldLease = oldLease.orElse(null);
            this.host = host.orElse(null);
            this.parking = parking;
        }

        public Dhcp4Packet query4() {
            return query4;
        }

        /** The DHCPOFFER to send. */
        public Dhcp4Packet response4() {
            return response4;
        }

        /** Replaces the OFFER (sent as it is, after pkt4_send). */
        public void setResponse4(Dhcp4Packet response4) {
            this.response4 = Objects.requireNonNull(response4);
        }

        public List<Lease4Info> leases4() {
            return leases4;
        }

        /** Kea's {@code offer_lifetime}: seconds the offered lease is held, 0 when it is not stored. */
        public long offerLifetime() {
            return offerLifetime;
        }

        /** Kea's {@code old_lease}. */
        public Optional<Lease4Info> oldLease() {
            return Optional.ofNullable(oldLease);
        }

        /** Kea's {@code host}. */
        public Optional<Host4Info> host() {
            return Optional.ofNullable(host);
        }

        /**
         * Kea's {@code offer_address_in_use}: set it (before resuming a parked exchange) when the
         * address turned out to be in use; the server then declines it instead of offering it.
         */
        public void setOfferAddressInUse(boolean inUse) {
            this.offerAddressInUse = inUse;
        }

        public boolean offerAddressInUse() {
            return offerAddressInUse;
        }

        /** The handle that resumes or drops this exchange once the callout returned PARK. */
        public ParkHandle park() {
            return parking.get();
        }
    }
}
