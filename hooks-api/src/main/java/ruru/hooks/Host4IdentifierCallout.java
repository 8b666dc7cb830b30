package ruru.hooks;

import java.util.Optional;

import ruru.wire.v4.Dhcp4Packet;

/**
 * {@code host4_identifier}: the server looks up reservations by {@code flex-id} (listed in
 * {@code host-reservation-identifiers}) and asks the callouts for the identifier's value. The
 * status is ignored; a value left unset means the query has no flex-id.
 */
@FunctionalInterface
public interface Host4IdentifierCallout {

    NextStep host4Identifier(Args args);

    final class Args {
        private final Dhcp4Packet query4;
        private byte[] idValue;

        public Args(Dhcp4Packet query4) {
            this.query4 = query4;
        }

        public Dhcp4Packet query4() {
            return query4;
        }

        /** Kea's {@code id_type}: always {@code flex-id}. */
        public String idType() {
            return "flex-id";
        }

        public Optional<byte[]> idValue() {
            return Optional.ofNullable(idValue).map(byte[]::clone);
        }

        public void setIdValue(byte[] idValue) {
            this.idValue = idValue == null ? null : idValue.clone();
        }
    }
}
