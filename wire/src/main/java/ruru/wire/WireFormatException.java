package ruru.wire;

/**
 * Bytes or text that do not form what they claim to: a truncated packet, an option whose length
 * lies, an option value that does not fit its definition. Always checked: at a boundary it becomes
 * a counted drop or a clear configuration error, never a dead thread.
 */
public final class WireFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    public WireFormatException(String message) {
        super(message);
    }
}
