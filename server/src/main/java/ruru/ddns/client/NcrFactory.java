package ruru.ddns.client;

import java.net.InetAddress;

import ruru.ddns.names.DdnsParams;
import ruru.ddns.names.NameRules;
import ruru.ddns.ncr.ChangeType;
import ruru.ddns.ncr.Dhcid;
import ruru.ddns.ncr.NameChangeRequest;
import ruru.ddns.ncr.NcrException;

/**
 * Builds the NCR for a lease (Kea's {@code queueNCR}), family-neutral: the caller supplies the DHCID
 * (v4: client-id or htype+chaddr; v6: DUID). Only a lease with a hostname and a direction to update
 * yields one.
 */
public final class NcrFactory {

    private NcrFactory() {
    }

    /** The DHCID of a lease's name, computed from the client's identity. */
    @FunctionalInterface
    public interface DhcidSource {
        Dhcid compute(String fqdn) throws NcrException;
    }

    /**
     * @param cltt          when the client last talked to us (epoch seconds)
     * @param validLifetime the lease's lifetime (seconds); the records' TTL derives from it
     * @param v6Add         Kea sends lease-expires-on 0 in v6 adds (FACTS 11.4)
     */
    public static NameChangeRequest build(ChangeType type, String hostname, boolean forward, boolean reverse,
                                          InetAddress address, DhcidSource dhcid, long cltt, long validLifetime,
                                          DdnsParams params, boolean v6Add) throws NcrException {
        String fqdn = NameRules.absolute(hostname.toLowerCase(java.util.Locale.ROOT));
        long ttl = params.ttlFor(validLifetime);
        long expires = v6Add ? 0 : cltt + ttl;
        return new NameChangeRequest(type, forward, reverse, fqdn, address, dhcid.compute(fqdn), expires, ttl,
                params.conflictResolutionMode());
    }

    /** Whether a lease with these fields gets NCRs at all. */
    public static boolean wanted(String hostname, boolean forward, boolean reverse) {
        return hostname != null && !hostname.isEmpty() && (forward || reverse);
    }
}
