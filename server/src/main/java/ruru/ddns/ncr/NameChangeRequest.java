package ruru.ddns.ncr;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * One request to add or remove the DNS entries of a lease (Kea's {@code NameChangeRequest}).
 * Immutable; built by the DHCP servers, read from the wire by D2.
 *
 * @param fqdn           absolute (trailing dot), as Kea's {@code dns::Name::toText} gives it
 * @param leaseExpiresOn seconds since the epoch (UTC), shown as {@code YYYYMMDDHHMMSS}
 * @param leaseLength    the TTL of the records D2 writes (uint32)
 */
public record NameChangeRequest(ChangeType type, boolean forward, boolean reverse, String fqdn, InetAddress address,
                                Dhcid dhcid, long leaseExpiresOn, long leaseLength, ConflictResolutionMode mode) {

    static final DateTimeFormatter EXPIRES = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

    public NameChangeRequest {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(fqdn, "fqdn");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(dhcid, "dhcid");
        Objects.requireNonNull(mode, "mode");
    }

    /** Kea's {@code validateContent}: a name, a DHCID and at least one direction. */
    public void validate() throws NcrException {
        if (fqdn.isEmpty()) {
            throw new NcrException("FQDN cannot be blank");
        }
        if (dhcid.length() == 0) {
            throw new NcrException("DHCID cannot be blank");
        }
        if (!forward && !reverse) {
            throw new NcrException("Invalid Request, forward and reverse flags are both false");
        }
    }

    public boolean isV6() {
        return address instanceof Inet6Address;
    }

    /** The address as Kea prints it (IPv6 compressed, no scope). */
    public String addressText() {
        return AddressText.of(address);
    }

    public String leaseExpiresOnText() {
        return EXPIRES.format(Instant.ofEpochSecond(leaseExpiresOn));
    }

    /** The same request with other directions (D2 drops a direction it has no domains for). */
    public NameChangeRequest withDirections(boolean fwd, boolean rev) {
        return new NameChangeRequest(type, fwd, rev, fqdn, address, dhcid, leaseExpiresOn, leaseLength, mode);
    }

    /** Kea's {@code toText}, which its D2 logs in outcome messages. */
    public String toText() {
        return "Type: " + type.code() + " (" + type.keaName() + ")\n"
                + "Forward Change: " + (forward ? "yes" : "no") + "\n"
                + "Reverse Change: " + (reverse ? "yes" : "no") + "\n"
                + "FQDN: [" + fqdn + "]\n"
                + "IP Address: [" + addressText() + "]\n"
                + "DHCID: [" + dhcid.toHex() + "]\n"
                + "Lease Expires On: " + leaseExpiresOnText() + "\n"
                + "Lease Length: " + leaseLength + "\n"
                + "Conflict Resolution Mode: " + mode.keaName() + "\n";
    }
}
