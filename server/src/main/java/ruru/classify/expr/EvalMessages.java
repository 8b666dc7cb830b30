package ruru.classify.expr;

/**
 * The messages of Kea's expression library (libkea-eval) that ruru writes on {@code kea-dhcp4.eval}
 * / {@code kea-dhcp6.eval}: one per evaluated token, all at debug level 55 (Kea's EVAL_DBG_STACK).
 * The texts are Kea 3's: Kea 2.2's with the query's label first ({@code %1: }), except
 * {@code EVAL_DEBUG_MATCH(_ERROR)} and Kea 3's branch messages of the lazy {@code and}, {@code or}
 * and {@code ifelse} ({@code EVAL_DEBUG_BRANCH}, {@code _POP_AND_BRANCH_FALSE},
 * {@code _POP_OR_BRANCH_FALSE}, {@code _POP_OR_BRANCH_TRUE}), which Kea 3 writes without it. EvalMessagesTest checks them
 * against the texts compiled into Kea 2.2 (label taken off) and Kea 3's message table
 * ({@code lcase}, {@code ucase}, {@code match} are Kea 3's only); LoggingQueries4AgainstKeaTest and
 * LoggingEval6AgainstKeaTest compare them live with kea-dhcp4 and kea-dhcp6 2.2.
 */
public enum EvalMessages {
    EVAL_DEBUG_AND("%1: Popping %2 and %3 pushing %4"),
    /** Kea 3's lazy and / or / ifelse (branch tokens, no label): the jump past an ifelse's else branch. */
    EVAL_DEBUG_BRANCH("Branching to %1"),
    EVAL_DEBUG_CONCAT("%1: Popping %2 and %3 pushing %4"),
    EVAL_DEBUG_EQUAL("%1: Popping %2 and %3 pushing result %4"),
    EVAL_DEBUG_HEXSTRING("%1: Pushing hex string %2"),
    EVAL_DEBUG_IFELSE_FALSE("%1: Popping %2 (false) and %3, leaving %4"),
    EVAL_DEBUG_IFELSE_TRUE("%1: Popping %2 (true) and %3, leaving %4"),
    EVAL_DEBUG_INT16TOTEXT("%1: Pushing Int16 %2"),
    EVAL_DEBUG_INT32TOTEXT("%1: Pushing Int32 %2"),
    EVAL_DEBUG_INT8TOTEXT("%1: Pushing Int8 %2"),
    EVAL_DEBUG_IPADDRESS("%1: Pushing IPAddress %2"),
    EVAL_DEBUG_IPADDRESSTOTEXT("%1: Pushing IPAddress %2"),
    EVAL_DEBUG_LCASE("%1: Popping string %2 and pushing converted value to lower case %3"),
    EVAL_DEBUG_MATCH("Matching '%1' on %2, result %3"),
    EVAL_DEBUG_MATCH_ERROR("Matching '%1' on %2 raised an error: %3"),
    EVAL_DEBUG_MEMBER("%1: Checking membership of '%2', pushing result %3"),
    EVAL_DEBUG_NOT("%1: Popping %2 pushing %3"),
    EVAL_DEBUG_OPTION("%1: Pushing option %2 with value %3"),
    EVAL_DEBUG_OR("%1: Popping %2 and %3 pushing %4"),
    EVAL_DEBUG_PKT("%1: Pushing PKT meta data %2 with value %3"),
    EVAL_DEBUG_PKT4("%1: Pushing PKT4 field %2 with value %3"),
    EVAL_DEBUG_PKT6("%1: Pushing PKT6 field %2 with value %3"),
    /** Kea 3: an ifelse condition false, to the else branch. */
    EVAL_DEBUG_POP_AND_BRANCH_FALSE("Value is false: branching to %1"),
    /** Kea 3: an and's left operand false, kept as the result. */
    EVAL_DEBUG_POP_OR_BRANCH_FALSE("Value is false: keeping it and branching to %1"),
    /** Kea 3: an or's left operand true, kept as the result. */
    EVAL_DEBUG_POP_OR_BRANCH_TRUE("Value is true: keeping it and branching to %1"),
    EVAL_DEBUG_RELAY6("%1: Pushing PKT6 relay field %2 nest %3 with value %4"),
    EVAL_DEBUG_RELAY6_RANGE("%1: Pushing PKT6 relay field %2 nest %3 with value %4"),
    EVAL_DEBUG_SPLIT("%1: Popping field %2, delimiters %3, string %4, pushing result %5"),
    EVAL_DEBUG_SPLIT_DELIM_EMPTY("%1: Popping field %2, delimiters %3, string %4, pushing result %5"),
    EVAL_DEBUG_SPLIT_EMPTY("%1: Popping field %2, delimiters %3, string %4, pushing result %5"),
    EVAL_DEBUG_SPLIT_FIELD_OUT_OF_RANGE("%1: Popping field %2, delimiters %3, string %4, pushing result %5"),
    EVAL_DEBUG_STRING("%1: Pushing text string %2"),
    EVAL_DEBUG_SUBSTRING("%1: Popping length %2, start %3, string %4 pushing result %5"),
    EVAL_DEBUG_SUBSTRING_EMPTY("%1: Popping length %2, start %3, string %4 pushing result %5"),
    EVAL_DEBUG_SUBSTRING_RANGE("%1: Popping length %2, start %3, string %4 pushing result %5"),
    EVAL_DEBUG_SUB_OPTION("%1: Pushing option %2 sub-option %3 with value %4"),
    EVAL_DEBUG_SUB_OPTION_NO_OPTION(
            "%1: Requested option %2 sub-option %3, but the parent option is not present, pushing result %4"),
    EVAL_DEBUG_TOHEXSTRING("%1: Popping binary value %2 and separator %3, pushing result %4"),
    EVAL_DEBUG_UCASE("%1: Popping string %2 and pushing converted value to upper case %3"),
    EVAL_DEBUG_UINT16TOTEXT("%1: Pushing UInt16 %2"),
    EVAL_DEBUG_UINT32TOTEXT("%1: Pushing UInt32 %2"),
    EVAL_DEBUG_UINT8TOTEXT("%1: Pushing UInt8 %2"),
    EVAL_DEBUG_VENDOR_CLASS_DATA("%1: Data %2 (out of %3 received) in vendor class found, pushing result '%4'"),
    EVAL_DEBUG_VENDOR_CLASS_DATA_NOT_FOUND("%1: Requested data index %2, but option with enterprise-id %3 has only "
            + "%4 data tuple(s), pushing result '%5'"),
    EVAL_DEBUG_VENDOR_CLASS_ENTERPRISE_ID("%1: Pushing enterprise-id %2 as result 0x%3"),
    EVAL_DEBUG_VENDOR_CLASS_ENTERPRISE_ID_MISMATCH("%1: Was looking for %2, option had %3, pushing result '%4'"),
    EVAL_DEBUG_VENDOR_CLASS_EXISTS("%1: Option with enterprise-id %2 found, pushing result '%3'"),
    EVAL_DEBUG_VENDOR_CLASS_NO_OPTION("%1: Option with code %2 missing, pushing result '%3'"),
    EVAL_DEBUG_VENDOR_ENTERPRISE_ID("%1: Pushing enterprise-id %2 as result 0x%3"),
    EVAL_DEBUG_VENDOR_ENTERPRISE_ID_MISMATCH("%1: Was looking for %2, option had %3, pushing result '%4'"),
    EVAL_DEBUG_VENDOR_EXISTS("%1: Option with enterprise-id %2 found, pushing result '%3'"),
    EVAL_DEBUG_VENDOR_NO_OPTION("%1: Option with code %2 missing, pushing result '%3'");
    // Kea 2.2's EVAL_RESULT is not written: Kea 3 writes DHCPSRV_EVAL_RESULT (see Classifier)

    /** Kea's EVAL_DBG_STACK. */
    public static final int DEBUG_LEVEL = 55;

    private final String text;
    private final boolean labelled;

    EvalMessages(String text) {
        this.text = text;
        this.labelled = text.startsWith("%1: ");
    }

    public String text() {
        return text;
    }

    /** Whether the first argument is the query's label (Kea 3's {@code pkt.getLabel()}). */
    public boolean labelled() {
        return labelled;
    }
}
