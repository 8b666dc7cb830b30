package ruru.hooks;

import ruru.json.Element;

/** A control command provided by a library. Throwing answers result 1 with the exception's text. */
@FunctionalInterface
public interface HookCommand {

    /**
     * @param command   the command name
     * @param arguments the command's {@code arguments}, or null when it has none
     */
    HookAnswer handle(String command, Element arguments) throws Exception;
}
