package ruru.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonReadFeature;

/**
 * Jackson 3 as an oracle: over seeded random documents (with comments) and one-character edits of
 * them, both parsers must accept and reject the same texts and build equal value trees.
 */
class JacksonDifferentialTest {

    private static final JsonFactory JACKSON = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS, JsonReadFeature.ALLOW_YAML_COMMENTS,
                    // Kea's flex number rules read 007, .5 and 5. as numbers.
                    JsonReadFeature.ALLOW_LEADING_ZEROS_FOR_NUMBERS,
                    JsonReadFeature.ALLOW_LEADING_DECIMAL_POINT_FOR_NUMBERS,
                    JsonReadFeature.ALLOW_TRAILING_DECIMAL_POINT_FOR_NUMBERS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private static final String EDIT_CHARS = "{}[],:\" ";

    /** The Jackson tree, or null when Jackson refuses the text. */
    static Element jackson(byte[] bytes) {
        try (JsonParser p = JACKSON.createParser(ObjectReadContext.empty(), bytes)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                return null;
            }
            Element root = read(p, first);
            return p.nextToken() == null ? root : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    private static Element read(JsonParser p, JsonToken t) {
        return switch (t) {
            case START_OBJECT -> {
                Map<String, Element> m = new LinkedHashMap<>();
                for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
                    String name = p.currentName();
                    m.put(name, read(p, p.nextToken()));
                }
                yield new MapElement(m, Position.NONE);
            }
            case START_ARRAY -> {
                List<Element> l = new ArrayList<>();
                for (JsonToken v = p.nextToken(); v != JsonToken.END_ARRAY; v = p.nextToken()) {
                    l.add(read(p, v));
                }
                yield Element.list(l);
            }
            case VALUE_STRING -> Element.of(p.getString());
            case VALUE_NUMBER_INT -> Element.of(p.getLongValue());
            case VALUE_NUMBER_FLOAT -> Element.of(p.getDoubleValue());
            case VALUE_TRUE -> Element.of(true);
            case VALUE_FALSE -> Element.of(false);
            case VALUE_NULL -> new NullElement(Position.NONE);
            default -> throw new IllegalStateException("unexpected token " + t);
        };
    }

    private static Element ours(byte[] bytes) {
        try {
            return Json.parse(bytes, ParseOptions.string());
        } catch (JsonException e) {
            return null;
        }
    }

    @Test
    void bothAcceptGeneratedDocumentsWithEqualTrees() {
        for (long seed = 0; seed < 3000; seed++) {
            String doc = new RandomJson(seed, seed % 2 == 0).document();
            byte[] bytes = doc.getBytes(StandardCharsets.UTF_8);
            Element expected = jackson(bytes);
            assertThat(expected).as("Jackson accepts seed %d: %s", seed, doc).isNotNull();
            assertThat(ours(bytes)).as("seed %d: %s", seed, doc).isEqualTo(expected);
        }
    }

    @Test
    void bothAgreeOnOneCharacterEdits() {
        SplittableRandom random = new SplittableRandom(42);
        int rejected = 0;
        for (long seed = 0; seed < 3000; seed++) {
            String doc = new RandomJson(seed, true).document();
            if (doc.isEmpty()) {
                continue;
            }
            int at = random.nextInt(doc.length());
            String edited = random.nextBoolean()
                    ? doc.substring(0, at) + doc.substring(at + 1)
                    : doc.substring(0, at) + EDIT_CHARS.charAt(random.nextInt(EDIT_CHARS.length())) + doc.substring(at);
            byte[] bytes = edited.getBytes(StandardCharsets.UTF_8);
            Element expected = jackson(bytes);
            assertThat(ours(bytes)).as("seed %d: %s", seed, edited).isEqualTo(expected);
            if (expected == null) {
                rejected++;
            }
        }
        // The edits must exercise rejection, not only acceptance.
        assertThat(rejected).isGreaterThan(600);
    }

    @Test
    void knownDifferencesAreKeasChoices() {
        // Kea reads \\u escapes as single bytes; Jackson as UTF-16 units.
        byte[] bytes = "\"\\u00c3\\u00a9\"".getBytes(StandardCharsets.UTF_8);
        assertThat(ours(bytes)).isEqualTo(Element.of("é"));
        assertThat(jackson(bytes)).isEqualTo(Element.of("Ã©"));
    }
}
