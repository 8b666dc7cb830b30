package ruru.classify.expr;

import java.nio.charset.StandardCharsets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ruru.daemon.logging.KeaMarker;
import ruru.daemon.logging.KeaMessage;
import ruru.daemon.logging.Severity;

/**
 * Where an expression's token traces go: {@code kea-dhcp4.eval} or {@code kea-dhcp6.eval}. Whether
 * they are written is one cached check per evaluation ({@link #on}); only then is the expression
 * evaluated the traced way: every token Kea 3 evaluates, in its postfix order. Kea 3 evaluates
 * {@code and}, {@code or} and {@code ifelse} lazily and writes a branch line where it skips an
 * operand (Kea 2.2 evaluated and traced both sides and wrote EVAL_DEBUG_AND / _OR / _IFELSE_*,
 * which Kea 3 keeps for {@code sand}, {@code sor} and {@code sifelse}).
 */
public enum EvalTrace implements KeaMessage {
    V4("kea-dhcp4.eval"),
    V6("kea-dhcp6.eval");

    private static final java.util.HexFormat HEX = java.util.HexFormat.of().withUpperCase();

    private final Logger logger;

    EvalTrace(String logger) {
        this.logger = LoggerFactory.getLogger(logger);
    }

    static EvalTrace of(Universe u) {
        return u == Universe.V4 ? V4 : V6;
    }

    /** Whether the traces are written now (cached until the logging configuration changes). */
    boolean on() {
        return enabled();
    }

    /** One token's line; Kea 3's texts start with the query's label, which is put first here. */
    void write(PacketView p, EvalMessages m, Object... args) {
        Object[] all = args;
        if (m.labelled()) {
            all = new Object[args.length + 1];
            all[0] = p.label();
            System.arraycopy(args, 0, all, 1, args.length);
        }
        logger.debug(KeaMarker.debug(EvalMessages.DEBUG_LEVEL), m.name() + " " + KeaMessage.format(m.text(), all));
    }

    /** Kea 3 writes a failing regular expression match at ERROR, traced or not. */
    void error(EvalMessages m, Object... args) {
        logger.error(m.name() + " " + KeaMessage.format(m.text(), args));
    }

    /** Kea's toHex: 0x and upper-case digits ("0x" alone for nothing). */
    static String hex(byte[] v) {
        return "0x" + HEX.formatHex(v);
    }

    /** The hex digits alone. */
    static String digits(byte[] v) {
        return HEX.formatHex(v);
    }

    static String quoted(byte[] v) {
        return "'" + new String(v, StandardCharsets.ISO_8859_1) + "'";
    }

    static String quoted(boolean b) {
        return b ? "'true'" : "'false'";
    }

    @Override
    public Logger logger() {
        return logger;
    }

    @Override
    public Severity severity() {
        return Severity.DEBUG;
    }

    @Override
    public int debugLevel() {
        return EvalMessages.DEBUG_LEVEL;
    }

    @Override
    public String text() {
        return "";
    }
}
