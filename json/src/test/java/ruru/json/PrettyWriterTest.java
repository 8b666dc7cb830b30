package ruru.json;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrettyWriterTest {

    private static String pretty(String json) throws JsonException {
        return Json.toPretty(Json.parse(json, ParseOptions.string()));
    }

    @Test
    void mapsOneKeyPerLineSortedListsOfScalarsOnOneLine() throws JsonException {
        String text = pretty("{\"Dhcp4\": {\"valid-lifetime\": 4000, \"interfaces-config\": {\"interfaces\": [\"eth0\", \"eth1\"]},"
                + " \"subnet4\": [{\"id\": 1, \"pools\": [{\"pool\": \"192.0.2.1 - 192.0.2.200\"}]}], \"t\": 0.5}}");
        assertThat(text).isEqualTo("""
                {
                  "Dhcp4": {
                    "interfaces-config": {
                      "interfaces": [ "eth0", "eth1" ]
                    },
                    "subnet4": [
                      {
                        "id": 1,
                        "pools": [
                          {
                            "pool": "192.0.2.1 - 192.0.2.200"
                          }
                        ]
                      }
                    ],
                    "t": 0.5,
                    "valid-lifetime": 4000
                  }
                }""");
    }

    @Test
    void emptyFormsHaveOneSpace() throws JsonException {
        assertThat(pretty("{}")).isEqualTo("{ }");
        assertThat(pretty("[]")).isEqualTo("[ ]");
        assertThat(pretty("{\"a\": {}, \"b\": []}")).isEqualTo("{\n  \"a\": { },\n  \"b\": [ ]\n}");
    }

    @Test
    void listOfListsIsOneItemPerLine() throws JsonException {
        assertThat(pretty("[[1, 2], []]")).isEqualTo("[\n  [ 1, 2 ],\n  [ ]\n]");
    }

    @Test
    void onlyTheFirstItemDecidesTheListLayout() throws JsonException {
        // Kea looks at the first item's type alone; a map later in a scalar list prints inline.
        assertThat(pretty("[1, {\"a\": 2}]")).isEqualTo("[ 1, {\n    \"a\": 2\n  } ]");
        assertThat(pretty("[{\"a\": 2}, 1]")).isEqualTo("[\n  {\n    \"a\": 2\n  },\n  1\n]");
    }

    @Test
    void scalarsUseTheCompactForm() throws JsonException {
        assertThat(pretty("\"é\\n\"")).isEqualTo("\"\\u00c3\\u00a9\\n\"");
        assertThat(pretty("{\"d\": 1e6, \"n\": null, \"b\": true}"))
                .isEqualTo("{\n  \"b\": true,\n  \"d\": 1e+06.0,\n  \"n\": null\n}");
    }

    @Test
    void noTrailingNewline() throws JsonException {
        assertThat(pretty("{\"a\": 1}")).doesNotEndWith("\n");
    }

    @Test
    void prettyOutputParsesBackToTheSameTree() throws JsonException {
        String json = "{\"a\": [1, [2, 3], {\"b\": \"x\"}], \"c\": {\"d\": [], \"e\": {}}, \"f\": \"ü\"}";
        Element tree = Json.parse(json, ParseOptions.string());
        assertThat(Json.parse(Json.toPretty(tree), ParseOptions.string())).isEqualTo(tree);
    }

    @Test
    void streamingEqualsString() throws Exception {
        Element tree = Json.parse("{\"a\": [{\"b\": 1}]}", ParseOptions.string());
        StringBuilder out = new StringBuilder();
        Json.writePretty(tree, out);
        assertThat(out.toString()).isEqualTo(Json.toPretty(tree));
    }
}
