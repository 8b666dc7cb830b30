package ruru.control;

/**
 * Carries out one command. Handlers know nothing of transports. Bad input is a
 * {@link CommandException} (or an error answer); anything else thrown is a bug, which the registry
 * still turns into an error answer.
 */
@FunctionalInterface
public interface CommandHandler {
    Answer handle(Command command) throws CommandException;
}
