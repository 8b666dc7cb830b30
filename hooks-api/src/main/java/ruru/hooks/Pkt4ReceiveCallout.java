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
        private final QueryClasses classes;

        public Args(Dhcp4Packet query4, String interfaceName, Ipv4Address remoteAddress) {
            this(query4, interfaceName, remoteAddress, QueryClasses.NONE);
        }

        public Args(Dhcp4Packet query4, String interfaceName, Ipv4Address remoteAddress, QueryClasses classes) {
            this.query4 = query4;
            this.interfaceName = interfaceName;
            this.remoteAddress = remoteAddress;
            this.classes = java.util.Objects.requireNonNull(classes);
        }

        /** The query's classes so far (ALL, its vendor class, the tests that matched); a callout may add some. */
        public QueryClasses classes() {
            return classes;
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
