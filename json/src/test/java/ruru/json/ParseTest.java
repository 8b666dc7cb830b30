package ruru.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ParseTest {

    static Element parse(String text) throws JsonException {
        return Json.parse(text, ParseOptions.string());
    }

    static Element parseFile(String text, List<JsonWarning> warnings) throws JsonException {
        return Json.parse(text, ParseOptions.file("kea.conf", warnings::add));
    }

    static JsonException error(String text) {
        return error(text, ParseOptions.string());
    }

    static JsonException error(String text, ParseOptions options) {
        try {
            Json.parse(text, options);
        } catch (JsonException e) {
            return e;
        }
        throw new AssertionError("accepted: " + text);
    }

    @Test
    void scalarsAndContainers() throws JsonException {
        Element e = parse("{\"a\": [1, -2, 3.5, true, false, null, \"x\"], \"b\": {}}");
        MapElement expected = MapElement.builder()
                .put("a", Element.list(Element.of(1), Element.of(-2), Element.of(3.5), Element.of(true),
                        Element.of(false), new NullElement(Position.NONE), Element.of("x")))
                .put("b", MapElement.empty())
                .build();
        assertThat(e).isEqualTo(expected);
        assertThat(((MapElement) e).keys()).containsExactly("a", "b");
    }

    @Test
    void integersAreSixtyFourBitAndRealsAreDoubles() throws JsonException {
        assertThat(parse("9223372036854775807")).isEqualTo(Element.of(Long.MAX_VALUE));
        assertThat(parse("-9223372036854775808")).isEqualTo(Element.of(Long.MIN_VALUE));
        assertThat(parse("1e3")).isEqualTo(Element.of(1000.0));
        assertThat(parse("-0.25E-2")).isEqualTo(Element.of(-0.0025));
        assertThat(parse("10")).isInstanceOf(IntElement.class);
        assertThat(parse("10.0")).isInstanceOf(DoubleElement.class);
    }

    @Test
    void keaNumberFormsBeyondStandardJson() throws JsonException {
        // Kea's own example configs write "t1-percent": .5; its flex rules also take 5. and 007.
        assertThat(parse(".5")).isEqualTo(Element.of(0.5));
        assertThat(parse("-.25")).isEqualTo(Element.of(-0.25));
        assertThat(parse("5.")).isEqualTo(Element.of(5.0));
        assertThat(parse("1.e2")).isEqualTo(Element.of(100.0));
        assertThat(parse("+.5")).isEqualTo(Element.of(0.5));
        assertThat(parse("+7")).isEqualTo(Element.of(7));
        assertThat(parse("007")).isEqualTo(Element.of(7));
        assertThat(parse("-0")).isEqualTo(Element.of(0));
    }

    @Test
    void integerOutOfRangeIsAnErrorNotAWrap() {
        JsonException e = error("[9223372036854775808]");
        // command text: Kea's Element::fromJSON text, one column left of the number
        assertThat(e.getMessage()).isEqualTo("<string>:1:1: Number overflow: 9223372036854775808");
        assertThat(error("-9223372036854775809").detail()).isEqualTo("Number overflow: -9223372036854775809");
        ParseOptions file = ParseOptions.file("<string>", w -> { });
        assertThat(error("[9223372036854775808]", file).getMessage())
                .isEqualTo("<string>:1:2: integer out of 64-bit range: 9223372036854775808");
        assertThat(error("1e400", file).detail()).startsWith("real out of range");
    }

    @Test
    void positionsAreKeasFromJsonColumns() throws JsonException {
        // Command text: maps and lists at their bracket's column, scalars one column before their
        // first character, as Kea's Element::fromJSON reports them [OBS kea-dhcp4 2.2 config-test].
        MapElement m = (MapElement) parse("\n  { \"a\": 1,\n    \"bb\": [ \"x\" ] }");
        assertThat(m.position()).isEqualTo(new Position("<string>", 2, 3));
        assertThat(m.get("a").position()).isEqualTo(new Position("<string>", 2, 9));
        ListElement l = (ListElement) m.get("bb");
        assertThat(l.position()).isEqualTo(new Position("<string>", 3, 11));
        assertThat(l.get(0).position()).isEqualTo(new Position("<string>", 3, 12));
        // Configuration files: bison's columns, the first character of every value.
        MapElement f = (MapElement) Json.parse("\n  { \"a\": 1 }", ParseOptions.file("f.json", w -> { }));
        assertThat(f.get("a").position()).isEqualTo(new Position("f.json", 2, 10));
    }

    @Test
    void wireCountsLinesFromZero() {
        JsonException e = error("{\n\"a\": 1,\n\"b\" 2}", ParseOptions.wire());
        assertThat(e.getMessage()).isEqualTo("<wire>:2:5: '2' read, one of \":\" expected");
    }

    @Test
    void columnsCountBytesNotCharacters() throws JsonException {
        MapElement m = (MapElement) parse("{\"é\": \"ü\", \"k\": 1}");
        // "é" and "ü" are two bytes each in UTF-8.
        assertThat(m.get("k").position().col()).isEqualTo(18);
        assertThat(error("[\"é\" 1]").getMessage()).isEqualTo("<string>:1:7: '1' read, one of \",]\" expected");
    }

    @Test
    void commentsOfAllThreeKinds() throws JsonException {
        Element e = parse("# head\n{ // line\n \"a\": /* in\nside */ 1 # tail\n}\n// end");
        assertThat(e).isEqualTo(MapElement.builder().put("a", 1).build());
        assertThat(((MapElement) e).get("a").position()).isEqualTo(new Position("<string>", 4, 8));
    }

    @Test
    void unclosedBlockCommentNamesWhereItOpened() {
        JsonException e = error("{\"a\": 1}\n  /* never\nclosed");
        assertThat(e.position()).isEqualTo(new Position("<string>", 2, 3));
        assertThat(e.detail()).contains("comment not closed");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "True       | 1:1 | JSON true reserved keyword is lower case only",
        "[FALSE]    | 1:2 | JSON false reserved keyword is lower case only",
        "Null       | 1:1 | JSON null reserved keyword is lower case only",
        "[tru]      | 1:2 | invalid word \"tru\"",
        "[1 2]      | 1:4 | syntax error, unexpected integer 2, expecting ',' or ']'",
        "{1: 2}     | 1:2 | syntax error, unexpected integer 1, expecting a string (map key)",
        "{\"a\" 1}  | 1:6 | syntax error, unexpected integer 1, expecting ':'",
        "{\"a\": }  | 1:7 | syntax error, unexpected '}', expecting a value",
        "[,1]       | 1:2 | syntax error, unexpected ',', expecting a value",
        "1 2        | 1:3 | syntax error, unexpected integer 2, expecting end of file",
        "{} x       | 1:4 | invalid word \"x\"",
        "[          | 1:2 | syntax error, unexpected end of file, expecting a value",
        "{\"a\":1   | 1:7 | syntax error, unexpected end of file, expecting ',' or '}'",
        "@1         | 1:1 | invalid character '@'",
        "-          | 1:1 | invalid number: -",
        "[.]        | 1:2 | invalid number: .]",
        "[-x]       | 1:2 | invalid number: -x",
        "1e+        | 1:2 | invalid word \"e\"",
        "[1 / 2]    | 1:4 | invalid character '/'",
        "<x>        | 1:1 | invalid character '<'",
        "[\"a\\qb\"] | 1:4 | bad escape \\q in string",
        "\"\\u0100\" | 1:2 | unsupported unicode escape \\u0100 in string: Kea allows only \\u0000 to \\u00ff (each one byte); write other characters as UTF-8",
        "\"\\u00g0\" | 1:2 | invalid \\u escape in string: expected 4 hexadecimal digits",
        "\"abc      | 1:1 | unterminated string: end of file before the closing quote",
    })
    void syntaxErrorsSayWhatWasExpectedAndFoundWhere(String text, String where, String detail) {
        // a configuration file's texts (bison's words); command text has Kea's Element::fromJSON ones (below)
        JsonException e = error(text, ParseOptions.file("<string>", w -> { }));
        assertThat(e.detail()).isEqualTo(detail);
        assertThat(e.position().line() + ":" + e.position().col()).isEqualTo(where);
        assertThat(e.getMessage()).isEqualTo("<string>:" + where + ": " + detail);
    }

    /**
     * Command text as kea-dhcp4 2.2 answers it over its control socket (each row sent live with
     * socat): Element::fromJSON's texts and positions, which are one column left of the token for
     * words and numbers; what it accepts ("01", "1.", ".5", "+5", raw control characters; not yet its "[1,]").
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "{\"command\": nope}                      | 12 | Bad null value: nope",
        "{\"command\": nullx}                     | 12 | Bad null value: nullx",
        "{\"command\": tru}                       | 12 | Bad boolean value: tru",
        "{\"command\": truex}                     | 12 | Bad boolean value: truex",
        "{\"command\": True}                      | 13 | error: unexpected character T",
        "{\"command\": xyz}                       | 13 | error: unexpected character x",
        "{\"command\": @}                         | 13 | error: unexpected character @",
        "{\"command\": }                          | 13 | error: unexpected character }",
        "{\"command\": 1e}                        | 12 | Number overflow: 1e",
        "{\"command\": -}                         | 12 | Number overflow: -",
        "{\"command\": 1.5.5}                     | 12 | Number overflow: 1.5.5",
        "{\"command\": 99999999999999999999}      | 12 | Number overflow: 99999999999999999999",
        "{\"command\": 1e999}                     | 12 | Number overflow: 1e999",
        "{\"command\": \"a\\x\"}              | 15 | Bad escape",
        "{\"command\": \"a\\u0100\"}          | 15 | Unsupported unicode escape",
        "{\"command\": \"a\\u1\"}             | 16 | Unsupported unicode escape",
        "{\"command\": \"a\\u00G1\"}          | 15 | Not hexadecimal in unicode escape",
        "{\"command\": \"a\\u001G\"}          | 15 | Not hexadecimal in unicode escape",
        "{\"command\" \"list-commands\"}        | 12 | '\"' read, one of \":\" expected",
        "{\"command\": \"l\" \"x\": 1}        | 17 | '\"' read, one of \",}\" expected",
        "{\"command\": [1 2]}                     | 16 | '2' read, one of \",]\" expected",
        "{\"command\": \"list-commands\",}      | 29 | String expected",
    })
    void commandTextErrorsAreKeaElementFromJsonTexts(String text, int col, String detail) {
        JsonException e = error(text, ParseOptions.wire());
        assertThat(e.getMessage()).isEqualTo("<wire>:0:" + col + ": " + detail);
    }

    @Test
    void commandTextAcceptsWhatKeaElementFromJsonAccepts() throws JsonException {
        assertThat(Json.parse("[01, 1., .5, +5, -0]", ParseOptions.wire()))
                .isEqualTo(Json.parse("[1, 1.0, 0.5, 5, 0]", ParseOptions.wire()));
        assertThat(Json.parse("\"x\u0001y\"", ParseOptions.wire())).isEqualTo(Element.of("x\u0001y"));
        assertThat(Json.parse("\"\\u0041\"", ParseOptions.wire())).isEqualTo(Element.of("A"));
    }

    @Test
    void emptyAndBlankInputAreErrors() {
        assertThat(error("").getMessage()).isEqualTo("<string>:1:1: syntax error, unexpected end of file, expecting a value");
        assertThat(error("  # only a comment\n").getMessage())
                .isEqualTo("<string>:2:1: syntax error, unexpected end of file, expecting a value");
    }

    @Test
    void stringEscapes() throws JsonException {
        assertThat(parse("\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t\"")).isEqualTo(Element.of("\" \\ / \b \f \n \r \t"));
        // Kea's \\u escapes are bytes: two of them make one UTF-8 character.
        assertThat(parse("\"caf\\u00c3\\u00a9\"")).isEqualTo(Element.of("café"));
        assertThat(parse("\"\\u0041\\u00007\"")).isEqualTo(Element.of("A\u00007"));
        assertThat(parse("\"raw ü\"")).isEqualTo(Element.of("raw ü"));
    }

    @Test
    void rawControlCharactersInStringsAreErrors() {
        ParseOptions file = ParseOptions.file("<string>", w -> { });
        JsonException e = error("[\"ab\tc\"]", file);
        assertThat(e.getMessage()).isEqualTo("<string>:1:5: invalid control character 0x09 in string (write it as \\u0009)");
        assertThat(error("\"a\nb\"", file).position()).isEqualTo(new Position("<string>", 1, 3));
    }

    @Test
    void escapedBytesThatAreNotUtf8AreLatin1AsKeaAcceptsThem() throws JsonException {
        // Kea takes a backslash-u-00XX escape as one byte and accepts any byte string; ruru reads it as Latin-1.
        assertThat(((MapElement) parse("{\"k\": \"caf\\u00e9\"}")).get("k").asString()).contains("caf\u00e9");
        assertThat(((MapElement) parse("{\"k\": \"\\u00c3\\u00a9\"}")).get("k").asString()).as("UTF-8 bytes stay UTF-8")
                .contains("\u00e9");
    }

    @Test
    void duplicateKeysNameBothPositions() {
        JsonException e = error("{\"foo\": 1,\n \"bar\": 2, \"foo\": 3}", ParseOptions.file("kea.conf", w -> { }));
        assertThat(e.getMessage()).isEqualTo(
                "kea.conf:2:12: duplicate foo entries in JSON map (previous at kea.conf:1:2)");
        assertThat(error("[{\"a\":1}, {\"a\":2}, {\"a\":{\"a\":1,\"a\":2}}]").position().col()).isEqualTo(32);
    }

    @Test
    void extraCommasAreWarningsInFilesOnly() throws JsonException {
        List<JsonWarning> warnings = new ArrayList<>();
        Element e = parseFile("{\"a\": [1,,2,],\n \"b\": 1,,\n}", warnings);
        assertThat(e).isEqualTo(MapElement.builder()
                .put("a", Element.list(Element.of(1), Element.of(2))).put("b", 1).build());
        assertThat(warnings).extracting(JsonWarning::position).containsExactly(
                new Position("kea.conf", 1, 9), new Position("kea.conf", 1, 12),
                new Position("kea.conf", 2, 8), new Position("kea.conf", 2, 9));
        assertThat(warnings.getFirst().message())
                .isEqualTo("Extraneous comma. A piece of configuration may have been omitted.");
        assertThat(warnings.getFirst().toString()).startsWith("kea.conf:1:9: Extraneous comma.");
    }

    @Test
    void leadingCommaIsAnErrorEvenInFiles() {
        List<JsonWarning> warnings = new ArrayList<>();
        assertThatThrownBy(() -> parseFile("[,1]", warnings)).isInstanceOf(JsonException.class)
                .hasMessage("kea.conf:1:2: syntax error, unexpected ',', expecting a value");
        assertThatThrownBy(() -> parseFile("{,}", warnings)).isInstanceOf(JsonException.class)
                .hasMessage("kea.conf:1:2: syntax error, unexpected ',', expecting a string (map key)");
    }

    @Test
    void nestingUpToTheLimitIsFineBeyondIsAnError() throws JsonException {
        String ok = "[".repeat(Json.MAX_NESTING) + "]".repeat(Json.MAX_NESTING);
        assertThat(parse(ok)).isInstanceOf(ListElement.class);
        String deep = "{\"a\":".repeat(Json.MAX_NESTING) + "{}" + "}".repeat(Json.MAX_NESTING);
        JsonException e = error(deep);
        assertThat(e.detail()).isEqualTo("JSON elements nested too deeply (more than 100 levels)");
        assertThat(e.position().col()).isEqualTo(5 * Json.MAX_NESTING + 1);
    }

    @Test
    void aMillionOpenBracketsFailCleanly() {
        JsonException e = error("[".repeat(1_000_000));
        assertThat(e.position().col()).isEqualTo(Json.MAX_NESTING + 1);
    }

    @Test
    void includeIsRefusedInCommandText() {
        JsonException e = error("{\"a\": <?include \"/etc/passwd\"?>}");
        assertThat(e.getMessage()).isEqualTo(
                "<string>:1:7: <?include?> is only allowed in configuration files, not in command text");
    }

    @Test
    void binaryGarbageFailsWithAPosition() {
        assertThat(error("{\"a\":\u0000}").getMessage()).isEqualTo("<string>:1:6: invalid byte 0x00");
        JsonException e = assertThrowsJson(new byte[] {'[', '1', ',', (byte) 0xff, ']'});
        assertThat(e.getMessage()).isEqualTo("<string>:1:4: invalid byte 0xff");
        JsonException inString = assertThrowsJson(new byte[] {'"', 'a', (byte) 0xc3, '"'});
        assertThat(inString.getMessage()).isEqualTo("<string>:1:1: string is not valid UTF-8");
    }

    private static JsonException assertThrowsJson(byte[] bytes) {
        try {
            Json.parse(bytes, ParseOptions.string());
        } catch (JsonException e) {
            return e;
        }
        throw new AssertionError("accepted");
    }

    @Test
    void mapKeepsInputOrder() throws JsonException {
        MapElement m = (MapElement) parse("{\"z\":1,\"a\":2,\"m\":3}");
        assertThat(m.entries()).containsExactly(Map.entry("z", Element.of(1)), Map.entry("a", Element.of(2)),
                Map.entry("m", Element.of(3)));
    }
}
