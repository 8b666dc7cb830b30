package ruru.hooks;

import ruru.wire.v4.Dhcp4Packet;

/** {@code lease4_decline}: a client declines its lease (the address is in use). SKIP or DROP: do not decline it (the lease stays as it is). */
@FunctionalInterface
public interface Lease4DeclineCallout {

    NextStep lease4Decline(Args args);

    final class Args {
        private final Dhcp4Packet query4;
        private final Lease4Info lease4;

        public Args(Dhcp4Packet query4, Lease4Info lease4) {
            this.query4 = query4;
            this.lease4 = lease4;
        }

        public Dhcp4Packet query4() {
            return query4;
        }

        public Lease4Info lease4() {
            return lease4;
        }
    }
}
