package ruru.agent;

/** A command could not be forwarded to a service, or its answer not read; the message is Kea's text. */
final class ForwardException extends Exception {

    private static final long serialVersionUID = 1L;

    ForwardException(String message) {
        super(message);
    }
}
