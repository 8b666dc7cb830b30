package ruru.ha.peer;

/**
 * A command to a peer that did not succeed. {@link Kind#COMMUNICATION} means no usable answer came
 * back (connection refused, timeout, not HTTP, not JSON): the peer is taken as unavailable. The
 * others are answers: an error result, "command not supported" (2), or a conflict (4).
 */
public final class PeerException extends Exception {

    private static final long serialVersionUID = 1L;

    public enum Kind { COMMUNICATION, ERROR, UNSUPPORTED, CONFLICT }

    private final Kind kind;
    private final int result;

    public PeerException(Kind kind, int result, String message) {
        super(message, null, false, false);
        this.kind = kind;
        this.result = result;
    }

    public Kind kind() {
        return kind;
    }

    /** The result code the peer answered (1 for communication failures, as Kea sets it). */
    public int result() {
        return result;
    }

    public boolean isCommunication() {
        return kind == Kind.COMMUNICATION;
    }
}
