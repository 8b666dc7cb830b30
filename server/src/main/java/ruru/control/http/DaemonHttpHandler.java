package ruru.control.http;

import java.util.List;
import java.util.Objects;

import ruru.control.Answer;
import ruru.control.CommandRegistry;
import ruru.json.Element;
import ruru.json.ListElement;
import ruru.json.Position;

/**
 * A daemon's own HTTP control socket: the command goes straight to the registry (Kea 3's
 * HttpCommandMgr calls CommandMgr::processCommand), {@code service} is accepted and ignored, and
 * the answer is wrapped in a one-element list, because Kea keeps the Control Agent's response
 * shape on these sockets ({@code emulate-agent-response}, FACTS section 1.4).
 */
public final class DaemonHttpHandler implements HttpCommandHandler {

    private final CommandRegistry registry;
    private final Pages pages;

    /** What the socket serves on GET (the daemon's metrics and dashboard). */
    @FunctionalInterface
    public interface Pages {
        java.util.Optional<HttpResource> get(String path, java.util.Optional<Credential> client);
    }

    public DaemonHttpHandler(CommandRegistry registry) {
        this(registry, (path, client) -> java.util.Optional.empty());
    }

    public DaemonHttpHandler(CommandRegistry registry, Pages pages) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.pages = Objects.requireNonNull(pages, "pages");
    }

    @Override
    public java.util.Optional<HttpResource> get(String path, java.util.Optional<Credential> client) {
        return pages.get(path, client);
    }

    @Override
    public Element handle(Element body, String authenticatedUser) {
        Answer answer = registry.execute(body);
        return new ListElement(List.of(answer.toElement()), Position.NONE);
    }
}
