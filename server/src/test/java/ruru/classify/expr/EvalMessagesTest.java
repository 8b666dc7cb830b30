package ruru.classify.expr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import ruru.testing.KeaMessageFiles;

/**
 * libkea-eval's messages as ruru writes them: Kea 3's texts (its compiled message table,
 * {@code kea-3-eval-messages.tsv}), which are Kea 2.2's (the golden file extracted from the installed
 * libkea-eval) with the query's label first; one logger per family; traces only when the eval
 * logger is at debug.
 */
class EvalMessagesTest {

    @Test
    void everyMessageHasKea3sTextWhichIsKea22sWithTheLabelFirst() throws Exception {
        Map<String, String> kea3 = KeaMessageFiles.table("/ruru/daemon/logging/kea-3-eval-messages.tsv");
        Map<String, String> kea22 = KeaMessageFiles.table("/ruru/daemon/logging/kea-2.2-library-messages.tsv");
        int in22 = 0;
        for (EvalMessages m : EvalMessages.values()) {
            assertThat(m.text()).as("Kea 3's text of %s", m.name()).isEqualTo(kea3.get(m.name()));
            if (kea22.containsKey(m.name())) {
                assertThat(m.labelled()).as("%s labelled", m.name()).isTrue();
                assertThat(unlabelled(m.text())).as("Kea 2.2's text of %s", m.name()).isEqualTo(kea22.get(m.name()));
                in22++;
            }
        }
        // Kea 2.2 has every message but lcase, ucase and match's
        assertThat(in22).isEqualTo(EvalMessages.values().length - 4);
        assertThat(kea22.keySet().stream().filter(k -> k.startsWith("EVAL_"))).allMatch(k -> kea3.containsKey(k));
        assertThat(EvalTrace.V4.logger().getName()).isEqualTo("kea-dhcp4.eval");
        assertThat(EvalTrace.V6.logger().getName()).isEqualTo("kea-dhcp6.eval");
    }

    /** Kea 2.2's form of a Kea 3 text: without "%1: ", the other arguments one lower. */
    static String unlabelled(String text) {
        StringBuilder out = new StringBuilder();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("%(\\d+)").matcher(text.substring(4));
        while (m.find()) {
            m.appendReplacement(out, "%" + (Integer.parseInt(m.group(1)) - 1));
        }
        return m.appendTail(out).toString();
    }

    @Test
    void tracedAndPlainEvaluationsAgree() throws Exception {
        Logger eval = (Logger) LoggerFactory.getLogger("kea-dhcp4.eval");
        Level before = eval.getLevel();
        ExpressionEvaluationTest.Query q = new ExpressionEvaluationTest.Query();
        q.options.put(12, "PXEClient:Arch:00007".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        try {
            for (Level level : new Level[] {Level.INFO, Level.DEBUG}) {
                eval.setLevel(level);
                assertThat(ExpressionEvaluationTest.test("substring(option[12].hex, 0, 9) == 'PXEClient' and "
                        + "split(option[12].text, ':', 3) == '00007'", q)).as("at %s", level).isTrue();
            }
        } finally {
            eval.setLevel(before);
        }
    }

    /** The lines written while {@code e} is tested on {@code q} with the eval logger at {@code level}, and the result. */
    private static List<String> traced(Expression e, ExpressionEvaluationTest.Query q, Level level, boolean result) {
        Logger eval = (Logger) LoggerFactory.getLogger("kea-dhcp4.eval");
        ListAppender<ILoggingEvent> seen = new ListAppender<>();
        seen.start();
        eval.addAppender(seen);
        Level before = eval.getLevel();
        try {
            eval.setLevel(level);
            assertThat(e.test(q)).as("result at %s", level).isEqualTo(result);
            return seen.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        } finally {
            eval.setLevel(before);
            eval.detachAppender(seen);
        }
    }

    @Test
    void tracedOnlyWhenTheEvalLoggerIsAtDebugAndSameResult() throws Exception {
        Expression e = Expression.bool("concat('a', 'b') == 0x6162 and not member('ALL')", ExpressionEvaluationTest.V4);
        ExpressionEvaluationTest.Query q = new ExpressionEvaluationTest.Query();
        assertThat(traced(e, q, Level.INFO, false)).isEmpty();
        String l = q.label() + ": ";
        assertThat(traced(e, q, Level.DEBUG, false)).containsExactly(
                "EVAL_DEBUG_STRING " + l + "Pushing text string 'a'", "EVAL_DEBUG_STRING " + l + "Pushing text string 'b'",
                "EVAL_DEBUG_CONCAT " + l + "Popping 0x62 and 0x61 pushing 0x6162",
                "EVAL_DEBUG_HEXSTRING " + l + "Pushing hex string 0x6162",
                "EVAL_DEBUG_EQUAL " + l + "Popping 0x6162 and 0x6162 pushing result 'true'",
                "EVAL_DEBUG_MEMBER " + l + "Checking membership of 'ALL', pushing result 'true'",
                "EVAL_DEBUG_NOT " + l + "Popping 'true' pushing 'false'",
                "EVAL_DEBUG_AND " + l + "Popping 'false' and 'true' pushing 'false'");
    }

    /** lcase, ucase and match are Kea 3's (kea-dhcp4 2.2 refuses them): Kea 3's texts, no live comparison. */
    @Test
    void kea3OnlyTokensTracedWithKea3sTexts() throws Exception {
        Expression e = Expression.bool("match('^bar.*$', lcase(ucase(option[12].text)))", ExpressionEvaluationTest.V4);
        ExpressionEvaluationTest.Query q = new ExpressionEvaluationTest.Query();
        String l = q.label() + ": ";
        assertThat(traced(e, q, Level.DEBUG, true)).containsExactly(
                "EVAL_DEBUG_OPTION " + l + "Pushing option 12 with value 'barhost'",
                "EVAL_DEBUG_UCASE " + l + "Popping string 'barhost' and pushing converted value to upper case 'BARHOST'",
                "EVAL_DEBUG_LCASE " + l + "Popping string 'BARHOST' and pushing converted value to lower case 'barhost'",
                "EVAL_DEBUG_MATCH Matching '^bar.*$' on barhost, result true");
    }
}
