package ruru.hooks;

import java.util.List;
import java.util.Optional;

import ruru.wire.v4.Dhcp4Packet;

/**
 * {@code subnet4_select}: the server chose a subnet (or none). A callout may choose another one
 * from {@link Args#subnet4collection()}; DROP drops the query; SKIP means "no subnet".
 */
@FunctionalInterface
public interface Subnet4SelectCallout {

    NextStep subnet4Select(Args args);

    final class Args {
        private final Dhcp4Packet query4;
        private Subnet4Info subnet4;
        private final List<Subnet4Info> subnet4collection;

        public Args(Dhcp4Packet query4, Optional<Subnet4Info> subnet4, List<Subnet4Info> subnet4collection) {
            this.query4 = query4;
            this.subnet4 = subnet4.orElse(null);
            this.subnet4collection = List.copyOf(subnet4collection);
        }

        public Dhcp4Packet query4() {
            return query4;
        }

        public Optional<Subnet4Info> subnet4() {
            return Optional.ofNullable(subnet4);
        }

        /** Sets the selected subnet (one of the collection, matched by id), or none with null. */
        public void setSubnet4(Subnet4Info subnet4) {
            this.subnet4 = subnet4;
        }

        public List<Subnet4Info> subnet4collection() {
            return subnet4collection;
        }
    }
}
