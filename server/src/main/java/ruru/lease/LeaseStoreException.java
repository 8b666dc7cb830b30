package ruru.lease;

/** The lease store could not load or persist leases (a bad lease file, an I/O failure). */
public final class LeaseStoreException extends Exception {

    private static final long serialVersionUID = 1L;

    public LeaseStoreException(String message) {
        super(message);
    }

    public LeaseStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
