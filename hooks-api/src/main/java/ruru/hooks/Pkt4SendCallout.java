package ruru.hooks;

import java.util.Optional;

import ruru.wire.v4.Dhcp4Packet;

/**
 * {@code pkt4_send}: the response is about to be encoded. A callout may replace it. DROP: nothing
 * is sent. SKIP: the callout encoded it itself and {@link Args#setBuffer set the bytes} (without
 * them nothing is sent).
 */
@FunctionalInterface
public interface Pkt4SendCallout {

    NextStep pkt4Send(Args args);

    final class Args {
        private final Dhcp4Packet query4;
        private Dhcp4Packet response4;
        private final Subnet4Info subnet4;
        private byte[] buffer;

        public Args(Dhcp4Packet query4, Dhcp4Packet response4, Optional<Subnet4Info> subnet4) {
            this.query4 = query4;
            this.response4 = response4;
            this.subnet4 = subnet4.orElse(null);
        }

        public Dhcp4Packet query4() {
            return query4;
        }

        public Dhcp4Packet response4() {
            return response4;
        }

        public void setResponse4(Dhcp4Packet response4) {
            this.response4 = java.util.Objects.requireNonNull(response4);
        }

        public Optional<Subnet4Info> subnet4() {
            return Optional.ofNullable(subnet4);
        }

        public Optional<byte[]> buffer() {
            return Optional.ofNullable(buffer).map(byte[]::clone);
        }

        public void setBuffer(byte[] buffer) {
            this.buffer = buffer.clone();
        }
    }
}
