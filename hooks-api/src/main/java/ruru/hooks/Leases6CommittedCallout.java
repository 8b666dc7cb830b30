package ruru.hooks;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import ruru.wire.v6.Dhcp6Packet;

/**
 * {@code leases6_committed}: the leases of a REQUEST, RENEW, REBIND, RELEASE or DECLINE (or a
 * SOLICIT with rapid commit) are in the store and the response is built. DROP drops the response.
 * PARK holds it: the callout calls {@link Args#park()} and returns PARK, and later ends the exchange
 * with {@link ParkHandle#resume()} (the response goes out) or {@link ParkHandle#drop()}. The server
 * holds at most {@code parked-packet-limit} exchanges; over the limit it drops new ones first.
 */
@FunctionalInterface
public interface Leases6CommittedCallout {

    NextStep leases6Committed(Args args);

    final class Args {
        private final Dhcp6Packet query6;
        private Dhcp6Packet response6;
        private final List<Lease6Info> leases6;
        private final List<Lease6Info> deletedLeases6;
        private final Supplier<ParkHandle> parking;

        /** @param parking gives the exchange's park handle (the same one on every call) */
        public Args(Dhcp6Packet query6, Dhcp6Packet response6, List<Lease6Info> leases6,
                    List<Lease6Info> deletedLeases6, Supplier<ParkHandle> parking) {
            this.query6 = query6;
            this.response6 = response6;
            this.leases6 = List.copyOf(leases6);
            this.deletedLeases6 = List.copyOf(deletedLeases6);
            this.parking = parking;
        }

        public Dhcp6Packet query6() {
            return query6;
        }

        public Optional<Dhcp6Packet> response6() {
            return Optional.ofNullable(response6);
        }

        public void setResponse6(Dhcp6Packet response6) {
            this.response6 = Objects.requireNonNull(response6);
        }

        public List<Lease6Info> leases6() {
            return leases6;
        }

        public List<Lease6Info> deletedLeases6() {
            return deletedLeases6;
        }

        /** The handle that resumes or drops this exchange once the callout returned PARK. */
        public ParkHandle park() {
            return parking.get();
        }
    }
}
