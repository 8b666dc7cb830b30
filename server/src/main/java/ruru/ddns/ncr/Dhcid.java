package ruru.ddns.ncr;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * The DHCID RDATA of RFC 4701 as Kea computes it: identifier-type (2 bytes), digest-type 1
 * (SHA-256), SHA-256 over the identifier followed by the FQDN in lower-case DNS wire format.
 * Carried in NCRs as upper-case hex, in DNS as the RDATA itself. D2 does not validate a received
 * value beyond it being hex (Kea writes whatever it was given).
 */
public final class Dhcid {

    /** RFC 4701 identifier types. */
    public static final int FROM_HWADDR = 0;
    public static final int FROM_CLIENT_ID = 1;
    public static final int FROM_DUID = 2;

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private final byte[] rdata;

    private Dhcid(byte[] rdata) {
        this.rdata = rdata;
    }

    /** Wraps RDATA as received (an NCR's hex, or a test vector). */
    public static Dhcid ofRdata(byte[] rdata) {
        return new Dhcid(rdata.clone());
    }

    /** Kea's {@code D2Dhcid::fromStr}: hex digits, either case. */
    public static Dhcid fromHex(String text) throws NcrException {
        if (text.length() % 2 != 0) {
            throw new NcrException("Invalid data in Dhcid: odd number of hex digits in " + text);
        }
        try {
            return new Dhcid(HexFormat.of().parseHex(text));
        } catch (IllegalArgumentException e) {
            throw new NcrException("Invalid data in Dhcid: attempt to decode a value not in base16 char set: " + text);
        }
    }

    /**
     * DHCPv4 with a client identifier (option 61 payload, type byte included). A client-id of type
     * 255 (RFC 4361) carries IAID and DUID: the DHCID is then computed over the DUID.
     */
    public static Dhcid fromClientId(byte[] clientId, String fqdn) throws NcrException {
        if (clientId.length > 0 && (clientId[0] & 0xFF) == 255) {
            if (clientId.length <= 5) {
                throw new NcrException("unable to compute DHCID from client identifier, embedded DUID length of: "
                        + clientId.length + ", is too short");
            }
            if (clientId.length > 135) {
                throw new NcrException("unable to compute DHCID from client identifier, embedded DUID length of: "
                        + clientId.length + ", is too long");
            }
            return digest(FROM_DUID, Arrays.copyOfRange(clientId, 5, clientId.length), fqdn);
        }
        return digest(FROM_CLIENT_ID, clientId, fqdn);
    }

    /** DHCPv4 without a client identifier: htype followed by chaddr. */
    public static Dhcid fromHwAddress(int htype, byte[] hwaddr, String fqdn) throws NcrException {
        if (hwaddr.length == 0) {
            throw new NcrException("unable to compute DHCID from the HW address, HW address is empty");
        }
        byte[] id = new byte[hwaddr.length + 1];
        id[0] = (byte) htype;
        System.arraycopy(hwaddr, 0, id, 1, hwaddr.length);
        return digest(FROM_HWADDR, id, fqdn);
    }

    /** DHCPv6: the client's DUID. */
    public static Dhcid fromDuid(byte[] duid, String fqdn) throws NcrException {
        return digest(FROM_DUID, duid, fqdn);
    }

    static Dhcid digest(int type, byte[] identifier, String fqdn) throws NcrException {
        if (identifier.length == 0) {
            throw new NcrException("empty DUID used to create DHCID");
        }
        byte[] wire = wireFqdn(fqdn);
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(identifier);
            sha.update(wire);
            byte[] hash = sha.digest();
            byte[] out = new byte[3 + hash.length];
            out[0] = (byte) (type >> 8);
            out[1] = (byte) type;
            out[2] = 1;
            System.arraycopy(hash, 0, out, 3, hash.length);
            return new Dhcid(out);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The FQDN in lower-case DNS wire format (Kea's writeFqdn with downcase). */
    static byte[] wireFqdn(String fqdn) throws NcrException {
        if (fqdn.isEmpty()) {
            throw new NcrException("empty FQDN used to create DHCID");
        }
        try {
            return Name.fromString(fqdn, Name.root).toWireCanonical();
        } catch (TextParseException e) {
            throw new NcrException("Invalid FQDN value: " + fqdn + ", reason: " + e.getMessage());
        }
    }

    public byte[] rdata() {
        return rdata.clone();
    }

    public int length() {
        return rdata.length;
    }

    /** Upper-case hex, as in the NCR's {@code dhcid} member and Kea's logs. */
    public String toHex() {
        return HEX.formatHex(rdata);
    }

    /** Base64, as dig shows the DHCID record. */
    public String toBase64() {
        return Base64.getEncoder().encodeToString(rdata);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Dhcid d && Arrays.equals(rdata, d.rdata);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(rdata);
    }

    @Override
    public String toString() {
        return toHex();
    }
}
