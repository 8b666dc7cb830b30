package ruru.control.unix;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonFeedTest {

    private static JsonFeed fed(String text) {
        JsonFeed feed = new JsonFeed();
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        feed.feed(bytes, 0, bytes.length);
        return feed;
    }

    @Test
    void completesAtTheEndOfTheFirstValueAndIgnoresTheRest() {
        JsonFeed feed = fed("{\"command\":\"version-get\"}{\"command\":\"status-get\"}");
        assertThat(feed.status()).isEqualTo(JsonFeed.Status.COMPLETE);
        assertThat(feed.text()).isEqualTo("{\"command\":\"version-get\"}");
    }

    @Test
    void byteByByteGivesTheSameResult() {
        String text = "  # lead\n{\"a\": [1, {\"b\": \"}]\\\"{\"}], /* c\n */ \"d\": 2 // e\n}trailing";
        JsonFeed whole = fed(text);
        JsonFeed bytewise = new JsonFeed();
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            JsonFeed.Status status = bytewise.feed(bytes, i, 1);
            assertThat(status == JsonFeed.Status.COMPLETE).isEqualTo(i >= text.indexOf("}trailing"));
        }
        assertThat(bytewise.text()).isEqualTo(whole.text());
        assertThat(whole.status()).isEqualTo(JsonFeed.Status.COMPLETE);
    }

    @Test
    void bracketsInsideStringsAndEscapedQuotesDoNotCount() {
        JsonFeed feed = fed("{\"x\": \"}}]]\\\"}\"");
        assertThat(feed.status()).isEqualTo(JsonFeed.Status.NEED_MORE);
        feed.feed(new byte[] {'}'}, 0, 1);
        assertThat(feed.status()).isEqualTo(JsonFeed.Status.COMPLETE);
    }

    @Test
    void keepsWhatKeaKeepsFromComments() {
        // Leading whitespace and comments are dropped; inside, a '#' comment keeps its newline,
        // a '//' comment does not, a block comment keeps only its newlines.
        JsonFeed feed = fed("\n # x\n // y\n /* z */ {\"a\": 1, # h\n \"b\": 2, // s\n \"c\": /* 1\n2 */ 3}");
        assertThat(feed.status()).isEqualTo(JsonFeed.Status.COMPLETE);
        assertThat(feed.text()).isEqualTo("{\"a\": 1, \n \"b\": 2,  \"c\": \n 3}");
        assertThat(feed.keptBytes()).isEqualTo(feed.text().length());
    }

    @Test
    void aBlockCommentEndsAfterARunOfStars() {
        assertThat(fed("/** x **/{ /* y **/ }").status()).isEqualTo(JsonFeed.Status.COMPLETE);
        assertThat(fed("/** x **/{ /* y **/ }").text()).isEqualTo("{  }");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "this is not json|invalid first character t",
        "'\"version-get\"'|'invalid first character \"'",
        "xx{}|invalid first character x",
        "' this'|invalid character t",
        "'# c\nx'|invalid character x",
        "/x|invalid characters /x",
        "'{ /x }'|invalid characters /x",
        "1|invalid first character 1",
    })
    void failsLikeKea(String input, String error) {
        JsonFeed feed = fed(input.replace("\\n", "\n"));
        assertThat(feed.status()).isEqualTo(JsonFeed.Status.FAILED);
        assertThat(feed.error()).isEqualTo(error);
    }

    @Test
    void aListIsAcceptedAsTopLevelValue() {
        // Kea's feed starts on '[' too; the command layer then rejects the list with its own text.
        assertThat(fed("[{\"command\":\"x\"}]").status()).isEqualTo(JsonFeed.Status.COMPLETE);
    }

    @Test
    void countsDeepNestingWithoutLimit() {
        JsonFeed feed = fed("{".repeat(100_000));
        assertThat(feed.status()).isEqualTo(JsonFeed.Status.NEED_MORE);
        feed = fed("{".repeat(100_000) + "}".repeat(100_000));
        assertThat(feed.status()).isEqualTo(JsonFeed.Status.COMPLETE);
        assertThat(feed.keptBytes()).isEqualTo(200_000);
    }

    @Test
    void keepsArbitraryBytesInsideTheValue() {
        JsonFeed feed = new JsonFeed();
        byte[] bytes = {'{', 0, (byte) 0xff, (byte) 0x80, 1, '}'};
        assertThat(feed.feed(bytes, 0, bytes.length)).isEqualTo(JsonFeed.Status.COMPLETE);
        assertThat(feed.keptBytes()).isEqualTo(6);
    }

    @Test
    void nothingKeptBeforeTheValueStarts() {
        JsonFeed feed = fed("  /* only a comment */ \n # and another");
        assertThat(feed.status()).isEqualTo(JsonFeed.Status.NEED_MORE);
        assertThat(feed.keptBytes()).isZero();
    }
}
