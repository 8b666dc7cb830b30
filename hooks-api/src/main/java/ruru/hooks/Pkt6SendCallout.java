package ruru.hooks;

import java.util.Optional;

import ruru.wire.v6.Dhcp6Packet;

/**
 * {@code pkt6_send}: the response is about to be encoded. A callout may replace it. DROP: nothing is sent. SKIP: the
 * callout encoded it itself and {@link Args#setBuffer set the bytes} (without them nothing is sent).
 */
@FunctionalInterface
public interface Pkt6SendCallout {

    NextStep pkt6Send(Args args);

    final class Args {
        private final Dhcp6Packet query6;
        private Dhcp6Packet response6;
        private final Subnet6Info subnet6;
        private byte[] buffer;

        public Args(Dhcp6Packet query6, Dhcp6Packet response6, Optional<Subnet6Info> subnet6) {
            this.query6 = query6;
            this.response6 = response6;
            this.subnet6 = subnet6.orElse(null);
        }

        public Dhcp6Packet query6() {
            return query6;
        }

        public Dhcp6Packet response6() {
            return response6;
        }

        public void setResponse6(Dhcp6Packet response6) {
            this.response6 = java.util.Objects.requireNonNull(response6);
        }

        public Optional<Subnet6Info> subnet6() {
            return Optional.ofNullable(subnet6);
        }

        public java.util.Optional<byte[]> buffer() {
            return java.util.Optional.ofNullable(buffer).map(byte[]::clone);
        }

        public void setBuffer(byte[] buffer) {
            this.buffer = buffer == null ? null : buffer.clone();
        }
    }
}
