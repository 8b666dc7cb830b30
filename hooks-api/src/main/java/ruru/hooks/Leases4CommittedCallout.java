package ruru.hooks;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import ruru.wire.v4.Dhcp4Packet;

/**
 * {@code leases4_committed}: the leases of a REQUEST are in the store and the response is built.
 * DROP drops the response. PARK holds it: the callout calls {@link Args#park()} and returns PARK,
 * and later ends the exchange with {@link ParkHandle#resume()} (the response goes out) or
 * {@link ParkHandle#drop()}. The server holds at most {@code parked-packet-limit} exchanges
 * (default 256); over the limit it drops new ones before calling the callouts.
 */
@FunctionalInterface
public interface Leases4CommittedCallout {

    NextStep leases4Committed(Args args);

    final class Args {
        private final Dhcp4Packet query4;
        private Dhcp4Packet response4;
        private final List<Lease4Info> leases4;
        private final List<Lease4Info> deletedLeases4;
        private final Supplier<ParkHandle> parking;

        /** @param parking gives the exchange's park handle (the same one on every call) */
        public Args(Dhcp4Packet query4, Dhcp4Packet response4, List<Lease4Info> leases4,
                    List<Lease4Info> deletedLeases4, Supplier<ParkHandle> parking) {
            this.query4 = query4;
            this.response4 = response4;
            this.leases4 = List.copyOf(leases4);
            this.deletedLeases4 = List.copyOf(deletedLeases4);
            this.parking = parking;
        }

        public Dhcp4Packet query4() {
            return query4;
        }

        /** The response; absent for a DHCPRELEASE or DHCPDECLINE (Kea passes none). */
        public java.util.Optional<Dhcp4Packet> response4() {
            return java.util.Optional.ofNullable(response4);
        }

        public void setResponse4(Dhcp4Packet response4) {
            this.response4 = Objects.requireNonNull(response4);
        }

        public List<Lease4Info> leases4() {
            return leases4;
        }

        public List<Lease4Info> deletedLeases4() {
            return deletedLeases4;
        }

        /** The handle that resumes or drops this exchange once the callout returned PARK. */
        public ParkHandle park() {
            return parking.get();
        }
    }
}
