package ruru.control;

import java.util.Objects;

import org.slf4j.Logger;

import ruru.json.Element;
import ruru.json.Json;
import ruru.json.JsonException;
import ruru.json.ParseOptions;

/**
 * The transport-neutral middle of a control channel: command text in, answer out. The transport
 * frames the text (UNIX: the first JSON value on a connection; HTTP: the body) and writes the
 * answer; parsing, dispatch and Kea's error texts live here.
 */
public final class CommandTextProcessor {


    private final CommandRegistry registry;
    private final ParseOptions options;

    /**
     * @param options how command text is read: {@link ParseOptions#wire()} on the UNIX socket
     *                (positions {@code <wire>:L:C}, 0-based lines), {@link ParseOptions#string()} on HTTP
     */
    /** The command channel's logger (the registry's). */
    public Logger log() {
        return registry.log();
    }

    /** The registry whose commands this runs. */
    public CommandRegistry registry() {
        return registry;
    }

    public CommandTextProcessor(CommandRegistry registry, ParseOptions options) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.options = Objects.requireNonNull(options, "options");
    }

    /** Parses and runs one command; never throws. */
    public Answer answer(String text) {
        Element element;
        try {
            element = Json.parse(text, options);
        } catch (JsonException e) {
            // Kea answers a parse failure with the bare exception text of Element::fromWire,
            // "<detail> in <wire>:L:C" (FACTS section 2, e.g. "String expected in <wire>:0:29").
            return processError(e.position().isKnown() ? e.detail() + " in " + e.position() : e.detail());
        }
        return registry.execute(element);
    }

    /** {@link #answer} rendered as the compact text Kea writes on the wire. */
    public String respond(String text) {
        return render(answer(text));
    }

    /** Kea's compact {@code Element::str()} form of an answer. */
    public static String render(Answer answer) {
        return Json.toCompact(answer.toElement());
    }

    /**
     * An error found before the command reached the registry (framing or parsing): logged as Kea's
     * COMMAND_PROCESS_ERROR1 and answered with result 1 and the bare text.
     */
    public Answer processError(String text) {
        registry.message(ruru.daemon.logging.LibraryMessages.COMMAND_PROCESS_ERROR1).log(text);
        return Answer.error(text);
    }
}
