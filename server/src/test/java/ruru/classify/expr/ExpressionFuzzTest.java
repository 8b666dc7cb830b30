package ruru.classify.expr;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer target: whatever the text, compiling ends in an expression or an ExpressionException
 * with Kea's location prefix, and a compiled expression evaluates over a packet or fails with an
 * EvalException, nothing else. Without JAZZER_FUZZ it runs as a regression test over the inputs
 * under src/test/resources/ruru/classify/expr/ExpressionFuzzTestInputs/parse/.
 */
class ExpressionFuzzTest {

    private static final ExpressionEnvironment V4 = ExpressionErrorsTest.env(Universe.V4, Set.of("foo"));
    private static final ExpressionEnvironment V6 = ExpressionErrorsTest.env(Universe.V6, Set.of("foo"));

    @FuzzTest(maxDuration = "30s")
    void parse(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        check(text, true, V4);
        check(text, false, V4);
        check(text, true, V6);
    }

    private static void check(String text, boolean bool, ExpressionEnvironment env) {
        Expression e;
        try {
            e = bool ? Expression.bool(text, env) : Expression.string(text, env);
        } catch (ExpressionException ex) {
            assertThat(ex.getMessage()).startsWith("<string>:").contains(": ");
            assertThat(ex.location().beginLine()).isPositive();
            return;
        }
        if (env.universe() != Universe.V4) {
            return;
        }
        ExpressionEvaluationTest.Query q = new ExpressionEvaluationTest.Query();
        q.options.put(124, new byte[0]);
        try {
            if (bool) {
                e.test(q);
            } else {
                assertThat(e.evaluate(q)).isNotNull();
            }
        } catch (EvalException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }
}
