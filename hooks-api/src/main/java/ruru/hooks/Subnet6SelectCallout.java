package ruru.hooks;

import java.util.List;
import java.util.Optional;

import ruru.wire.v6.Dhcp6Packet;

/**
 * {@code subnet6_select}: the server chose a subnet (or none). A callout may choose another one from
 * {@link Args#subnet6collection()}; DROP drops the query; SKIP means "no subnet".
 */
@FunctionalInterface
public interface Subnet6SelectCallout {

    NextStep subnet6Select(Args args);

    final class Args {
        private final Dhcp6Packet query6;
        private Subnet6Info subnet6;
        private final List<Subnet6Info> subnet6collection;

        public Args(Dhcp6Packet query6, Optional<Subnet6Info> subnet6, List<Subnet6Info> subnet6collection) {
            this.query6 = query6;
            this.subnet6 = subnet6.orElse(null);
            this.subnet6collection = List.copyOf(subnet6collection);
        }

        public Dhcp6Packet query6() {
            return query6;
        }

        public Optional<Subnet6Info> subnet6() {
            return Optional.ofNullable(subnet6);
        }

        public void setSubnet6(Subnet6Info subnet6) {
            this.subnet6 = subnet6;
        }

        public List<Subnet6Info> subnet6collection() {
            return subnet6collection;
        }
    }
}
