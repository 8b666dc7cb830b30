package ruru.ddns.d2.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import org.xbill.DNS.Name;
import org.xbill.DNS.TSIG;

/** The six HMAC algorithms Kea's D2 signs updates with (RFC 8945), by Kea's configuration name. */
public enum TsigAlgorithm {
    HMAC_MD5("HMAC-MD5", TSIG.HMAC_MD5, 128),
    HMAC_SHA1("HMAC-SHA1", TSIG.HMAC_SHA1, 160),
    HMAC_SHA224("HMAC-SHA224", TSIG.HMAC_SHA224, 224),
    HMAC_SHA256("HMAC-SHA256", TSIG.HMAC_SHA256, 256),
    HMAC_SHA384("HMAC-SHA384", TSIG.HMAC_SHA384, 384),
    HMAC_SHA512("HMAC-SHA512", TSIG.HMAC_SHA512, 512);

    private final String keaName;
    private final Name dnsName;
    private final int bits;

    TsigAlgorithm(String keaName, Name dnsName, int bits) {
        this.keaName = keaName;
        this.dnsName = dnsName;
        this.bits = bits;
    }

    /** Case-insensitive, as Kea's {@code TSIGKeyInfo::stringToAlgorithmName}. */
    public static Optional<TsigAlgorithm> byName(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(a -> a.keaName.equals(upper)).findFirst();
    }

    public String keaName() {
        return keaName;
    }

    /** The algorithm's name in the TSIG record ({@code hmac-sha256.}). */
    public Name dnsName() {
        return dnsName;
    }

    /** Length of the full MAC in bits. */
    public int bits() {
        return bits;
    }
}
