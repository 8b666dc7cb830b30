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
        // Kea 2.2 has every message but lcase, ucase and match's and the four branch messages of
        // Kea 3's lazy and / or / ifelse
        assertThat(in22).isEqualTo(EvalMessages.values().length - 8);
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
        // Kea 3: the left operand true is popped without a line, the right one is the result (no
        // EVAL_DEBUG_AND line: Kea 2.2 wrote one, having evaluated both sides)
        assertThat(traced(e, q, Level.DEBUG, false)).containsExactly(
                "EVAL_DEBUG_STRING " + l + "Pushing text string 'a'", "EVAL_DEBUG_STRING " + l + "Pushing text string 'b'",
                "EVAL_DEBUG_CONCAT " + l + "Popping 0x62 and 0x61 pushing 0x6162",
                "EVAL_DEBUG_HEXSTRING " + l + "Pushing hex string 0x6162",
                "EVAL_DEBUG_EQUAL " + l + "Popping 0x6162 and 0x6162 pushing result 'true'",
                "EVAL_DEBUG_MEMBER " + l + "Checking membership of 'ALL', pushing result 'true'",
                "EVAL_DEBUG_NOT " + l + "Popping 'true' pushing 'false'");
    }

    /**
     * Kea 3's lazy and / or: a left operand that decides the result is kept and the right one is
     * neither evaluated nor traced (one branch line instead); the branch targets are numbered from 1
     * per expression in the order of the operators in the text, skipped ones included. sand / sor
     * evaluate both sides and write Kea's AND / OR line.
     */
    @Test
    void lazyAndOrTraceKea3sBranchLines() throws Exception {
        ExpressionEvaluationTest.Query q = new ExpressionEvaluationTest.Query();
        String l = q.label() + ": ";
        // labels: or = 1, the and inside its right operand = 2, the last or = 3
        Expression e = Expression.bool("member('ALL') or (member('foo') and 'a' == 'b') or member('KNOWN')",
                ExpressionEvaluationTest.V4);
        assertThat(traced(e, q, Level.DEBUG, true)).containsExactly(
                "EVAL_DEBUG_MEMBER " + l + "Checking membership of 'ALL', pushing result 'true'",
                "EVAL_DEBUG_POP_OR_BRANCH_TRUE Value is true: keeping it and branching to 1",
                "EVAL_DEBUG_POP_OR_BRANCH_TRUE Value is true: keeping it and branching to 3");
        e = Expression.bool("not member('ALL') or (member('foo') and 'a' == 'b') or member('KNOWN')",
                ExpressionEvaluationTest.V4);
        assertThat(traced(e, q, Level.DEBUG, false)).containsExactly(
                "EVAL_DEBUG_MEMBER " + l + "Checking membership of 'ALL', pushing result 'true'",
                "EVAL_DEBUG_NOT " + l + "Popping 'true' pushing 'false'",
                "EVAL_DEBUG_MEMBER " + l + "Checking membership of 'foo', pushing result 'false'",
                "EVAL_DEBUG_POP_OR_BRANCH_FALSE Value is false: keeping it and branching to 2",
                "EVAL_DEBUG_MEMBER " + l + "Checking membership of 'KNOWN', pushing result 'false'");
        // strict forms: both sides, Kea's AND / OR lines (the right operand popped first)
        e = Expression.bool("member('foo') sand member('ALL') sor 'a' == 'a'", ExpressionEvaluationTest.V4);
        assertThat(traced(e, q, Level.DEBUG, true)).containsExactly(
                "EVAL_DEBUG_MEMBER " + l + "Checking membership of 'foo', pushing result 'false'",
                "EVAL_DEBUG_MEMBER " + l + "Checking membership of 'ALL', pushing result 'true'",
                "EVAL_DEBUG_AND " + l + "Popping 'true' and 'false' pushing 'false'",
                "EVAL_DEBUG_STRING " + l + "Pushing text string 'a'", "EVAL_DEBUG_STRING " + l + "Pushing text string 'a'",
                "EVAL_DEBUG_EQUAL " + l + "Popping 0x61 and 0x61 pushing result 'true'",
                "EVAL_DEBUG_OR " + l + "Popping 'true' and 'false' pushing 'true'");
    }

    /**
     * Kea 3's lazy ifelse: the condition, then only the chosen branch; a true condition's branch is
     * followed by the jump past the else branch (its second label), a false one is preceded by the
     * jump to the else branch (its first label). sifelse evaluates both and writes IFELSE_TRUE/_FALSE.
     */
    @Test
    void lazyIfElseTracesOneBranch() throws Exception {
        ExpressionEvaluationTest.Query q = new ExpressionEvaluationTest.Query();
        String l = q.label() + ": ";
        // the and takes label 1, the ifelse 2 (else) and 3 (end), the inner ifelse 4 and 5
        Expression e = Expression.bool("member('ALL') and ifelse(member('ALL'), 'y', ifelse(member('foo'), 'a', 'b')) == 'y'",
                ExpressionEvaluationTest.V4);
        assertThat(traced(e, q, Level.DEBUG, true)).containsExactly(
                "EVAL_DEBUG_MEMBER " + l + "Checking membership of 'ALL', pushing result 'true'",
                "EVAL_DEBUG_MEMBER " + l + "Checking membership of 'ALL', pushing result 'true'",
                "EVAL_DEBUG_STRING " + l + "Pushing text string 'y'",
                "EVAL_DEBUG_BRANCH Branching to 3",
                "EVAL_DEBUG_STRING " + l + "Pushing text string 'y'",
                "EVAL_DEBUG_EQUAL " + l + "Popping 0x79 and 0x79 pushing result 'true'");
        e = Expression.bool("ifelse(member('foo'), 'y', ifelse(member('ALL'), 'a', 'b')) == 'a'",
                ExpressionEvaluationTest.V4);
        assertThat(traced(e, q, Level.DEBUG, true)).containsExactly(
                "EVAL_DEBUG_MEMBER " + l + "Checking membership of 'foo', pushing result 'false'",
                "EVAL_DEBUG_POP_AND_BRANCH_FALSE Value is false: branching to 1",
                "EVAL_DEBUG_MEMBER " + l + "Checking membership of 'ALL', pushing result 'true'",
                "EVAL_DEBUG_STRING " + l + "Pushing text string 'a'",
                "EVAL_DEBUG_BRANCH Branching to 4",
                "EVAL_DEBUG_STRING " + l + "Pushing text string 'a'",
                "EVAL_DEBUG_EQUAL " + l + "Popping 0x61 and 0x61 pushing result 'true'");
        e = Expression.bool("sifelse(member('foo'), 'y', 'n') == 'n'", ExpressionEvaluationTest.V4);
        assertThat(traced(e, q, Level.DEBUG, true)).containsExactly(
                "EVAL_DEBUG_MEMBER " + l + "Checking membership of 'foo', pushing result 'false'",
                "EVAL_DEBUG_STRING " + l + "Pushing text string 'y'",
                "EVAL_DEBUG_STRING " + l + "Pushing text string 'n'",
                "EVAL_DEBUG_IFELSE_FALSE " + l + "Popping 'false' (false) and 0x79, leaving 0x6E",
                "EVAL_DEBUG_STRING " + l + "Pushing text string 'n'",
                "EVAL_DEBUG_EQUAL " + l + "Popping 0x6E and 0x6E pushing result 'true'");
    }

    /** A skipped operand is not evaluated: an error it would raise does not happen (Kea 3). */
    @Test
    void skippedOperandsAreNotEvaluated() throws Exception {
        ExpressionEvaluationTest.Query q = new ExpressionEvaluationTest.Query();
        Expression e = Expression.bool("member('ALL') or substring('abc', 0, 1) == substring('abc', 0, 1)",
                ExpressionEvaluationTest.V4);
        assertThat(traced(e, q, Level.DEBUG, true)).hasSize(2);
        assertThat(traced(e, q, Level.INFO, true)).isEmpty();
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
