package ruru.hooks;

import ruru.wire.v6.Dhcp6Packet;
import ruru.wire.v6.Ia;

/**
 * {@code lease6_rebind}: as {@code lease6_renew}, for a REBIND.
 */
@FunctionalInterface
public interface Lease6RebindCallout {

    NextStep lease6Rebind(Args args);

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
