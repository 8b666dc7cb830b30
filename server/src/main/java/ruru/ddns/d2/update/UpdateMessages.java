package ruru.ddns.d2.update;

import java.net.Inet6Address;

import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DHCIDRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;

import ruru.ddns.ncr.ConflictResolutionMode;
import ruru.ddns.ncr.NameChangeRequest;

/**
 * The DNS UPDATE messages of each step, per conflict resolution mode, as Kea's D2 builds them
 * (RFC 2136 prerequisites and updates; RFC 4703 sections 5.3-5.5 for the DHCID checks). Captures
 * of Kea 2.2's messages are in FACTS.md 11.7.
 */
final class UpdateMessages {

    private final NameChangeRequest ncr;
    private final Name fqdn;
    private final Name reverse;
    private final long ttl;
    private final int addressType;

    UpdateMessages(NameChangeRequest ncr) throws TextParseException {
        this.ncr = ncr;
        this.fqdn = Name.fromString(ncr.fqdn(), Name.root);
        this.reverse = ReverseMap.fromAddress(ncr.address());
        this.ttl = ncr.leaseLength();
        this.addressType = ncr.address() instanceof Inet6Address ? Type.AAAA : Type.A;
    }

    /** The reverse name, e.g. {@code 36.2.0.192.in-addr.arpa.} (for matching the reverse domain). */
    static String reverseName(NameChangeRequest ncr) {
        return ReverseMap.fromAddress(ncr.address()).toString();
    }

    org.xbill.DNS.Message build(Step step, String zone) throws TextParseException {
        Update u = new Update(Name.fromString(zone, Name.root));
        ConflictResolutionMode mode = ncr.mode();
        switch (step) {
            case FWD_ADD -> {
                if (mode == ConflictResolutionMode.CHECK_WITH_DHCID || mode == ConflictResolutionMode.CHECK_EXISTS_WITH_DHCID) {
                    u.absent(fqdn);
                } else {
                    u.delete(fqdn, addressType);
                    if (mode == ConflictResolutionMode.NO_CHECK_WITH_DHCID) {
                        u.delete(fqdn, Type.DHCID);
                    }
                }
                u.add(address(ttl));
                if (mode != ConflictResolutionMode.NO_CHECK_WITHOUT_DHCID) {
                    u.add(dhcid(fqdn, ttl));
                }
            }
            case FWD_REPLACE -> {
                if (mode == ConflictResolutionMode.CHECK_EXISTS_WITH_DHCID) {
                    u.present(fqdn, Type.DHCID);
                    u.delete(fqdn, addressType);
                    u.delete(fqdn, Type.DHCID);
                    u.add(address(ttl));
                    u.add(dhcid(fqdn, ttl));
                } else {
                    u.present(fqdn);
                    u.present(dhcid(fqdn, 0));
                    u.delete(fqdn, addressType);
                    u.add(address(ttl));
                }
            }
            case FWD_REMOVE_ADDRS -> {
                if (mode == ConflictResolutionMode.CHECK_EXISTS_WITH_DHCID) {
                    u.present(fqdn, Type.DHCID);
                } else {
                    u.present(dhcid(fqdn, 0));
                }
                u.delete(address(0));
            }
            case FWD_REMOVE_RRS -> {
                switch (mode) {
                    case CHECK_WITH_DHCID -> {
                        u.present(dhcid(fqdn, 0));
                        u.absent(fqdn, Type.A);
                        u.absent(fqdn, Type.AAAA);
                        u.delete(fqdn);
                    }
                    case CHECK_EXISTS_WITH_DHCID -> {
                        u.absent(fqdn, Type.A);
                        u.absent(fqdn, Type.AAAA);
                        u.delete(fqdn, Type.DHCID);
                    }
                    case NO_CHECK_WITH_DHCID -> {
                        u.delete(fqdn, addressType);
                        u.delete(fqdn, Type.DHCID);
                    }
                    case NO_CHECK_WITHOUT_DHCID -> u.delete(fqdn, addressType);
                }
            }
            case REV_REPLACE -> {
                u.delete(reverse, Type.PTR);
                if (mode != ConflictResolutionMode.NO_CHECK_WITHOUT_DHCID) {
                    u.delete(reverse, Type.DHCID);
                }
                u.add(new PTRRecord(reverse, DClass.IN, ttl, fqdn));
                if (mode != ConflictResolutionMode.NO_CHECK_WITHOUT_DHCID) {
                    u.add(dhcid(reverse, ttl));
                }
            }
            case REV_REMOVE -> {
                if (mode.usesConflictResolution()) {
                    u.present(new PTRRecord(reverse, DClass.IN, 0, fqdn));
                    u.delete(reverse);
                } else {
                    u.delete(reverse, Type.PTR);
                    if (mode == ConflictResolutionMode.NO_CHECK_WITH_DHCID) {
                        u.delete(reverse, Type.DHCID);
                    }
                }
            }
        }
        return u;
    }

    private Record address(long recordTtl) {
        return addressType == Type.AAAA ? new AAAARecord(fqdn, DClass.IN, recordTtl, ncr.address())
                : new ARecord(fqdn, DClass.IN, recordTtl, ncr.address());
    }

    private Record dhcid(Name owner, long recordTtl) {
        return new DHCIDRecord(owner, DClass.IN, recordTtl, ncr.dhcid().rdata());
    }

}
