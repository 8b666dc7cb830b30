package ruru.ddns.d2.update;

import java.util.Arrays;

import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TSIGRecord;
import org.xbill.DNS.TextParseException;

import ruru.ddns.d2.config.TsigKeySpec;

/**
 * One TSIG key as D2 signs updates and checks answers with it, {@code digest-bits} included: the
 * HMAC, the TSIG variables and the record are dnsjava's ({@link TSIG#generate}, {@link TSIG#verify});
 * this class only cuts the MAC to the key's length (RFC 4635 section 3.1, RFC 8945 5.2.2.1) and adds
 * the length checks Kea's {@code TSIGContext} makes on an answer before the MAC comparison.
 *
 * <p>As Kea: a {@code digest-bits} key sends the first {@code ceil(bits / 8)} octets of the MAC
 * under the algorithm's own name ({@code hmac-sha256.}, not the {@code hmac-sha256-128.} alias);
 * a length that is not at least 10 octets and half the hash, or is longer than the hash, falls back
 * to the full MAC. An answer's MAC longer than the hash, or shorter than 10 octets or half of it,
 * is FORMERR; shorter than the key's own length is BADTRUNC; otherwise its octets must equal the
 * start of the computed MAC. The answer's MAC is computed over the request's MAC as sent (the
 * truncated one).
 */
public final class TsigSigner {

    private final TSIG tsig;
    private final int fullLength;
    private final int macLength;

    private TsigSigner(TSIG tsig, int fullLength, int macLength) {
        this.tsig = tsig;
        this.fullLength = fullLength;
        this.macLength = macLength;
    }

    public static TsigSigner of(TsigKeySpec key) {
        Name name;
        try {
            name = Name.fromString(key.absoluteName());
        } catch (TextParseException e) {
            throw new IllegalArgumentException("bad TSIG key name " + key.name(), e);
        }
        int full = key.algorithm().bits() / 8;
        return new TsigSigner(new TSIG(key.algorithm().dnsName(), name, key.secret()), full,
                macLength(full, key.digestBits()));
    }

    /** Kea's {@code TSIGContextImpl} digest length: truncated when the length is one RFC 4635 allows. */
    static int macLength(int fullLength, int digestBits) {
        if (digestBits <= 0) {
            return fullLength;
        }
        int length = (digestBits + 7) / 8;
        if (length < 10 || length < fullLength / 2 || length > fullLength) {
            return fullLength;
        }
        return length;
    }

    /** Octets of MAC this key sends. */
    public int macLength() {
        return macLength;
    }

    /**
     * Signs {@code query} as it stands (its ID set, nothing else to add): appends the TSIG record
     * and returns it, the request MAC its answer's MAC covers.
     */
    public TSIGRecord sign(Message query) {
        TSIGRecord full = tsig.generate(query, query.toWire(), Rcode.NOERROR, null);
        TSIGRecord sent = full;
        if (macLength < full.getSignature().length) {
            sent = new TSIGRecord(full.getName(), full.getDClass(), full.getTTL(), full.getAlgorithm(),
                    full.getTimeSigned(), full.getFudge(), Arrays.copyOf(full.getSignature(), macLength),
                    full.getOriginalID(), full.getError(), full.getOther());
        }
        query.addRecord(sent, Section.ADDITIONAL);
        return sent;
    }

    /**
     * Checks an answer's TSIG against the request's: {@link Rcode#NOERROR} when it verifies, else the
     * TSIG error (FORMERR for a missing or ill-sized MAC, BADKEY, BADSIG, BADTRUNC, BADTIME).
     *
     * @param wire the answer as received (the MAC covers its exact octets)
     */
    public int verify(Message response, byte[] wire, TSIGRecord sent) {
        TSIGRecord answer = response.getTSIG();
        if (answer == null) {
            return Rcode.FORMERR;
        }
        if (!answer.getName().equals(sent.getName()) || !answer.getAlgorithm().equals(sent.getAlgorithm())) {
            return Rcode.BADKEY;
        }
        int size = answer.getSignature().length;
        if (size == 0) {
            // Only an error answer may be unsigned (RFC 8945 5.3.2); anything else counts as BADSIG.
            return answer.getError() == Rcode.BADKEY ? Rcode.BADKEY : Rcode.BADSIG;
        }
        if (size > fullLength || size < 10 || size < fullLength / 2) {
            return Rcode.FORMERR;
        }
        if (size < macLength) {
            return Rcode.BADTRUNC;
        }
        return tsig.verify(response, wire, sent);
    }
}
