package ruru.hooks;

import ruru.wire.Ipv6Address;
import ruru.wire.v6.Dhcp6Packet;

/**
 * {@code pkt6_receive}: a query was parsed. SKIP or DROP drops it; the query may be replaced.
 */
@FunctionalInterface
public interface Pkt6ReceiveCallout {

    NextStep pkt6Receive(Args args);

    final class Args {
        private Dhcp6Packet query6;
        private final String interfaceName;
        private final Ipv6Address remoteAddress;

        public Args(Dhcp6Packet query6, String interfaceName, Ipv6Address remoteAddress) {
            this.query6 = query6;
            this.interfaceName = interfaceName;
            this.remoteAddress = remoteAddress;
        }

        public Dhcp6Packet query6() {
            return query6;
        }

        public void setQuery6(Dhcp6Packet query6) {
            this.query6 = java.util.Objects.requireNonNull(query6);
        }

        public String interfaceName() {
            return interfaceName;
        }

        public Ipv6Address remoteAddress() {
            return remoteAddress;
        }
    }
}
