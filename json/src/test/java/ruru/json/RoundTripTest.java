package ruru.json;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Compact and pretty output parse back to the same tree (for values whose double form is exact). */
class RoundTripTest {

    @Test
    void generatedDocumentsSurviveCompactAndPretty() throws JsonException {
        for (long seed = 0; seed < 2000; seed++) {
            String doc = new RandomJson(seed, true).document();
            Element tree = Json.parse(doc, ParseOptions.string());
            if (!doublesPrintExactly(tree)) {
                continue;
            }
            assertThat(Json.parse(Json.toCompact(tree), ParseOptions.string())).as("seed %d", seed).isEqualTo(tree);
            assertThat(Json.parse(Json.toPretty(tree), ParseOptions.string())).as("seed %d", seed).isEqualTo(tree);
            // Writing is deterministic and independent of input order.
            assertThat(Json.toCompact(Json.parse(Json.toCompact(tree), ParseOptions.string())))
                    .isEqualTo(Json.toCompact(tree));
        }
    }

    @Test
    void compactOutputIsPureAscii() throws JsonException {
        for (long seed = 0; seed < 500; seed++) {
            Element tree = Json.parse(new RandomJson(seed, false).document(), ParseOptions.string());
            String compact = Json.toCompact(tree);
            // Keys are the exception (Kea writes them raw); the generator's keys include "数据" and "é-key".
            String withoutKeys = compact.replaceAll("\"[^\"\\\\]*\": ", "");
            assertThat(withoutKeys).as("seed %d", seed).matches("[\\x20-\\x7e]*");
        }
    }

    @Test
    void kea6DigitDoublesAreLossyAsInKea() throws JsonException {
        Element e = Json.parse("[3.14159265358979]", ParseOptions.string());
        assertThat(Json.toCompact(e)).isEqualTo("[ 3.14159 ]");
    }

    private static boolean doublesPrintExactly(Element e) {
        return switch (e) {
            case MapElement m -> m.entries().values().stream().allMatch(RoundTripTest::doublesPrintExactly);
            case ListElement l -> l.items().stream().allMatch(RoundTripTest::doublesPrintExactly);
            case DoubleElement d -> {
                String s = CppDouble.keaJson(d.value());
                yield !s.contains("e") && Double.parseDouble(s) == d.value();
            }
            default -> true;
        };
    }
}
