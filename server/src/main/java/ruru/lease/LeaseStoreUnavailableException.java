package ruru.lease;

/**
 * A lease store read failed because the store cannot be reached (a lost database connection).
 * Unchecked: the store's read methods are used everywhere a lease is looked up; the packet path
 * catches it and drops the exchange (no reply), commands answer with an error.
 */
public final class LeaseStoreUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public LeaseStoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
