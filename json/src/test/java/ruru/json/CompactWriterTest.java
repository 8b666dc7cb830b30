package ruru.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CompactWriterTest {

    @Test
    void mapsAndListsHaveKeasSpacing() {
        MapElement m = MapElement.builder()
                .put("result", 0)
                .put("arguments", MapElement.empty())
                .put("list", Element.list(Element.of(1), Element.of(2)))
                .put("empty", Element.list())
                .build();
        assertThat(Json.toCompact(m)).isEqualTo(
                "{ \"arguments\": {  }, \"empty\": [  ], \"list\": [ 1, 2 ], \"result\": 0 }");
    }

    @Test
    void observedKeaAnswer() {
        MapElement answer = MapElement.builder().put("result", 0).put("arguments", MapElement.empty()).build();
        assertThat(Json.toCompact(answer)).isEqualTo("{ \"arguments\": {  }, \"result\": 0 }");
    }

    @Test
    void keysSortByUtf8Bytes() {
        MapElement m = new MapElement(Map.of("b", Element.of(1), "B", Element.of(2), "é", Element.of(3),
                "z", Element.of(4), "\uffff", Element.of(5), "😀", Element.of(6), "a-b", Element.of(7), "a", Element.of(8)),
                Position.NONE);
        assertThat(Json.toCompact(m)).isEqualTo(
                "{ \"B\": 2, \"a\": 8, \"a-b\": 7, \"b\": 1, \"z\": 4, \"é\": 3, \"\uffff\": 5, \"😀\": 6 }");
    }

    @Test
    void keysAreWrittenUnescapedAsKeaDoes() {
        MapElement m = MapElement.builder().put("a\"b", 1).put("ü", 2).build();
        assertThat(Json.toCompact(m)).isEqualTo("{ \"a\"b\": 1, \"ü\": 2 }");
    }

    @Test
    void scalars() {
        assertThat(Json.toCompact(Element.of(true))).isEqualTo("true");
        assertThat(Json.toCompact(Element.of(false))).isEqualTo("false");
        assertThat(Json.toCompact(new NullElement(Position.NONE))).isEqualTo("null");
        assertThat(Json.toCompact(Element.of(Long.MIN_VALUE))).isEqualTo("-9223372036854775808");
        assertThat(Json.toCompact(MapElement.builder().put("n", new NullElement(Position.NONE)).build()))
                .isEqualTo("{ \"n\": null }");
    }

    @Test
    void stringEscapesFollowKea() {
        assertThat(Json.toCompact(Element.of("q\" b\\ \b \f \n \r \t / x"))).isEqualTo(
                "\"q\\\" b\\\\ \\b \\f \\n \\r \\t / x\"");
        assertThat(Json.toCompact(Element.of("\u0001\u001f\u007f"))).isEqualTo("\"\\u0001\\u001f\\u007f\"");
        assertThat(Json.toCompact(Element.of("café"))).isEqualTo("\"caf\\u00c3\\u00a9\"");
        assertThat(Json.toCompact(Element.of("€"))).isEqualTo("\"\\u00e2\\u0082\\u00ac\"");
        assertThat(Json.toCompact(Element.of("😀"))).isEqualTo("\"\\u00f0\\u009f\\u0098\\u0080\"");
        assertThat(Json.toCompact(Element.of("\u0000"))).isEqualTo("\"\\u0000\"");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0.0          | 0.0",
        "-0.0         | -0.0",
        "1.0          | 1.0",
        "1.5          | 1.5",
        "0.1          | 0.1",
        "3.14159265   | 3.14159",
        "123456.0     | 123456.0",
        "1234567.0    | 1.23457e+06",
        "1000000.0    | 1e+06.0",
        "100000.0     | 100000.0",
        "0.0001       | 0.0001",
        "0.00001      | 1e-05.0",
        "0.000123456789 | 0.000123457",
        "1e20         | 1e+20.0",
        "1.5e-300     | 1.5e-300",
        "-2.5e100     | -2.5e+100",
        "999999.5     | 1e+06.0",
        "0.5          | 0.5",
        "2.675        | 2.675",
        "1.0000005    | 1.0",
        "1.0000015    | 1.0",
        "1.0000025    | 1.0",
        "0.30000000000000004 | 0.3",
        "1.7976931348623157e308 | 1.79769e+308",
        "4.9e-324     | 4.94066e-324",
    })
    void doublesLikeCppOstream(double value, String expected) {
        assertThat(Json.toCompact(Element.of(value))).isEqualTo(expected);
    }

    @Test
    void specialDoublesAsGlibcSpellsThem() {
        assertThat(Json.toCompact(Element.of(Double.NaN))).isEqualTo("nan.0");
        assertThat(Json.toCompact(Element.of(Double.POSITIVE_INFINITY))).isEqualTo("inf.0");
        assertThat(Json.toCompact(Element.of(Double.NEGATIVE_INFINITY))).isEqualTo("-inf.0");
    }

    @Test
    void streamingEqualsString() throws Exception {
        Element e = ParseTest.parse("{\"b\": [1, {\"x\": \"é\"}], \"a\": 2.5}");
        StringBuilder out = new StringBuilder();
        Json.writeCompact(e, out);
        assertThat(out.toString()).isEqualTo(Json.toCompact(e))
                .isEqualTo("{ \"a\": 2.5, \"b\": [ 1, { \"x\": \"\\u00c3\\u00a9\" } ] }");
    }

    @Test
    void hashIsUppercaseSha256OfCompactForm() {
        // sha256("{  }") computed independently with sha256sum.
        assertThat(Json.hash(MapElement.empty()))
                .isEqualTo("98C745F2F8511D66BBE9B340111CDCF6D2813962A4349795C8B6E56DDEE5F15C")
                .matches("[0-9A-F]{64}");
    }
}
