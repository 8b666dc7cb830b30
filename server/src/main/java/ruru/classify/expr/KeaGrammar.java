package ruru.classify.expr;

import static ruru.classify.expr.Action.*;

/**
 * Kea's expression grammar (its {@code parser.yy}), as Kea 2.2 and Kea 3.0 have it, written out
 * here symbol for symbol because syntax errors depend on the exact rules: 3.0 adds {@code sand},
 * {@code sor}, {@code sifelse}, {@code lcase}, {@code ucase} and {@code match}, and evaluates
 * {@code and}, {@code or} and {@code ifelse} lazily (which Kea's 3.0 grammar expresses with
 * mid-rule actions, kept here as the empty rules {@code $@1}..{@code $@4}).
 *
 * <p>Precedence, lowest first: {@code +}, then {@code or sor}, then {@code and sand}, then
 * {@code not}; all left associative.
 */
final class KeaGrammar {

    private KeaGrammar() {
    }

    private static final class Holder {
        static final LalrTable KEA22 = new LalrTable(grammar(false));
        static final LalrTable KEA30 = new LalrTable(grammar(true));
    }

    static LalrTable kea22() {
        return Holder.KEA22;
    }

    static LalrTable kea30() {
        return Holder.KEA30;
    }

    static Grammar grammar(boolean kea30) {
        Grammar.Builder b = Grammar.builder("start").left(Terminal.PLUS);
        if (kea30) {
            b.left(Terminal.OR, Terminal.SOR).left(Terminal.AND, Terminal.SAND);
        } else {
            b.left(Terminal.OR).left(Terminal.AND);
        }
        b.precedence(Terminal.NOT);

        b.rule("start", PASS_LAST, "TOPLEVEL_BOOL", "expression")
                .rule("start", PASS_LAST, "TOPLEVEL_STRING", "string_expr")
                .rule("expression", PASS_LAST, "bool_expr");

        b.rule("bool_expr", PASS_SECOND, "LPAREN", "bool_expr", "RPAREN")
                .rule("bool_expr", NOT, "NOT", "bool_expr");
        if (kea30) {
            b.rule("$@1", MID_RULE)
                    .rule("bool_expr", AND, "bool_expr", "AND", "$@1", "bool_expr")
                    .rule("bool_expr", SAND, "bool_expr", "SAND", "bool_expr")
                    .rule("$@2", MID_RULE)
                    .rule("bool_expr", OR, "bool_expr", "OR", "$@2", "bool_expr")
                    .rule("bool_expr", SOR, "bool_expr", "SOR", "bool_expr");
        } else {
            b.rule("bool_expr", AND, "bool_expr", "AND", "bool_expr")
                    .rule("bool_expr", OR, "bool_expr", "OR", "bool_expr");
        }
        b.rule("bool_expr", EQUAL, "string_expr", "EQUAL", "string_expr")
                .rule("bool_expr", OPTION_EXISTS, "OPTION", "LBRACKET", "option_code", "RBRACKET", "DOT", "EXISTS")
                .rule("bool_expr", SUB_OPTION_EXISTS, "OPTION", "LBRACKET", "option_code", "RBRACKET", "DOT",
                        "OPTION", "LBRACKET", "sub_option_code", "RBRACKET", "DOT", "EXISTS")
                .rule("bool_expr", RELAY4_EXISTS, "RELAY4", "LBRACKET", "sub_option_code", "RBRACKET", "DOT", "EXISTS")
                .rule("bool_expr", RELAY6_EXISTS, "RELAY6", "LBRACKET", "nest_level", "RBRACKET", "DOT", "OPTION",
                        "LBRACKET", "sub_option_code", "RBRACKET", "DOT", "EXISTS")
                .rule("bool_expr", VENDOR_CLASS_EXISTS, "VENDOR_CLASS", "LBRACKET", "enterprise_id", "RBRACKET",
                        "DOT", "EXISTS")
                .rule("bool_expr", VENDOR_EXISTS, "VENDOR", "LBRACKET", "enterprise_id", "RBRACKET", "DOT", "EXISTS")
                .rule("bool_expr", VENDOR_SUB_EXISTS, "VENDOR", "LBRACKET", "enterprise_id", "RBRACKET", "DOT",
                        "OPTION", "LBRACKET", "sub_option_code", "RBRACKET", "DOT", "EXISTS")
                .rule("bool_expr", MEMBER, "MEMBER", "LPAREN", "STRING", "RPAREN");
        if (kea30) {
            b.rule("bool_expr", MATCH, "MATCH", "LPAREN", "STRING", "COMA", "string_expr", "RPAREN");
        }

        b.rule("string_expr", STRING, "STRING")
                .rule("string_expr", HEXSTRING, "HEXSTRING")
                .rule("string_expr", IP_ADDRESS, "IP_ADDRESS")
                .rule("string_expr", OPTION, "OPTION", "LBRACKET", "option_code", "RBRACKET", "DOT",
                        "option_repr_type")
                .rule("string_expr", SUB_OPTION, "OPTION", "LBRACKET", "option_code", "RBRACKET", "DOT", "OPTION",
                        "LBRACKET", "sub_option_code", "RBRACKET", "DOT", "option_repr_type")
                .rule("string_expr", RELAY4_OPTION, "RELAY4", "LBRACKET", "sub_option_code", "RBRACKET", "DOT",
                        "option_repr_type")
                .rule("string_expr", RELAY6_OPTION, "RELAY6", "LBRACKET", "nest_level", "RBRACKET", "DOT", "OPTION",
                        "LBRACKET", "sub_option_code", "RBRACKET", "DOT", "option_repr_type")
                .rule("string_expr", PKT, "PKT", "DOT", "pkt_metadata")
                .rule("string_expr", PKT4, "PKT4", "DOT", "pkt4_field")
                .rule("string_expr", PKT6, "PKT6", "DOT", "pkt6_field")
                .rule("string_expr", RELAY6_FIELD, "RELAY6", "LBRACKET", "nest_level", "RBRACKET", "DOT",
                        "relay6_field")
                .rule("string_expr", SUBSTRING, "SUBSTRING", "LPAREN", "string_expr", "COMA", "start_expr", "COMA",
                        "length_expr", "RPAREN")
                .rule("string_expr", SPLIT, "SPLIT", "LPAREN", "string_expr", "COMA", "string_expr", "COMA",
                        "int_expr", "RPAREN")
                .rule("string_expr", CONCAT, "CONCAT", "LPAREN", "string_expr", "COMA", "string_expr", "RPAREN")
                .rule("string_expr", CONCAT, "string_expr", "PLUS", "string_expr");
        if (kea30) {
            b.rule("$@3", MID_RULE)
                    .rule("$@4", MID_RULE)
                    .rule("string_expr", IFELSE, "IFELSE", "LPAREN", "bool_expr", "COMA", "$@3", "string_expr",
                            "COMA", "$@4", "string_expr", "RPAREN")
                    .rule("string_expr", SIFELSE, "SIFELSE", "LPAREN", "bool_expr", "COMA", "string_expr", "COMA",
                            "string_expr", "RPAREN");
        } else {
            b.rule("string_expr", IFELSE, "IFELSE", "LPAREN", "bool_expr", "COMA", "string_expr", "COMA",
                    "string_expr", "RPAREN");
        }
        b.rule("string_expr", TOHEXSTRING, "TOHEXSTRING", "LPAREN", "string_expr", "COMA", "string_expr", "RPAREN")
                .rule("string_expr", ADDRTOTEXT, "ADDRTOTEXT", "LPAREN", "string_expr", "RPAREN")
                .rule("string_expr", INT8TOTEXT, "INT8TOTEXT", "LPAREN", "string_expr", "RPAREN")
                .rule("string_expr", INT16TOTEXT, "INT16TOTEXT", "LPAREN", "string_expr", "RPAREN")
                .rule("string_expr", INT32TOTEXT, "INT32TOTEXT", "LPAREN", "string_expr", "RPAREN")
                .rule("string_expr", UINT8TOTEXT, "UINT8TOTEXT", "LPAREN", "string_expr", "RPAREN")
                .rule("string_expr", UINT16TOTEXT, "UINT16TOTEXT", "LPAREN", "string_expr", "RPAREN")
                .rule("string_expr", UINT32TOTEXT, "UINT32TOTEXT", "LPAREN", "string_expr", "RPAREN");
        if (kea30) {
            b.rule("string_expr", LCASE, "LCASE", "LPAREN", "string_expr", "RPAREN")
                    .rule("string_expr", UCASE, "UCASE", "LPAREN", "string_expr", "RPAREN");
        }
        b.rule("string_expr", VENDOR_ENTERPRISE, "VENDOR", "DOT", "ENTERPRISE")
                .rule("string_expr", VENDOR_CLASS_ENTERPRISE, "VENDOR_CLASS", "DOT", "ENTERPRISE")
                .rule("string_expr", VENDOR_SUB, "VENDOR", "LBRACKET", "enterprise_id", "RBRACKET", "DOT", "OPTION",
                        "LBRACKET", "sub_option_code", "RBRACKET", "DOT", "option_repr_type")
                .rule("string_expr", VENDOR_CLASS_DATA, "VENDOR_CLASS", "LBRACKET", "enterprise_id", "RBRACKET",
                        "DOT", "DATA")
                .rule("string_expr", VENDOR_CLASS_DATA_INDEX, "VENDOR_CLASS", "LBRACKET", "enterprise_id",
                        "RBRACKET", "DOT", "DATA", "LBRACKET", "INTEGER", "RBRACKET")
                .rule("string_expr", INTEGER_EXPR, "integer_expr")
                .rule("string_expr", PASS_SECOND, "LPAREN", "string_expr", "RPAREN");

        b.rule("integer_expr", UINT32, "INTEGER")
                .rule("option_code", OPTION_CODE, "INTEGER")
                .rule("option_code", OPTION_NAME, "OPTION_NAME")
                .rule("sub_option_code", SUB_OPTION_CODE, "INTEGER")
                .rule("option_repr_type", TOKEN_TERMINAL, "TEXT")
                .rule("option_repr_type", TOKEN_TERMINAL, "HEX")
                .rule("nest_level", NEST_LEVEL, "INTEGER");
        for (String t : new String[] {"IFACE", "SRC", "DST", "LEN"}) {
            b.rule("pkt_metadata", TOKEN_TERMINAL, t);
        }
        b.rule("enterprise_id", UINT32, "INTEGER").rule("enterprise_id", ANY_ENTERPRISE, "ANY");
        for (String t : new String[] {"CHADDR", "HLEN", "HTYPE", "CIADDR", "GIADDR", "YIADDR", "SIADDR", "MSGTYPE",
                "TRANSID"}) {
            b.rule("pkt4_field", TOKEN_TERMINAL, t);
        }
        b.rule("pkt6_field", TOKEN_TERMINAL, "MSGTYPE").rule("pkt6_field", TOKEN_TERMINAL, "TRANSID")
                .rule("relay6_field", TOKEN_TERMINAL, "PEERADDR").rule("relay6_field", TOKEN_TERMINAL, "LINKADDR")
                .rule("start_expr", TOKEN_TEXT, "INTEGER")
                .rule("length_expr", TOKEN_TEXT, "INTEGER")
                .rule("length_expr", TOKEN_TEXT, "ALL")
                .rule("int_expr", TOKEN_TEXT, "INTEGER");
        return b.build();
    }
}
