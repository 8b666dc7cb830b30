package ruru.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer target: whatever the bytes, parsing ends in a tree or a JsonException with a position,
 * and an accepted tree writes and re-parses. Without JAZZER_FUZZ it runs as a regression test over
 * the inputs under src/test/resources/ruru/json/JsonFuzzTestInputs/parse/.
 */
class JsonFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void parse(byte[] input) {
        check(input, ParseOptions.string());
        check(input, ParseOptions.wire());
        // File syntax may read files named in <?include?>; fuzzed names must not reach the disk.
        if (indexOf(input, (byte) '<') < 0) {
            check(input, ParseOptions.file("fuzz.conf", w -> assertThat(w.position().isKnown()).isTrue()));
        }
    }

    private static void check(byte[] input, ParseOptions options) {
        Element tree;
        try {
            tree = Json.parse(input, options);
        } catch (JsonException e) {
            assertThat(e.position().isKnown()).isTrue();
            assertThat(e.getMessage()).startsWith(e.position().toString() + ": ");
            return;
        }
        String compact = Json.toCompact(tree);
        String pretty = Json.toPretty(tree);
        assertThat(Json.hash(tree)).hasSize(64);
        // Kea writes keys unescaped and doubles lossily, so only key-safe, double-free trees must re-parse.
        if (reparseable(tree)) {
            try {
                assertThat(Json.parse(compact, ParseOptions.string())).isEqualTo(tree);
                assertThat(Json.parse(pretty, ParseOptions.string())).isEqualTo(tree);
            } catch (JsonException e) {
                throw new AssertionError("own output rejected: " + compact, e);
            }
        }
    }

    private static boolean reparseable(Element e) {
        return switch (e) {
            case MapElement m -> m.entries().entrySet().stream()
                    .allMatch(en -> en.getKey().chars().allMatch(c -> c >= 0x20 && c != '"' && c != '\\')
                            && reparseable(en.getValue()));
            case ListElement l -> l.items().stream().allMatch(JsonFuzzTest::reparseable);
            case DoubleElement d -> false;
            default -> true;
        };
    }

    private static int indexOf(byte[] data, byte b) {
        for (int i = 0; i < data.length; i++) {
            if (data[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
