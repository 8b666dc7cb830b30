package ruru.classify.expr;

/**
 * An expression that cannot be evaluated on a packet (a conversion of the wrong length, a bad
 * number): Kea's EvalTypeError. The class is then not assigned, and the server logs the text.
 */
public final class EvalException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public EvalException(String message) {
        super(message, null, false, false);
    }
}
