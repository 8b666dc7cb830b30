package ruru.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Kea 2.2's traces (as kea-dhcp4 2.2 writes them) turned into Kea 3's lazy ones. */
class Kea3EvalTraceTest {

    private static final String P = "DEBUG [kea-dhcp4.eval] ";

    @Test
    void andOrDropTheirLinesAndWhatKea3Skips() {
        // 'a' == 'b' or (member('ALL') and member('x')): or = label 1, and = label 2
        List<String> kea22 = List.of(
                P + "EVAL_DEBUG_STRING Pushing text string 'a'", P + "EVAL_DEBUG_STRING Pushing text string 'b'",
                P + "EVAL_DEBUG_EQUAL Popping 0x62 and 0x61 pushing result 'false'",
                P + "EVAL_DEBUG_MEMBER Checking membership of 'ALL', pushing result 'true'",
                P + "EVAL_DEBUG_MEMBER Checking membership of 'x', pushing result 'false'",
                P + "EVAL_DEBUG_AND Popping 'false' and 'true' pushing 'false'",
                P + "EVAL_DEBUG_OR Popping 'false' and 'false' pushing 'false'",
                "DEBUG [kea-dhcp4.options] EVAL_RESULT Expression c evaluated to 0",
                // member('ALL') or 'a' == 'b': the right operand skipped
                P + "EVAL_DEBUG_MEMBER Checking membership of 'ALL', pushing result 'true'",
                P + "EVAL_DEBUG_STRING Pushing text string 'a'", P + "EVAL_DEBUG_STRING Pushing text string 'b'",
                P + "EVAL_DEBUG_EQUAL Popping 0x62 and 0x61 pushing result 'false'",
                P + "EVAL_DEBUG_OR Popping 'false' and 'true' pushing 'true'",
                "INFO  [kea-dhcp4.options] EVAL_RESULT Expression d evaluated to 1");
        assertThat(Kea3EvalTrace.lazy(kea22)).containsExactly(
                P + "EVAL_DEBUG_STRING Pushing text string 'a'", P + "EVAL_DEBUG_STRING Pushing text string 'b'",
                P + "EVAL_DEBUG_EQUAL Popping 0x62 and 0x61 pushing result 'false'",
                P + "EVAL_DEBUG_MEMBER Checking membership of 'ALL', pushing result 'true'",
                P + "EVAL_DEBUG_MEMBER Checking membership of 'x', pushing result 'false'",
                "DEBUG [kea-dhcp4.options] EVAL_RESULT Expression c evaluated to 0",
                P + "EVAL_DEBUG_MEMBER Checking membership of 'ALL', pushing result 'true'",
                P + "EVAL_DEBUG_POP_OR_BRANCH_TRUE Value is true: keeping it and branching to 1",
                "INFO  [kea-dhcp4.options] EVAL_RESULT Expression d evaluated to 1");
    }

    @Test
    void ifelseKeepsOneBranch() {
        // ifelse(member('x'), 'y', substring('abc', 0, 1)) == 'a': labels 1 (else) and 2 (end)
        List<String> kea22 = List.of(
                P + "EVAL_DEBUG_MEMBER Checking membership of 'x', pushing result 'false'",
                P + "EVAL_DEBUG_STRING Pushing text string 'y'",
                P + "EVAL_DEBUG_STRING Pushing text string 'abc'", P + "EVAL_DEBUG_STRING Pushing text string '0'",
                P + "EVAL_DEBUG_STRING Pushing text string '1'",
                P + "EVAL_DEBUG_SUBSTRING Popping length 1, start 0, string 0x616263 pushing result 0x61",
                P + "EVAL_DEBUG_IFELSE_FALSE Popping 'false' (false) and 0x79, leaving 0x61",
                P + "EVAL_DEBUG_STRING Pushing text string 'a'",
                P + "EVAL_DEBUG_EQUAL Popping 0x61 and 0x61 pushing result 'true'");
        assertThat(Kea3EvalTrace.lazy(kea22)).containsExactly(
                P + "EVAL_DEBUG_MEMBER Checking membership of 'x', pushing result 'false'",
                P + "EVAL_DEBUG_POP_AND_BRANCH_FALSE Value is false: branching to 1",
                P + "EVAL_DEBUG_STRING Pushing text string 'abc'", P + "EVAL_DEBUG_STRING Pushing text string '0'",
                P + "EVAL_DEBUG_STRING Pushing text string '1'",
                P + "EVAL_DEBUG_SUBSTRING Popping length 1, start 0, string 0x616263 pushing result 0x61",
                P + "EVAL_DEBUG_STRING Pushing text string 'a'",
                P + "EVAL_DEBUG_EQUAL Popping 0x61 and 0x61 pushing result 'true'");
        assertThatThrownBy(() -> Kea3EvalTrace.lazy(List.of(P + "EVAL_DEBUG_NEW Pushing x")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void resultsAsKea3sAtDebug50() {
        List<String> kea22 = List.of("INFO  [kea-dhcp4.options] EVAL_RESULT Expression a evaluated to 1",
                "DEBUG [kea-dhcp6.dhcp6] EVAL_RESULT Expression b evaluated to 0", "INFO [kea-dhcp4.dhcp4] OTHER x");
        assertThat(Kea3EvalTrace.results(kea22, 50)).containsExactly(
                "DEBUG [kea-dhcp4.dhcpsrv] DHCPSRV_EVAL_RESULT Expression 'a' evaluated to true",
                "DEBUG [kea-dhcp6.dhcpsrv] DHCPSRV_EVAL_RESULT Expression 'b' evaluated to false",
                "INFO [kea-dhcp4.dhcp4] OTHER x");
        assertThat(Kea3EvalTrace.results(kea22, 49)).containsExactly("INFO [kea-dhcp4.dhcp4] OTHER x");
    }
}
