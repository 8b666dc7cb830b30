package ruru.hooks;

import ruru.wire.v4.Dhcp4Packet;

/**
 * {@code lease4_select}: the server picked a lease for the client and has not stored it yet.
 * {@code fakeAllocation} is true for a DISCOVER (an offer, nothing is written). A callout may
 * change the lease (its address must stay); SKIP means the server does not assign it (no offer,
 * or a NAK for a REQUEST).
 */
@FunctionalInterface
public interface Lease4SelectCallout {

    NextStep lease4Select(Args args);

    final class Args {
        private final Dhcp4Packet query4;
        private final Subnet4Info subnet4;
        private final boolean fakeAllocation;
        private Lease4Info lease4;

        public Args(Dhcp4Packet query4, Subnet4Info subnet4, boolean fakeAllocation, Lease4Info lease4) {
            this.query4 = query4;
            this.subnet4 = subnet4;
            this.fakeAllocation = fakeAllocation;
            this.lease4 = lease4;
        }

        public Dhcp4Packet query4() {
            return query4;
        }

        public Subnet4Info subnet4() {
            return subnet4;
        }

        public boolean fakeAllocation() {
            return fakeAllocation;
        }

        public Lease4Info lease4() {
            return lease4;
        }

        public void setLease4(Lease4Info lease4) {
            this.lease4 = java.util.Objects.requireNonNull(lease4);
        }
    }
}
