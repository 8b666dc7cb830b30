package ruru.classify.expr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import ruru.classify.ClassDictionary;
import ruru.classify.ClassSet;
import ruru.classify.Classifier;
import ruru.classify.ClientClass;
import ruru.json.MapElement;
import ruru.testing.KeaMessageFiles;

/**
 * A class test's result as Kea 3 writes it: DHCPSRV_EVAL_RESULT on the daemon's dhcpsrv logger at
 * debug level 50, true or false (Kea 2.2's EVAL_RESULT was INFO when true, on kea-dhcp4.options /
 * kea-dhcp6.dhcp6), an evaluation error as DHCPSRV_EVAL_ERROR, a template class's value as
 * DHCPSRV_TEMPLATE_EVAL_RESULT; texts of Kea 3's message manual.
 */
class ClassifierResultsTest {

    @Test
    void textsAreKea3s() throws Exception {
        Map<String, String> kea3 = KeaMessageFiles.table("/ruru/daemon/logging/kea-3-library-messages.tsv");
        for (String id : List.of(Classifier.EVAL_RESULT, Classifier.EVAL_ERROR, Classifier.TEMPLATE_EVAL_RESULT,
                Classifier.TEMPLATE_EVAL_ERROR)) {
            assertThat(kea3.get(id)).as(id).isEqualTo(Classifier.RESULT_TEXT);
        }
    }

    private static ClientClass<Object> test(String name, String expression) throws Exception {
        return new ClientClass<>(name, Optional.of(Expression.bool(expression, ExpressionEvaluationTest.V4)),
                Optional.empty(), false, false, Optional.empty(), Optional.empty(), null, MapElement.builder().build());
    }

    private static ClientClass<Object> template(String name, String expression) throws Exception {
        return new ClientClass<>(name, Optional.empty(),
                Optional.of(Expression.string(expression, ExpressionEvaluationTest.V4)), false, false,
                Optional.empty(), Optional.empty(), null, MapElement.builder().build());
    }

    /** The lines written on kea-dhcp4.dhcpsrv at {@code level}, with their levels. */
    private static List<String> classify(Level level, ClassSet set) throws Exception {
        Logger srv = (Logger) LoggerFactory.getLogger("kea-dhcp4.dhcpsrv");
        ListAppender<ILoggingEvent> seen = new ListAppender<>();
        seen.start();
        srv.addAppender(seen);
        Level before = srv.getLevel();
        try {
            srv.setLevel(level);
            ClassDictionary<Object> dict = new ClassDictionary<>(List.of(test("yes", "member('ALL')"),
                    test("no", "member('foo')"), template("tpl", "'v'"),
                    test("bad", "int8totext(0x0102) == 'x'")));
            new Classifier(LoggerFactory.getLogger("kea-dhcp4.options"), srv)
                    .early(dict, set, new ExpressionEvaluationTest.Query(), null);
            return seen.list.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
        } finally {
            srv.setLevel(before);
            srv.detachAppender(seen);
        }
    }

    @Test
    void resultsAtDebug50OnDhcpsrvTrueOrFalse() throws Exception {
        String l = new ExpressionEvaluationTest.Query().label() + ": ";
        ClassSet set = new ClassSet();
        assertThat(classify(Level.DEBUG, set)).containsExactly(
                "DEBUG DHCPSRV_EVAL_RESULT " + l + "Expression 'yes' evaluated to true",
                "DEBUG DHCPSRV_EVAL_RESULT " + l + "Expression 'no' evaluated to false",
                "DEBUG DHCPSRV_TEMPLATE_EVAL_RESULT " + l + "Expression 'tpl' evaluated to v",
                "ERROR DHCPSRV_EVAL_ERROR " + l + "Expression 'bad' evaluated to Can not convert to valid int8.");
        assertThat(set).contains("yes", "SPAWN_tpl_v", "tpl").doesNotContain("no", "bad");
        // at INFO (Kea's default) only the error: a match is no longer written at INFO as in Kea 2.2
        assertThat(classify(Level.INFO, new ClassSet())).containsExactly(
                "ERROR DHCPSRV_EVAL_ERROR " + l + "Expression 'bad' evaluated to Can not convert to valid int8.");
    }
}
