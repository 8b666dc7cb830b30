package ruru.hooks;

import ruru.wire.Ipv4Address;
import ruru.wire.v4.Dhcp4Packet;

/** {@code pkt4_receive}: a query was parsed. SKIP or DROP drops it; the query may be replaced. */
@FunctionalInterface
public interface Pkt4ReceiveCallout {

    NextStep pkt4Receive(Args args);

    final class Args {
        private Dhcp4Packet query4;
        private final String interfaceName;
        private final Ipv4Address remoteAddress;

        public Args(Dhcp4Packet query4, String interfaceName, Ipv4Address remoteAddress) {
            this.query4 = query4;
            this.interfaceName = interfaceName;
            this.remoteAddress = remoteAddress;
        }

        public Dhcp4Packet query4() {
            return query4;
        }

        public void setQuery4(Dhcp4Packet query4) {
            this.query4 = java.util.Objects.requireNonNull(query4);
        }

        public String interfaceName() {
            return interfaceName;
        }

        public Ipv4Address remoteAddress() {
            return remoteAddress;
        }
    }
}
