package ruru.hooks;

import ruru.wire.v6.Dhcp6Packet;
import ruru.wire.v6.Ia;

/**
 * {@code lease6_renew}: a client renews (RENEW) a lease it holds; {@link Args#lease6()} is the renewed lease about to be
 * stored, which a callout may change. SKIP keeps the old lease as it is in the store.
 */
@FunctionalInterface
public interface Lease6RenewCallout {

    NextStep lease6Renew(Args args);

    final class Args {
        private final Dhcp6Packet query6;
        private Lease6Info lease6;
        private final Ia iaNa;

        public Args(Dhcp6Packet query6, Lease6Info lease6, Ia iaNa) {
            this.query6 = query6;
            this.lease6 = lease6;
            this.iaNa = iaNa;
        }

        public Dhcp6Packet query6() {
            return query6;
        }

        public Lease6Info lease6() {
            return lease6;
        }

        public void setLease6(Lease6Info lease6) {
            this.lease6 = java.util.Objects.requireNonNull(lease6);
        }

        public Ia iaNa() {
            return iaNa;
        }
    }
}
