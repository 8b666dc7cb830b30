package ruru.wire.v6;

/** The three kinds of identity association and the option that carries each (RFC 8415 section 21.4-21.6, 21.21). */
public enum IaType {
    /** Non-temporary addresses. */
    NA(Option6Codes.IA_NA, 12),
    /** Temporary addresses: parsed, never served (Kea does not support IA_TA either). */
    TA(Option6Codes.IA_TA, 4),
    /** Delegated prefixes. */
    PD(Option6Codes.IA_PD, 12);

    private final int optionCode;
    private final int headerLength;

    IaType(int optionCode, int headerLength) {
        this.optionCode = optionCode;
        this.headerLength = headerLength;
    }

    public int optionCode() {
        return optionCode;
    }

    /** Fixed bytes before the IA's own options. */
    int headerLength() {
        return headerLength;
    }

    /** The option code of the leases inside: IAADDR for NA and TA, IAPREFIX for PD. */
    public int leaseOptionCode() {
        return this == PD ? Option6Codes.IAPREFIX : Option6Codes.IAADDR;
    }

    /** Kea's name for the lease type ({@code IA_NA}, {@code IA_TA}, {@code IA_PD}). */
    public String keaName() {
        return "IA_" + name();
    }
}
