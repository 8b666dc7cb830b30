package ruru.classify.expr;

/**
 * The messages of Kea's expression library (libkea-eval) that ruru writes on {@code kea-dhcp4.eval}
 * / {@code kea-dhcp6.eval}: one per evaluated token, all at debug level 55 (Kea's EVAL_DBG_STACK),
 * with Kea 2.2's texts (checked against the texts compiled into Kea 2.2, EvalMessagesTest; compared
 * live with kea-dhcp4 2.2, LoggingQueries4AgainstKeaTest). Kea 3 prefixes them with the query's
 * label; its message file is not at hand, so these are Kea 2.2's.
 */
public enum EvalMessages {
    EVAL_DEBUG_AND("Popping %1 and %2 pushing %3"),
    EVAL_DEBUG_CONCAT("Popping %1 and %2 pushing %3"),
    EVAL_DEBUG_EQUAL("Popping %1 and %2 pushing result %3"),
    EVAL_DEBUG_HEXSTRING("Pushing hex string %1"),
    EVAL_DEBUG_IFELSE_FALSE("Popping %1 (false) and %2, leaving %3"),
    EVAL_DEBUG_IFELSE_TRUE("Popping %1 (true) and %2, leaving %3"),
    EVAL_DEBUG_IPADDRESS("Pushing IPAddress %1"),
    EVAL_DEBUG_MEMBER("Checking membership of '%1', pushing result %2"),
    EVAL_DEBUG_NOT("Popping %1 pushing %2"),
    EVAL_DEBUG_OPTION("Pushing option %1 with value %2"),
    EVAL_DEBUG_OR("Popping %1 and %2 pushing %3"),
    EVAL_DEBUG_PKT("Pushing PKT meta data %1 with value %2"),
    EVAL_DEBUG_PKT4("Pushing PKT4 field %1 with value %2"),
    EVAL_DEBUG_PKT6("Pushing PKT6 field %1 with value %2"),
    EVAL_DEBUG_STRING("Pushing text string %1"),
    EVAL_DEBUG_SUBSTRING("Popping length %1, start %2, string %3 pushing result %4"),
    EVAL_DEBUG_SUBSTRING_EMPTY("Popping length %1, start %2, string %3 pushing result %4"),
    EVAL_DEBUG_SUBSTRING_RANGE("Popping length %1, start %2, string %3 pushing result %4"),
    EVAL_DEBUG_SUB_OPTION("Pushing option %1 sub-option %2 with value %3"),
    EVAL_DEBUG_SUB_OPTION_NO_OPTION(
            "Requested option %1 sub-option %2, but the parent option is not present, pushing result %3"),
    EVAL_DEBUG_TOHEXSTRING("Popping binary value %1 and separator %2, pushing result %3"),
    EVAL_DEBUG_VENDOR_CLASS_DATA("Data %1 (out of %2 received) in vendor class found, pushing result '%3'"),
    EVAL_DEBUG_VENDOR_CLASS_ENTERPRISE_ID("Pushing enterprise-id %1 as result 0x%2"),
    EVAL_DEBUG_VENDOR_CLASS_ENTERPRISE_ID_MISMATCH("Was looking for %1, option had %2, pushing result '%3'"),
    EVAL_DEBUG_VENDOR_CLASS_EXISTS("Option with enterprise-id %1 found, pushing result '%2'"),
    EVAL_DEBUG_VENDOR_CLASS_NO_OPTION("Option with code %1 missing, pushing result '%2'"),
    EVAL_DEBUG_VENDOR_ENTERPRISE_ID("Pushing enterprise-id %1 as result 0x%2"),
    EVAL_DEBUG_VENDOR_ENTERPRISE_ID_MISMATCH("Was looking for %1, option had %2, pushing result '%3'"),
    EVAL_DEBUG_VENDOR_EXISTS("Option with enterprise-id %1 found, pushing result '%2'"),
    EVAL_DEBUG_VENDOR_NO_OPTION("Option with code %1 missing, pushing result '%2'");

    /** Kea's EVAL_DBG_STACK. */
    public static final int DEBUG_LEVEL = 55;

    private final String text;

    EvalMessages(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}
