package ruru.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Bad input must end in a JsonException with a position, never in another throwable. */
class HostileInputTest {

    /** Parses and reports the outcome; any throwable other than JsonException fails the test. */
    private static Element tryParse(byte[] bytes, ParseOptions options) {
        try {
            return Json.parse(bytes, options);
        } catch (JsonException e) {
            assertThat(e.position().isKnown()).as("error has a position: %s", e.getMessage()).isTrue();
            return null;
        }
    }

    @Test
    void everyTruncationOfARealConfigFailsCleanly() throws Exception {
        // ruru's own commented example (the test runs in json/): needs nothing outside the repository.
        Path file = Path.of("..", "examples", "dhcp4-relay.json");
        byte[] full = Files.readAllBytes(file);
        int lastBrace = lastIndexOf(full, (byte) '}');
        ParseOptions options = ParseOptions.file("dhcp4-relay.json", w -> { });
        for (int len = 0; len < full.length; len++) {
            Element e = tryParse(Arrays.copyOf(full, len), options);
            if (len <= lastBrace) {
                assertThat(e).as("prefix of %d bytes", len).isNull();
            }
        }
        assertThat(tryParse(full, options)).isInstanceOf(MapElement.class);
    }

    private static int lastIndexOf(byte[] data, byte b) {
        for (int i = data.length - 1; i >= 0; i--) {
            if (data[i] == b) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void deepNestingOfMapsAndMixedContainers() {
        String maps = "{\"a\":".repeat(1_000_000);
        assertThat(tryParse(maps.getBytes(StandardCharsets.US_ASCII), ParseOptions.string())).isNull();
        String mixed = "[{\"k\":".repeat(500_000);
        assertThat(tryParse(mixed.getBytes(StandardCharsets.US_ASCII), ParseOptions.wire())).isNull();
    }

    @Test
    void tenMegabyteStrings() throws JsonException {
        int n = 10 * 1024 * 1024;
        byte[] ascii = new byte[n + 2];
        Arrays.fill(ascii, (byte) 'x');
        ascii[0] = '"';
        ascii[n + 1] = '"';
        Element e = Json.parse(ascii, ParseOptions.string());
        assertThat(((StringElement) e).value()).hasSize(n);

        String accents = "[\"" + "é".repeat(n / 2) + "\\n\"]";
        ListElement l = (ListElement) Json.parse(accents, ParseOptions.string());
        assertThat(((StringElement) l.get(0)).value()).hasSize(n / 2 + 1).endsWith("é\n");

        byte[] unterminated = Arrays.copyOf(ascii, n + 1);
        assertThat(tryParse(unterminated, ParseOptions.string())).isNull();
    }

    @Test
    void seededRandomBytes() {
        SplittableRandom random = new SplittableRandom(20240601);
        byte[] alphabet = "{}[],:\"\\/*#<?>-+.eE0123456789 \n\ttrueflsnuix\u0000".getBytes(StandardCharsets.ISO_8859_1);
        int accepted = 0;
        for (int round = 0; round < 20_000; round++) {
            byte[] bytes = new byte[random.nextInt(0, 64)];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = random.nextInt(4) == 0 ? (byte) random.nextInt(256) : alphabet[random.nextInt(alphabet.length)];
            }
            ParseOptions options = round % 2 == 0 ? ParseOptions.string() : ParseOptions.wire();
            if (tryParse(bytes, options) != null) {
                accepted++;
            }
        }
        // Mostly garbage, but short random texts such as "1" or "[]" do parse.
        assertThat(accepted).isBetween(1, 10_000);
    }

    @Test
    void nulBytesEverywhere() {
        String[] texts = {"\u0000", "{\u0000}", "[1,\u0000]", "\"a\u0000b\"", "{\"a\u0000\":1}", "1\u0000", "# c\u0000\n1"};
        for (String text : texts) {
            byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
            Element e = tryParse(bytes, ParseOptions.string());
            // A NUL inside a comment is comment text; inside a command text's string a character, as
            // Kea's Element::fromJSON keeps raw control characters; everywhere else it is an error.
            Element expected = text.startsWith("#") ? Element.of(1)
                    : text.equals("\"a\u0000b\"") ? Element.of("a\u0000b")
                    : text.equals("{\"a\u0000\":1}") ? MapElement.builder().put("a\u0000", 1).build() : null;
            assertThat(e).as(text.replace("\u0000", "\\0")).isEqualTo(expected);
        }
    }

    @Test
    void invalidUtf8OutsideAndInsideStrings() {
        byte[][] inputs = {
            {(byte) 0xef, (byte) 0xbb, (byte) 0xbf, '{', '}'},
            {'[', (byte) 0x80, ']'},
            {'"', (byte) 0xc3, '"'},
            {'"', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"'},
            {'"', (byte) 0xf8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80, '"'},
        };
        for (byte[] input : inputs) {
            assertThat(tryParse(input, ParseOptions.string())).isNull();
        }
    }

    @Test
    void twoMegabyteConfigParsesWellUnderASecond() throws JsonException {
        StringBuilder b = new StringBuilder("{ \"Dhcp4\": {\n  // many subnets\n  \"subnet4\": [\n");
        int i = 0;
        while (b.length() < 2 * 1024 * 1024) {
            if (i > 0) {
                b.append(",\n");
            }
            b.append("    { \"id\": ").append(i + 1).append(", \"subnet\": \"10.").append(i >> 8 & 255).append('.')
                    .append(i & 255).append(".0/24\", # subnet ").append(i).append('\n')
                    .append("      \"pools\": [ { \"pool\": \"10.0.0.1 - 10.0.0.200\" } ],\n")
                    .append("      \"option-data\": [ { \"name\": \"routers\", \"data\": \"10.0.0.1\" } ],\n")
                    .append("      \"valid-lifetime\": 4000, \"t1-percent\": .5, \"user-context\": { \"floor\": \"é\" } }");
            i++;
        }
        b.append("\n  ]\n} }");
        byte[] bytes = b.toString().getBytes(StandardCharsets.UTF_8);
        ParseOptions options = ParseOptions.file("big.conf", w -> { });
        long best = Long.MAX_VALUE;
        Element tree = null;
        for (int round = 0; round < 3; round++) {
            long t0 = System.nanoTime();
            tree = Json.parse(bytes, options);
            best = Math.min(best, System.nanoTime() - t0);
        }
        assertThat(((ListElement) ((MapElement) ((MapElement) tree).get("Dhcp4")).get("subnet4")).size()).isEqualTo(i);
        assertThat(best / 1_000_000).as("best parse time in ms").isLessThan(1000);
        long t0 = System.nanoTime();
        String compact = Json.toCompact(tree);
        assertThat((System.nanoTime() - t0) / 1_000_000).as("compact write ms").isLessThan(2000);
        assertThat(compact).startsWith("{ \"Dhcp4\": { \"subnet4\": [ { \"id\": 1, ");
    }
}
