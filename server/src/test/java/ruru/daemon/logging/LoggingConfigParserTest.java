package ruru.daemon.logging;

import ruru.daemon.config.ConfigException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import ruru.json.Element;
import ruru.json.IntElement;
import ruru.json.Json;
import ruru.json.ListElement;
import ruru.json.MapElement;
import ruru.json.ParseOptions;
import ruru.json.Position;

class LoggingConfigParserTest {

    @TempDir
    Path logDir;

    private ruru.daemon.config.PathPolicy paths() {
        return new ruru.daemon.config.PathPolicy(logDir.resolve("etc"),
                java.util.Map.of("KEA_LOG_FILE_DIR", logDir.toString()), false);
    }

    private List<LoggerSpec> parse(String json) throws Exception {
        Element e = Json.parse(json, ParseOptions.file("t.json", w -> { }));
        return LoggingConfigParser.parse(e, paths());
    }

    @Test
    void appliesKeaDefaults() throws Exception {
        List<LoggerSpec> specs = parse("""
                [ { "name": "kea-dhcp4", "output-options": [ { "output": "stdout" } ] } ]""");
        assertThat(specs).containsExactly(new LoggerSpec("kea-dhcp4", Optional.empty(), 0,
                List.of(new OutputSpec.Stdout(true, "%D{%Y-%m-%d %H:%M:%S.%q} %-5p [%c/%i.%t] %m\n"))));
    }

    @Test
    void parsesEveryFieldOfAFileOutput() throws Exception {
        List<LoggerSpec> specs = parse("""
                [ { "name": "kea-dhcp4.leases", "severity": "debug", "debuglevel": 99, "comment": "c",
                    "user-context": { "a": 1 },
                    "output_options": [ { "output": "leases.log", "maxsize": 204800, "maxver": 8,
                                          "flush": false, "pattern": "%d{%j} %m\\n" } ] } ]""");
        assertThat(specs).containsExactly(new LoggerSpec("kea-dhcp4.leases", Severity.DEBUG, 99, List.of(
                new OutputSpec.File(logDir.resolve("leases.log"), 204800, 8, false, "%d{%j} %m\n"))));
    }

    @Test
    void fileDefaultsAreKeas() throws Exception {
        OutputSpec.File f = (OutputSpec.File) parse("""
                [ { "name": "x", "output-options": [ { "output": "a.log", "pattern": "" } ] } ]""")
                .getFirst().outputs().getFirst();
        assertThat(f.maxsize()).isEqualTo(10240000L);
        assertThat(f.maxver()).isEqualTo(1);
        assertThat(f.flush()).isTrue();
        assertThat(f.pattern()).isEqualTo(OutputSpec.DEFAULT_PATTERN);
    }

    @Test
    void syslogOutputsUseTheSyslogPattern() throws Exception {
        List<OutputSpec> outs = parse("""
                [ { "name": "x", "severity": "NONE", "output-options": [ { "output": "syslog" },
                    { "output": "syslog:local3" }, { "output": "stderr", "pattern": "%m" } ] } ]""")
                .getFirst().outputs();
        assertThat(outs).containsExactly(
                new OutputSpec.Syslog("local0", "%-5p [%c.%t] %m\n"),
                new OutputSpec.Syslog("local3", "%-5p [%c.%t] %m\n"),
                new OutputSpec.Stderr(true, "%m"));
    }

    @Test
    void acceptsAnEmptyListAndALoggerWithoutOutputs() throws Exception {
        assertThat(parse("[]")).isEmpty();
        assertThat(parse("[ { \"name\": \"kea-dhcp4\", \"severity\": \"WARN\" } ]"))
                .containsExactly(new LoggerSpec("kea-dhcp4", Severity.WARN, 0, List.of()));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            { "name": "a" }                                               | 'loggers' must be a list, got map | 1:1
            [ 5 ]                                                         | loggers entry must be a map, got integer | 1:3
            [ { "severity": "INFO" } ]                                    | loggers entry does not have a mandatory 'name' element | 1:3
            [ { "name": "a", "colour": "red" } ]                          | got unexpected keyword "colour" in loggers map. | 1:28
            [ { "name": 7 } ]                                             | 'name' must be a string, got integer | 1:13
            [ { "name": "" } ]                                            | logger 'name' must not be empty | 1:13
            [ { "name": "a", "severity": "LOUD" } ]                       | unsupported severity 'LOUD', expected one of FATAL, ERROR, WARN, INFO, DEBUG, NONE | 1:30
            [ { "name": "a", "severity": 3 } ]                            | 'severity' must be a string, got integer | 1:30
            [ { "name": "a", "debuglevel": 100 } ]                        | Unsupported debuglevel value 100, expected 0-99 | 1:32
            [ { "name": "a", "debuglevel": -1 } ]                         | Unsupported debuglevel value -1, expected 0-99 | 1:32
            [ { "name": "a", "debuglevel": "9" } ]                        | 'debuglevel' must be a integer, got string | 1:32
            [ { "name": "a", "user-context": 1 } ]                        | user-context must be a map, got integer | 1:34
            [ { "name": "a", "comment": true } ]                          | 'comment' must be a string, got boolean | 1:29
            [ { "name": "a", "output-options": [], "output_options": [] } ] | Only one of 'output-options' and 'output_options' may be specified. | 1:58
            [ { "name": "a", "output-options": {} } ]                     | 'output-options' must be a list, got map | 1:36
            [ { "name": "a", "output-options": [ 1 ] } ]                  | output-options entry must be a map, got integer | 1:38
            [ { "name": "a", "output-options": [ { "flush": true } ] } ]  | output-options entry does not have a mandatory 'output' element | 1:38
            [ { "name": "a", "output-options": [ { "output": 1 } ] } ]    | 'output' must be a string, got integer | 1:50
            [ { "name": "a", "output-options": [ { "output": "" } ] } ]   | 'output' must not be empty | 1:50
            [ { "name": "a", "output-options": [ { "output": "stdout", "size": 1 } ] } ] | got unexpected keyword "size" in output-options map. | 1:68
            [ { "name": "a", "output-options": [ { "output": "stdout", "flush": 1 } ] } ] | 'flush' must be a boolean, got integer | 1:69
            [ { "name": "a", "output-options": [ { "output": "stdout", "pattern": 1 } ] } ] | 'pattern' must be a string, got integer | 1:71
            [ { "name": "a", "output-options": [ { "output": "f", "maxsize": -1 } ] } ] | maxsize -1 out of range, expected 0 to 2147483647000000 (0 disables rotation) | 1:66
            [ { "name": "a", "output-options": [ { "output": "f", "maxsize": 2147483647000001 } ] } ] | maxsize 2147483647000001 out of range | 1:66
            [ { "name": "a", "output-options": [ { "output": "f", "maxsize": "1" } ] } ] | 'maxsize' must be a integer, got string | 1:66
            [ { "name": "a", "output-options": [ { "output": "f", "maxver": -1 } ] } ] | maxver -1 out of range, expected 0 to 2147483647 | 1:65
            [ { "name": "a", "output-options": [ { "output": "f", "maxver": 2147483648 } ] } ] | maxver 2147483648 out of range | 1:65
            [ { "name": "a", "output-options": [ { "output": "/etc/passwd" } ] } ] | invalid path in `output`: 'output' is invalid: invalid path specified: '/etc' | 1:50
            """)
    void refusesWithPosition(String json, String detail, String where) {
        assertThatThrownBy(() -> parse(json))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(detail)
                .hasMessageEndingWith("(t.json:" + where + ")")
                .satisfies(e -> assertThat(((ConfigException) e).position().toString()).isEqualTo("t.json:" + where));
    }

    @Test
    void messageOmitsAnUnknownPosition() {
        ListElement built = Element.list(MapElement.builder().put("name", "a").put("debuglevel", 100).build());
        assertThatThrownBy(() -> LoggingConfigParser.parse(built, paths()))
                .hasMessage("Unsupported debuglevel value 100, expected 0-99");
        ConfigException e = new ConfigException(new Position("f", 2, 3), "x");
        assertThat(e).hasMessage("x (f:2:3)");
        assertThat(e.detail()).isEqualTo("x");
        assertThat(new IntElement(1, Position.NONE).position().isKnown()).isFalse();
    }
}
