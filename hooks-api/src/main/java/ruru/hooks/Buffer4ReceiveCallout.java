package ruru.hooks;

import java.util.Optional;

import ruru.wire.Ipv4Address;
import ruru.wire.v4.Dhcp4Packet;

/**
 * {@code buffer4_receive}: a datagram arrived, not yet parsed. DROP drops it; SKIP means the
 * callout parsed it: the server uses {@link Args#setQuery4 the packet it set} (and drops the
 * datagram when none was set). CONTINUE parses {@link Args#buffer()}, which a callout may replace.
 */
@FunctionalInterface
public interface Buffer4ReceiveCallout {

    NextStep buffer4Receive(Args args);

    final class Args {
        private byte[] buffer;
        private final String interfaceName;
        private final Ipv4Address remoteAddress;
        private Dhcp4Packet query4;

        public Args(byte[] buffer, String interfaceName, Ipv4Address remoteAddress) {
            this.buffer = buffer.clone();
            this.interfaceName = interfaceName;
            this.remoteAddress = remoteAddress;
        }

        public byte[] buffer() {
            return buffer.clone();
        }

        public void setBuffer(byte[] buffer) {
            this.buffer = buffer.clone();
        }

        public String interfaceName() {
            return interfaceName;
        }

        public Ipv4Address remoteAddress() {
            return remoteAddress;
        }

        public Optional<Dhcp4Packet> query4() {
            return Optional.ofNullable(query4);
        }

        public void setQuery4(Dhcp4Packet query4) {
            this.query4 = query4;
        }
    }
}
