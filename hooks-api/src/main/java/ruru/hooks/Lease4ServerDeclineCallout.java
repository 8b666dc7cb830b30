package ruru.hooks;

import ruru.wire.v4.Dhcp4Packet;

/**
 * {@code lease4_server_decline} (Kea 2.6/3): the server itself declined an address it was about to
 * offer, because a {@code lease4_offer} callout found it in use ({@code offer_address_in_use}). The
 * lease is already stored in the declined state; the status is ignored. Kea's HA library sends the
 * declined lease to its partner here.
 */
@FunctionalInterface
public interface Lease4ServerDeclineCallout {

    NextStep lease4ServerDecline(Args args);

    final class Args {
        private final Dhcp4Packet query4;
        private final Lease4Info lease4;

        /** @param query4 the DHCPDISCOVER whose offer found the address in use */
        public Args(Dhcp4Packet query4, Lease4Info lease4) {
            this.query4 = query4;
            this.lease4 = lease4;
        }

        public Dhcp4Packet query4() {
            return query4;
        }

        /** The declined lease as stored. */
        public Lease4Info lease4() {
            return lease4;
        }
    }
}
