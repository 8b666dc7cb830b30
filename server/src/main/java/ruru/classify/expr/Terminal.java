package ruru.classify.expr;

/**
 * The terminal symbols of Kea's expression grammar, in Kea 3.0's declaration order. The order
 * matters: a syntax error lists the expected tokens in this order (Bison's token numbers), and
 * Kea 2.2's tokens are the same sequence without the 3.0 additions, so one enum serves both.
 */
public enum Terminal {
    END("\"end of file\"", false),
    ERROR("error", false),
    UNDEF("\"invalid token\"", false),
    LPAREN("\"(\"", false),
    RPAREN("\")\"", false),
    NOT("\"not\"", false),
    AND("\"and\"", false),
    SAND("\"sand\"", true),
    OR("\"or\"", false),
    SOR("\"sor\"", true),
    EQUAL("\"==\"", false),
    OPTION("\"option\"", false),
    RELAY4("\"relay4\"", false),
    RELAY6("\"relay6\"", false),
    MEMBER("\"member\"", false),
    PEERADDR("\"peeraddr\"", false),
    LINKADDR("\"linkaddr\"", false),
    LBRACKET("\"[\"", false),
    RBRACKET("\"]\"", false),
    DOT("\".\"", false),
    TEXT("\"text\"", false),
    HEX("\"hex\"", false),
    EXISTS("\"exists\"", false),
    PKT("\"pkt\"", false),
    IFACE("\"iface\"", false),
    SRC("\"src\"", false),
    DST("\"dst\"", false),
    LEN("\"len\"", false),
    PKT4("\"pkt4\"", false),
    CHADDR("\"mac\"", false),
    HLEN("\"hlen\"", false),
    HTYPE("\"htype\"", false),
    CIADDR("\"ciaddr\"", false),
    GIADDR("\"giaddr\"", false),
    YIADDR("\"yiaddr\"", false),
    SIADDR("\"siaddr\"", false),
    SUBSTRING("\"substring\"", false),
    SPLIT("\"split\"", false),
    ALL("\"all\"", false),
    COMA("\",\"", false),
    CONCAT("\"concat\"", false),
    PLUS("\"+\"", false),
    IFELSE("\"ifelse\"", false),
    SIFELSE("\"sifelse\"", true),
    TOHEXSTRING("\"hexstring\"", false),
    ADDRTOTEXT("\"addrtotext\"", false),
    INT8TOTEXT("\"int8totext\"", false),
    INT16TOTEXT("\"int16totext\"", false),
    INT32TOTEXT("\"int32totext\"", false),
    UINT8TOTEXT("\"uint8totext\"", false),
    UINT16TOTEXT("\"uint16totext\"", false),
    UINT32TOTEXT("\"uint32totext\"", false),
    LCASE("\"lcase\"", true),
    UCASE("\"ucase\"", true),
    PKT6("\"pkt6\"", false),
    MSGTYPE("\"msgtype\"", false),
    TRANSID("\"transid\"", false),
    VENDOR_CLASS("\"vendor-class\"", false),
    VENDOR("\"vendor\"", false),
    ANY("\"*\"", false),
    DATA("\"data\"", false),
    ENTERPRISE("\"enterprise\"", false),
    MATCH("\"match\"", true),
    TOPLEVEL_BOOL("\"top-level bool\"", false),
    TOPLEVEL_STRING("\"top-level string\"", false),
    STRING("\"constant string\"", false),
    INTEGER("\"integer\"", false),
    HEXSTRING("\"constant hexstring\"", false),
    OPTION_NAME("\"option name\"", false),
    IP_ADDRESS("\"ip address\"", false);

    private final String bisonName;
    private final boolean since30;

    Terminal(String bisonName, boolean since30) {
        this.bisonName = bisonName;
        this.since30 = since30;
    }

    /** Added by Kea 3.0 (lcase, ucase, match, sand, sor, sifelse); unknown to Kea 2.2's lexer. */
    public boolean since30() {
        return since30;
    }

    /**
     * The name a syntax error prints: Bison's {@code yytnamerr} drops the double quotes of a
     * quoted name unless it holds an apostrophe, a comma or a backslash (so {@code ","} keeps them).
     */
    public String displayName() {
        if (!bisonName.startsWith("\"")) {
            return bisonName;
        }
        String inner = bisonName.substring(1, bisonName.length() - 1);
        if (inner.indexOf('\'') >= 0 || inner.indexOf(',') >= 0 || inner.indexOf('\\') >= 0) {
            return bisonName;
        }
        return inner;
    }

    /** The keyword text of a fixed token ({@code "vendor-class"} for VENDOR_CLASS), else null. */
    String keyword() {
        return switch (this) {
            case END, ERROR, UNDEF, TOPLEVEL_BOOL, TOPLEVEL_STRING, STRING, INTEGER, HEXSTRING, OPTION_NAME,
                    IP_ADDRESS -> null;
            default -> displayName().replace("\"", "");
        };
    }
}
