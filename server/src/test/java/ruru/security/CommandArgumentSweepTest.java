package ruru.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ruru.control.Answer;
import ruru.json.Element;
import ruru.json.Json;
import ruru.json.ParseOptions;

/**
 * What {@link ControlCommandFuzzTest} does, with a seeded generator so that it runs in CI: every
 * registered command of a real dhcp4 daemon (lease_cmds and stat_cmds included) with thousands of
 * argument sets of wrong types and extreme values. Plus issue 8's named cases, answered in Kea's
 * words.
 */
class CommandArgumentSweepTest {

    private static CommandFuzzing fuzzing;

    @BeforeAll
    static void start() throws Exception {
        fuzzing = new CommandFuzzing();
    }

    @AfterAll
    static void stop() {
        CommandFuzzing.SEEN.entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                .forEach(e -> System.out.println("SEEN " + e.getValue() + " " + e.getKey()));
        if (fuzzing != null) {
            fuzzing.close();
        }
    }

    private static Element args(String json) throws Exception {
        return Json.parse(json, ParseOptions.string());
    }

    @Test
    void everyCommandAnswersGeneratedArgumentsWithoutJavaTextAndTheDaemonKeepsAnswering() {
        assertThat(fuzzing.commands()).contains("lease4-add", "stat-lease4-get", "config-set", "dhcp-disable",
                "statistic-sample-count-set", "config-write", "lease4-write");
        CommandFuzzing.Source source = CommandFuzzing.random(8);
        for (int i = 0; i < 6000; i++) {
            fuzzing.drive(source);
        }
    }

    @Test
    void rawTextIsParsedWithoutJavaText() {
        java.util.Random r = new java.util.Random(9);
        for (int i = 0; i < 3000; i++) {
            byte[] b = new byte[r.nextInt(200)];
            r.nextBytes(b);
            if (i % 2 == 0 && b.length > 2) {
                b[0] = '{';
            }
            fuzzing.driveText(b);
        }
    }

    @Test
    void dhcpDisableWithTheLargestMaxPeriodIsAcceptedAsKeaDoes() throws Exception {
        Answer a = fuzzing.run("dhcp-disable", args("{ \"max-period\": 9223372036854775807 }"));
        assertThat(a.text()).isEqualTo("DHCPv4 service disabled for 9223372036854775807 seconds");
        assertThat(fuzzing.run("dhcp-enable", null).text()).isEqualTo("DHCP service successfully enabled");
    }

    @Test
    void aNulInAPathIsRefusedInWords() throws Exception {
        Answer write = fuzzing.run("config-write", args("{ \"filename\": \"a\\u0000b.json\" }"));
        assertThat(write.result().value()).isEqualTo(1);
        assertThat(write.text()).isEqualTo("not allowed to write config into a\\u0000b.json: the file name is not a "
                + "valid path");
        Answer dump = fuzzing.run("lease4-write", args("{ \"filename\": \"a\\u0000b.csv\" }"));
        assertThat(dump.result().value()).isEqualTo(1);
        assertThat(dump.text()).isEqualTo("data file name contains a NUL character");
    }

    @Test
    void statisticSampleCountSetRefusesZeroAsTheAllVariantDoes() throws Exception {
        for (String command : new String[] {"statistic-sample-count-set", "statistic-sample-count-set-all"}) {
            Answer a = fuzzing.run(command, args("{ \"name\": \"pkt4-received\", \"max-samples\": 0 }"));
            assertThat(a.result().value()).isEqualTo(1);
            assertThat(a.text()).isEqualTo("'max-samples' parameter must not be zero");
        }
    }
}
