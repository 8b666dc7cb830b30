package ruru.classify.expr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import ruru.testing.KeaMessageFiles;

/**
 * libkea-eval's messages as ruru writes them: Kea 2.2's texts (the golden file extracted from the
 * installed libkea-eval), one logger per family, and traces only when the eval logger is at debug.
 */
class EvalMessagesTest {

    @Test
    void everyMessageHasKea22sIdAndText() throws Exception {
        Map<String, String> kea = KeaMessageFiles.table("/ruru/daemon/logging/kea-2.2-library-messages.tsv");
        for (EvalMessages m : EvalMessages.values()) {
            assertThat(kea).as("Kea 2.2 has %s", m.name()).containsKey(m.name());
            assertThat(m.text()).as("text of %s", m.name()).isEqualTo(kea.get(m.name()));
        }
        assertThat(EvalTrace.V4.logger().getName()).isEqualTo("kea-dhcp4.eval");
        assertThat(EvalTrace.V6.logger().getName()).isEqualTo("kea-dhcp6.eval");
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

    @Test
    void tracedOnlyWhenTheEvalLoggerIsAtDebugAndSameResult() throws Exception {
        Logger eval = (Logger) LoggerFactory.getLogger("kea-dhcp4.eval");
        ListAppender<ILoggingEvent> seen = new ListAppender<>();
        seen.start();
        eval.addAppender(seen);
        Level before = eval.getLevel();
        try {
            Expression e = Expression.bool("concat('a', 'b') == 0x6162 and not member('ALL')", ExpressionEvaluationTest.V4);
            ExpressionEvaluationTest.Query q = new ExpressionEvaluationTest.Query();
            eval.setLevel(Level.INFO);
            assertThat(e.test(q)).isFalse();
            assertThat(seen.list).isEmpty();
            eval.setLevel(Level.DEBUG);
            assertThat(e.test(q)).isFalse();
            assertThat(seen.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                    "EVAL_DEBUG_STRING Pushing text string 'a'", "EVAL_DEBUG_STRING Pushing text string 'b'",
                    "EVAL_DEBUG_CONCAT Popping 0x62 and 0x61 pushing 0x6162", "EVAL_DEBUG_HEXSTRING Pushing hex string 0x6162",
                    "EVAL_DEBUG_EQUAL Popping 0x6162 and 0x6162 pushing result 'true'",
                    "EVAL_DEBUG_MEMBER Checking membership of 'ALL', pushing result 'true'",
                    "EVAL_DEBUG_NOT Popping 'true' pushing 'false'", "EVAL_DEBUG_AND Popping 'false' and 'true' pushing 'false'");
        } finally {
            eval.setLevel(before);
            eval.detachAppender(seen);
        }
    }
}
