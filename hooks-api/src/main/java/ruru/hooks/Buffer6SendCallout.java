package ruru.hooks;

import ruru.wire.v6.Dhcp6Packet;

/**
 * {@code buffer6_send}: the response is encoded; a callout may replace the bytes. SKIP or DROP: nothing is sent.
 */
@FunctionalInterface
public interface Buffer6SendCallout {

    NextStep buffer6Send(Args args);

    final class Args {
        private final Dhcp6Packet response6;
        private byte[] buffer;

        public Args(Dhcp6Packet response6, byte[] buffer) {
            this.response6 = response6;
            this.buffer = buffer.clone();
        }

        public Dhcp6Packet response6() {
            return response6;
        }

        public byte[] buffer() {
            return buffer.clone();
        }

        public void setBuffer(byte[] buffer) {
            this.buffer = buffer.clone();
        }
    }
}
