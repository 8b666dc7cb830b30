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

    /**
     * A GET on this listener ({@code /metrics}, the dashboard), after authentication. Empty (the
     * default) answers 400 as Kea does. Runs on the connection's virtual thread.
     *
     * @param path   the request target without its query
     * @param client the authenticated client, empty when the listener has no authentication
     */
    default java.util.Optional<HttpResource> get(String path, java.util.Optional<Credential> client) {
        return java.util.Optional.empty();
    }
}
