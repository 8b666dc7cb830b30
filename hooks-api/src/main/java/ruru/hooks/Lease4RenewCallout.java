package ruru.hooks;

import java.util.Optional;

import ruru.wire.HardwareAddress;
import ruru.wire.v4.Dhcp4Packet;

/**
 * {@code lease4_renew}: a client renews a lease it holds; {@link Args#lease4()} is the renewed
 * lease about to be stored, which a callout may change. SKIP keeps the old lease as it is in the
 * store (the client is still answered).
 */
@FunctionalInterface
public interface Lease4RenewCallout {

    NextStep lease4Renew(Args args);

    final class Args {
        private final Dhcp4Packet query4;
        private final Subnet4Info subnet4;
        private final byte[] clientId;
        private final HardwareAddress hwaddr;
        private Lease4Info lease4;

        public Args(Dhcp4Packet query4, Subnet4Info subnet4, Optional<byte[]> clientId, HardwareAddress hwaddr,
                    Lease4Info lease4) {
            this.query4 = query4;
            this.subnet4 = subnet4;
            this.clientId = clientId.map(byte[]::clone).orElse(null);
            this.hwaddr = hwaddr;
            this.lease4 = lease4;
        }

        public Dhcp4Packet query4() {
            return query4;
        }

        public Subnet4Info subnet4() {
            return subnet4;
        }

        public Optional<byte[]> clientId() {
            return Optional.ofNullable(clientId).map(byte[]::clone);
        }

        public HardwareAddress hwaddr() {
            return hwaddr;
        }

        public Lease4Info lease4() {
            return lease4;
        }

        public void setLease4(Lease4Info lease4) {
            this.lease4 = java.util.Objects.requireNonNull(lease4);
        }
    }
}
