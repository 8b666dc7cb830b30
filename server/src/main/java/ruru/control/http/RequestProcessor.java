package ruru.control.http;

import java.util.Optional;

import org.slf4j.Logger;

import ruru.json.Element;
import ruru.json.Json;
import ruru.json.JsonException;
import ruru.json.ListElement;
import ruru.json.MapElement;
import ruru.json.ParseOptions;
import ruru.json.StringElement;

/**
 * Turns a request into a response, in Kea's order: a POST of application/json whose body parses
 * (else 400), then authentication (401), then ruru's per-client authorization (403), then the
 * handler. The first and the credential checks are made from the header section alone
 * ({@link #admit}), before any body byte is read: a refused request's body is read (and thrown
 * away, to answer in Kea's order and keep the connection) only when it is small,
 * {@link #PRE_AUTH_BODY_BYTES} at most; a larger one is answered at once and the connection closed,
 * so no client without credentials gets more than that into the daemon's memory.
 */
final class RequestProcessor {

    /**
     * A response: its status and JSON body, and whether the client must be challenged; or, for a
     * GET, the resource's own bytes ({@code resource} non-null).
     */
    record Outcome(HttpStatus status, Element body, boolean challenge, HttpResource resource) {
        Outcome(HttpStatus status, Element body, boolean challenge) {
            this(status, body, challenge, null);
        }

        static Outcome error(HttpStatus status) {
            return new Outcome(status, status.body(), status == HttpStatus.UNAUTHORIZED);
        }
    }

    private final HttpCommandHandler handler;
    private final Optional<BasicAuthenticator> authenticator;
    private final Logger http;
    private final Logger auth;

    RequestProcessor(HttpSocketSpec spec, HttpCommandHandler handler, Logger http, Logger auth) {
        this.handler = handler;
        this.authenticator = spec.authentication().map(BasicAuthenticator::new);
        this.http = http;
        this.auth = auth;
    }

    /** The largest body read before its request is admitted (Kea's order for small refused requests). */
    static final int PRE_AUTH_BODY_BYTES = 64 * 1024;

    /** What the header section decided: refused with an outcome, or admitted (with the client, if any). */
    record Admission(Outcome refusal, Credential client) {
        boolean admitted() {
            return refusal == null;
        }
    }

    /**
     * The answer to a small refused request whose body was read anyway: a body that does not
     * parse is 400 whatever the credentials (Kea parses first), else the refusal.
     */
    Outcome refused(HttpRequest request, String peer, Admission admission) {
        if (admission.refusal().status() == HttpStatus.UNAUTHORIZED && request.method().equals("POST")) {
            try {
                Json.parse(request.body(), ParseOptions.string());
            } catch (JsonException e) {
                http.debug("HTTP_BAD_CLIENT_REQUEST_RECEIVED bad request received from {}: {}", peer, e.getMessage());
                return Outcome.error(HttpStatus.BAD_REQUEST);
            }
        }
        return admission.refusal();
    }

    /**
     * The checks that need only the header section: method, content type, length, credentials. A
     * GET ({@code /metrics}, the dashboard) needs the same credentials as a command.
     */
    Admission admit(RequestReader.Head head, String peer) {
        boolean json = new HttpRequest(head.method(), head.target(), head.version(), head.fields(), new byte[0]).isJson();
        boolean get = head.method().equals("GET");
        if (!get && (!head.method().equals("POST") || !json || head.length() == 0)) {
            http.debug("HTTP_BAD_CLIENT_REQUEST_RECEIVED bad request received from {}: {} {} with content type {}",
                    peer, head.method(), head.target(), head.header("Content-Type").orElse("(none)"));
            return new Admission(Outcome.error(HttpStatus.BAD_REQUEST), null);
        }
        if (authenticator.isEmpty()) {
            return new Admission(null, null);
        }
        // Never log the header itself: its base64 token is the password.
        Optional<Credential> client = authenticator.get().authenticate(head.header("Authorization"));
        if (client.isEmpty()) {
            auth.info("HTTP_CLIENT_REQUEST_NOT_AUTHORIZED received HTTP request from {} was not authorized{}", peer,
                    head.header("Authorization").isEmpty() ? " (no Authorization header)" : "");
            return new Admission(Outcome.error(HttpStatus.UNAUTHORIZED), null);
        }
        return new Admission(null, client.get());
    }

    /** A complete, admitted request: its body parsed, authorized for its client, handled. */
    Outcome process(HttpRequest request, String peer, Credential client) {
        if (request.method().equals("GET")) {
            return get(request, peer, Optional.ofNullable(client));
        }
        Element body;
        try {
            body = Json.parse(request.body(), ParseOptions.string());
        } catch (JsonException e) {
            http.debug("HTTP_BAD_CLIENT_REQUEST_RECEIVED bad request received from {}: {}", peer, e.getMessage());
            return Outcome.error(HttpStatus.BAD_REQUEST);
        }
        String user = null;
        if (client != null) {
            user = client.user();
            if (!authorized(client, body)) {
                auth.info("HTTP_CLIENT_REQUEST_FORBIDDEN user '{}' from {} may not send command '{}'{}", user, peer,
                        commandName(body), services(body).isEmpty() ? "" : " to services " + services(body));
                return Outcome.error(HttpStatus.FORBIDDEN);
            }
            auth.debug("HTTP_CLIENT_REQUEST_AUTHORIZED received HTTP request authorized for '{}'", user);
        }
        try {
            Element answer;
            try {
                answer = handler.handle(body, user);
            } catch (CommandForbidden e) {
                auth.info("HTTP_CLIENT_REQUEST_FORBIDDEN command '{}' from {} is not accepted on this listener",
                        commandName(body), peer);
                return Outcome.error(HttpStatus.FORBIDDEN);
            }
            if (answer == null) {
                throw new IllegalStateException("handler returned no answer");
            }
            return new Outcome(HttpStatus.OK, answer, false);
        } catch (RuntimeException e) {
            http.error("HTTP_COMMAND_PROCESS_ERROR internal error while processing a request from {}", peer, e);
            return Outcome.error(HttpStatus.INTERNAL_SERVER_ERROR);
        }
    }

    /**
     * GET ({@code /metrics}, the dashboard): the same authentication as commands, then the
     * handler's resource; what the handler does not serve is 400, as every GET is on Kea.
     */
    private Outcome get(HttpRequest request, String peer) {
        Optional<Credential> client = Optional.empty();
        if (authenticator.isPresent()) {
            client = authenticator.get().authenticate(request.header("Authorization"));
            if (client.isEmpty()) {
                auth.info("HTTP_CLIENT_REQUEST_NOT_AUTHORIZED received HTTP request from {} was not authorized"
                        + "{}", peer, request.header("Authorization").isEmpty() ? " (no Authorization header)" : "");
                return Outcome.error(HttpStatus.UNAUTHORIZED);
            }
        }
        String target = request.target();
        int query = target.indexOf('?');
        String path = query < 0 ? target : target.substring(0, query);
        Optional<HttpResource> resource;
        try {
            resource = handler.get(path, client);
        } catch (RuntimeException e) {
            http.error("HTTP_COMMAND_PROCESS_ERROR internal error while serving GET {} to {}", path, peer, e);
            return Outcome.error(HttpStatus.INTERNAL_SERVER_ERROR);
        }
        if (resource.isEmpty()) {
            // Kea answers every GET so; ruru only serves its own pages.
            http.debug("HTTP_BAD_CLIENT_REQUEST_RECEIVED bad request received from {}: GET {}", peer, path);
            return Outcome.error(HttpStatus.BAD_REQUEST);
        }
        if (resource.get().status() == HttpResource.Status.NOT_FOUND) {
            return Outcome.error(HttpStatus.NOT_FOUND);
        }
        if (resource.get().status() == HttpResource.Status.FORBIDDEN) {
            auth.info("HTTP_CLIENT_REQUEST_FORBIDDEN user '{}' from {} may not get {}",
                    client.map(Credential::user).orElse(""), peer, path);
            return Outcome.error(HttpStatus.FORBIDDEN);
        }
        return new Outcome(HttpStatus.OK, null, false, resource.get());
    }

    /**
     * GET ({@code /metrics}, the dashboard), its client already authenticated from the headers:
     * the handler's resource; what the handler does not serve is 400, as every GET is on Kea.
     */
    private Outcome get(HttpRequest request, String peer, Optional<Credential> client) {
        String target = request.target();
        int query = target.indexOf('?');
        String path = query < 0 ? target : target.substring(0, query);
        Optional<HttpResource> resource;
        try {
            resource = handler.get(path, client);
        } catch (RuntimeException e) {
            http.error("HTTP_COMMAND_PROCESS_ERROR internal error while serving GET {} to {}", path, peer, e);
            return Outcome.error(HttpStatus.INTERNAL_SERVER_ERROR);
        }
        if (resource.isEmpty()) {
            // Kea answers every GET so; ruru only serves its own pages.
            http.debug("HTTP_BAD_CLIENT_REQUEST_RECEIVED bad request received from {}: GET {}", peer, path);
            return Outcome.error(HttpStatus.BAD_REQUEST);
        }
        if (resource.get().status() == HttpResource.Status.NOT_FOUND) {
            return Outcome.error(HttpStatus.NOT_FOUND);
        }
        if (resource.get().status() == HttpResource.Status.FORBIDDEN) {
            auth.info("HTTP_CLIENT_REQUEST_FORBIDDEN user '{}' from {} may not get {}",
                    client.map(Credential::user).orElse(""), peer, path);
            return Outcome.error(HttpStatus.FORBIDDEN);
        }
        return new Outcome(HttpStatus.OK, null, false, resource.get());
    }

    /**
     * ruru's RBAC-like extension: a client limited to some commands (or services) may send only
     * those. A body whose command cannot be read is refused for a limited client, since what it
     * would run is unknown; the handler would reject it anyway.
     */
    static boolean authorized(Credential credential, Element body) {
        if (credential.commands().isPresent()) {
            String name = commandName(body);
            if (name == null || !credential.allowsCommand(name)) {
                return false;
            }
        }
        if (credential.services().isPresent()) {
            if (body instanceof MapElement m && m.get("service") != null && !(m.get("service") instanceof ListElement)) {
                return false;
            }
            for (String service : services(body)) {
                if (!credential.allowsService(service)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static String commandName(Element body) {
        return body instanceof MapElement m && m.get("command") instanceof StringElement s ? s.value() : null;
    }

    private static java.util.List<String> services(Element body) {
        if (body instanceof MapElement m && m.get("service") instanceof ListElement list) {
            return list.items().stream().map(e -> e instanceof StringElement s ? s.value() : Json.toCompact(e)).toList();
        }
        return java.util.List.of();
    }
}
