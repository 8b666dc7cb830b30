package ruru.security;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer targets over a real dhcp4 daemon (issue 8): {@link #commands} drives every registered
 * command's argument parsing with wrong types and extreme values (and config-test/config-set with
 * mutated configurations); {@link #text} feeds raw bytes to the control channel's command parser.
 * No answer may carry Java exception text, and the daemon must keep answering. Without
 * JAZZER_FUZZ=1 they replay src/test/resources/ruru/security/ControlCommandFuzzTestInputs/; to
 * fuzz: {@code JAZZER_FUZZ=1 mvn -pl server -am test -Dtest=ControlCommandFuzzTest#commands}.
 */
class ControlCommandFuzzTest {

    private static CommandFuzzing fuzzing;

    @BeforeAll
    static void start() throws Exception {
        fuzzing = new CommandFuzzing();
    }

    @AfterAll
    static void stop() {
        if (fuzzing != null) {
            fuzzing.close();
        }
    }

    @FuzzTest(maxDuration = "60s")
    void commands(FuzzedDataProvider data) {
        fuzzing.drive(new CommandFuzzing.Source() {
            @Override
            public int pick(int bound) {
                return bound <= 1 ? 0 : data.consumeInt(0, bound - 1);
            }

            @Override
            public long anyLong() {
                return data.consumeLong();
            }

            @Override
            public String anyString(int maxLength) {
                return data.consumeString(maxLength);
            }

            @Override
            public boolean anyBoolean() {
                return data.consumeBoolean();
            }
        });
    }

    @FuzzTest(maxDuration = "60s")
    void text(byte[] input) {
        fuzzing.driveText(input);
    }
}
