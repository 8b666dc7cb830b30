package ruru.control.http;

/**
 * Thrown by an {@link HttpCommandHandler} that refuses a command on its listener (Kea 3's HA
 * listener with {@code restrict-commands}): the client gets 403 {@code Forbidden}, as for a command
 * its credentials do not allow.
 */
public final class CommandForbidden extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CommandForbidden(String command) {
        super("command '" + command + "' is not accepted here", null, false, false);
    }
}
