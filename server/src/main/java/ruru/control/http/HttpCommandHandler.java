package ruru.control.http;

import ruru.json.Element;

/** What the server calls for a well-formed, authenticated and authorized POST whose body parsed as JSON. */
@FunctionalInterface
public interface HttpCommandHandler {
    /**
     * Returns the response BODY element: a list (one element per answer) for commands, or a map
     * for errors the handler decides. Runs on the connection's virtual thread; may block.
     *
     * @param authenticatedUser the user that authenticated, or null when the listener has no
     *                          authentication
     */
    Element handle(Element body, String authenticatedUser);
}
