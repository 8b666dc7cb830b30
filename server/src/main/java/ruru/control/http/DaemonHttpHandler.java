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

    public DaemonHttpHandler(CommandRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public Element handle(Element body, String authenticatedUser) {
        Answer answer = registry.execute(body);
        return new ListElement(List.of(answer.toElement()), Position.NONE);
    }
}
