package ruru.control;

/**
 * A command that cannot be carried out as sent. Handlers throw it for bad arguments; the registry
 * turns it into an answer with its result code and text.
 */
public class CommandException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient ResultCode result;

    public CommandException(String text) {
        this(ResultCode.ERROR, text);
    }

    public CommandException(ResultCode result, String text) {
        super(text);
        this.result = result;
    }

    public ResultCode result() {
        return result;
    }

    public Answer toAnswer() {
        return new Answer(result, getMessage(), null);
    }
}
