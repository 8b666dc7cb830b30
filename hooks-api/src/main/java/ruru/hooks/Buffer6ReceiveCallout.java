package ruru.hooks;

import java.util.Optional;

import ruru.wire.Ipv6Address;
import ruru.wire.v6.Dhcp6Packet;

/**
 * {@code buffer6_receive}: a datagram arrived, not yet parsed. DROP drops it; SKIP means the callout parsed it: the server uses
 * {@link Args#setQuery6 the message it set} (and drops the datagram when none was set). CONTINUE parses
 * {@link Args#buffer()}, which a callout may replace.
 */
@FunctionalInterface
public interface Buffer6ReceiveCallout {

    NextStep buffer6Receive(Args args);

    final class Args {
        private byte[] buffer;
        private final String interfaceName;
        private final Ipv6Address remoteAddress;
        private Dhcp6Packet query6;

        public Args(byte[] buffer, String interfaceName, Ipv6Address remoteAddress) {
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

        public Ipv6Address remoteAddress() {
            return remoteAddress;
        }

        public Optional<Dhcp6Packet> query6() {
            return Optional.ofNullable(query6);
        }

        public void setQuery6(Dhcp6Packet query6) {
            this.query6 = query6;
        }
    }
}
