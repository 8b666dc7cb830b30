package ruru.daemon.logging;

import org.slf4j.Logger;

/**
 * A {@link KeaMessage} whose constant parts sit in one {@link Spec}: a message table enum holds
 * a spec per constant and implements nothing else.
 */
public interface KeaMessageTable extends KeaMessage {

    /** Logger, severity, debug level (for DEBUG) and text of one message. */
    record Spec(Logger logger, Severity severity, int debugLevel, String text) {
    }

    Spec spec();

    @Override
    default Logger logger() {
        return spec().logger();
    }

    @Override
    default Severity severity() {
        return spec().severity();
    }

    @Override
    default int debugLevel() {
        return spec().debugLevel();
    }

    @Override
    default String text() {
        return spec().text();
    }
}
