package ruru.ddns.ncr;

/** A NameChangeRequest that cannot be read or built; the message is Kea's text (NcrMessageError). */
public final class NcrException extends Exception {

    private static final long serialVersionUID = 1L;

    public NcrException(String message) {
        super(message);
    }
}
