package ruru.hooks;

import ruru.wire.v4.Dhcp4Packet;

/** {@code buffer4_send}: the encoded response is about to be sent; SKIP or DROP: it is not. */
@FunctionalInterface
public interface Buffer4SendCallout {

    NextStep buffer4Send(Args args);

    final class Args {
        private final Dhcp4Packet response4;
        private byte[] buffer;

        public Args(Dhcp4Packet response4, byte[] buffer) {
            this.response4 = response4;
            this.buffer = buffer.clone();
        }

        public Dhcp4Packet response4() {
            return response4;
        }

        public byte[] buffer() {
            return buffer.clone();
        }

        /** Replaces the bytes sent. */
        public void setBuffer(byte[] buffer) {
            this.buffer = buffer.clone();
        }
    }
}
