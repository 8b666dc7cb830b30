package ruru.hooks;

import ruru.wire.v6.Dhcp6Packet;

/**
 * {@code lease6_release}: a client releases a lease it holds. SKIP or DROP: the lease is not released.
 */
@FunctionalInterface
public interface Lease6ReleaseCallout {

    NextStep lease6Release(Args args);

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
