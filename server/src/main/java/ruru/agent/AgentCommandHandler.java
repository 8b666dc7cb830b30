package ruru.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.slf4j.Logger;

import ruru.control.Answer;
import ruru.control.Command;
import ruru.control.CommandException;
import ruru.control.CommandRegistry;
import ruru.control.ResultCode;
import ruru.control.http.HttpCommandHandler;
import ruru.json.Element;
import ruru.json.Json;
import ruru.json.ListElement;
import ruru.json.MapElement;
import ruru.json.Position;

/**
 * What the Control Agent does with an authenticated command (seed 002, "Control Agent Command
 * Response Format"): without {@code service}, or with an empty one, it answers itself; otherwise
 * it forwards the command to each named service in turn. Either way the answer is a list, one
 * element per answer, so a dead daemon costs its own element and never the others'.
 */
final class AgentCommandHandler implements HttpCommandHandler {

    /** Appended by Kea's CA to its own "command not supported" text (ca_command_mgr.cc). */
    static final String SERVICE_HINT = " You did not include \"service\" parameter in the command,"
            + " which indicates that Kea Control Agent should process this command rather than forward it to"
            + " one or more Kea servers. If you aimed to send this command to one of the Kea servers you"
            + " should include the \"service\" parameter in your request, e.g. \"service\": [ \"dhcp4\" ] to"
            + " forward the command to the DHCPv4 server, or \"service\": [ \"dhcp4\", \"dhcp6\", \"d2\" ] to"
            + " forward it to DHCPv4, DHCPv6 and D2 servers etc.";


    private final CommandRegistry registry;
    private final Supplier<AgentConfig> config;
    private final UnixForwarder forwarder;
    private final Logger log;

    AgentCommandHandler(CommandRegistry registry, Supplier<AgentConfig> config, UnixForwarder forwarder, Logger log) {
        this.registry = registry;
        this.config = config;
        this.forwarder = forwarder;
        this.log = log;
    }

    @Override
    public Element handle(Element body, String authenticatedUser) {
        Command command;
        try {
            command = Command.fromElement(body);
        } catch (CommandException e) {
            // Kea's CA checks the type of "service" itself and answers in a list; a malformed
            // command fails earlier, in BaseCommandMgr, with an unwrapped answer.
            if (e.getMessage().startsWith("service value")) {
                return list(List.of(Answer.error(e.getMessage()).toElement()));
            }
            return Answer.error("Error during command processing: " + e.getMessage()).toElement();
        }
        if (command.services().isEmpty()) {
            return list(List.of(own(command).toElement()));
        }
        String forwarded = Json.toCompact(((MapElement) body).without("service"));
        List<Element> answers = new ArrayList<>();
        for (String service : command.services()) {
            answers.add(forward(service, command.name(), forwarded));
        }
        return list(answers);
    }

    private Answer own(Command command) {
        Answer answer = registry.execute(command);
        if (answer.result().equals(ResultCode.UNSUPPORTED)) {
            return new Answer(answer.result(), answer.text() + SERVICE_HINT, answer.arguments());
        }
        return answer;
    }

    private Element forward(String service, String name, String text) {
        AgentConfig current = config.get();
        Optional<java.nio.file.Path> socket = current == null ? Optional.empty() : current.socketOf(service);
        if (socket.isEmpty()) {
            return Answer.error("forwarding socket is not configured for the server type " + service).toElement();
        }
        log.debug("CTRL_AGENT_COMMAND_FORWARD_BEGIN begin forwarding command {} to service {}", name, service);
        try {
            Element answer = forwarder.forward(service, socket.get(), text);
            log.info("CTRL_AGENT_COMMAND_FORWARDED command {} successfully forwarded to the service {}", name, service);
            return answer;
        } catch (ForwardException e) {
            log.warn("CTRL_AGENT_COMMAND_FORWARD_FAILED failed forwarding command {}: {}", name, e.getMessage());
            return Answer.error(e.getMessage()).toElement();
        }
    }

    private static ListElement list(List<Element> items) {
        return new ListElement(items, Position.NONE);
    }
}
