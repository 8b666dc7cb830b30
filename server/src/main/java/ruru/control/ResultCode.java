package ruru.control;

/**
 * The {@code result} of an answer. Kea's five codes are named here; hook libraries and the HTTP
 * layer may use others (1001, 400, 401, ...), so this is a value, not a closed enum.
 */
public record ResultCode(int value) {
    public static final ResultCode SUCCESS = new ResultCode(0);
    public static final ResultCode ERROR = new ResultCode(1);
    public static final ResultCode UNSUPPORTED = new ResultCode(2);
    /** Completed, but nothing was found or affected. */
    public static final ResultCode EMPTY = new ResultCode(3);
    /** Well formed, but in conflict with the server's state or configuration. */
    public static final ResultCode CONFLICT = new ResultCode(4);
    /** Configuration partly applied and could not be rolled back. */
    public static final ResultCode FATAL = new ResultCode(5);
}
