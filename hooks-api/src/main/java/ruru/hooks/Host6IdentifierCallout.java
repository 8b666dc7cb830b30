package ruru.hooks;

import java.util.Optional;

import ruru.wire.v6.Dhcp6Packet;

/**
 * {@code host6_identifier}: the server looks for a host reservation by flex-id: a callout computes the identifier from the
 * query and sets it ({@link Args#setIdValue}); without one there is no flex-id for this query.
 */
@FunctionalInterface
public interface Host6IdentifierCallout {

    NextStep host6Identifier(Args args);

    final class Args {
        private final Dhcp6Packet query6;
        private byte[] idValue;

        public Args(Dhcp6Packet query6) {
            this.query6 = query6;
        }

        public Dhcp6Packet query6() {
            return query6;
        }

        public java.util.Optional<byte[]> idValue() {
            return java.util.Optional.ofNullable(idValue).map(byte[]::clone);
        }

        public void setIdValue(byte[] idValue) {
            this.idValue = idValue == null ? null : idValue.clone();
        }
    }
}
