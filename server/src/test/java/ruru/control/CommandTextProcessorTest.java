package ruru.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import ruru.json.ParseOptions;

class CommandTextProcessorTest {

    private final CommandRegistry registry = new CommandRegistry();

    @Test
    void runsParsedCommandsThroughTheRegistry() {
        registry.register("version-get", cmd -> Answer.ok("1.0"));
        CommandTextProcessor processor = new CommandTextProcessor(registry, ParseOptions.wire());
        assertThat(processor.respond("{ \"command\": \"version-get\" }")).isEqualTo("{ \"result\": 0, \"text\": \"1.0\" }");
        assertThat(processor.answer("{\"command\": \"nope\"}").result()).isEqualTo(ResultCode.UNSUPPORTED);
    }

    @Test
    void parseErrorsAreResultOneWithDetailAndPositionOfTheTransportsOrigin() {
        Answer wire = new CommandTextProcessor(registry, ParseOptions.wire()).answer("{\n\"command\": }");
        assertThat(wire.result()).isEqualTo(ResultCode.ERROR);
        assertThat(wire.text()).endsWith(" in <wire>:1:12").doesNotStartWith(" in");
        Answer http = new CommandTextProcessor(registry, ParseOptions.string()).answer("{\n\"command\": }");
        assertThat(http.text()).endsWith(" in <string>:2:12");
    }

    @Test
    void rendersKeasCompactForm() {
        assertThat(CommandTextProcessor.render(Answer.error("x"))).isEqualTo("{ \"result\": 1, \"text\": \"x\" }");
        assertThat(CommandTextProcessor.render(Answer.okArgs(ruru.json.MapElement.empty())))
                .isEqualTo("{ \"arguments\": {  }, \"result\": 0 }");
    }
}
