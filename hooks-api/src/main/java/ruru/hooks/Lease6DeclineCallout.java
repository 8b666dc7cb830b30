package ruru.hooks;

import ruru.wire.v6.Dhcp6Packet;

/**
 * {@code lease6_decline}: a client declines an address it holds. SKIP or DROP: the lease is not declined.
 */
@FunctionalInterface
public interface Lease6DeclineCallout {

    NextStep lease6Decline(Args args);

    final class Args {
        private final Dhcp6Packet query6;
        private final Lease6Info lease6;

        public Args(Dhcp6Packet query6, Lease6Info lease6) {
            this.query6 = query6;
            this.lease6 = lease6;
        }

        public Dhcp6Packet query6() {
            return query6;
        }

        public Lease6Info lease6() {
            return lease6;
        }
    }
}
