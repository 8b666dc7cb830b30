package ruru.hooks;

import ruru.wire.v6.Dhcp6Packet;

/**
 * {@code lease6_select}: the server picked a lease for an IA and has not stored it yet. {@code fakeAllocation} is true
 * for a SOLICIT without rapid commit (an advertisement, nothing is written). A callout may change the lease
 * (its address must stay); SKIP means the server does not assign it.
 */
@FunctionalInterface
public interface Lease6SelectCallout {

    NextStep lease6Select(Args args);

    final class Args {
        private final Dhcp6Packet query6;
        private final Subnet6Info subnet6;
        private final boolean fakeAllocation;
        private Lease6Info lease6;

        public Args(Dhcp6Packet query6, Subnet6Info subnet6, boolean fakeAllocation, Lease6Info lease6) {
            this.query6 = query6;
            this.subnet6 = subnet6;
            this.fakeAllocation = fakeAllocation;
            this.lease6 = lease6;
        }

        public Dhcp6Packet query6() {
            return query6;
        }

        public Subnet6Info subnet6() {
            return subnet6;
        }

        public boolean fakeAllocation() {
            return fakeAllocation;
        }

        public Lease6Info lease6() {
            return lease6;
        }

        public void setLease6(Lease6Info lease6) {
            this.lease6 = java.util.Objects.requireNonNull(lease6);
        }
    }
}
