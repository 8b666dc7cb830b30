package ruru.daemon.logging;

import ruru.daemon.config.ConfigException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ruru.json.Json;
import ruru.json.ParseOptions;

class LoggingApplierTest {

    private static final String ROOT = "kea-dhcp4";
    private static final KeaLoggers LOGGERS = KeaLoggers.forDaemon(ROOT);

    @TempDir
    Path dir;

    @BeforeEach
    void fresh() {
        LoggingApplier.forget();
    }

    @AfterAll
    static void backToDefaults() throws Exception {
        LoggingApplier.forget();
        LoggingApplier.apply(ROOT, List.of(), false);
    }

    private void apply(String loggersJson, boolean debug) throws Exception {
        var loggers = Json.parse(loggersJson.replace("$DIR", dir.toString()), ParseOptions.string());
        LoggingApplier.apply(ROOT, LoggingConfigParser.parse(loggers, new ruru.daemon.config.PathPolicy(dir.resolve("etc"),
                java.util.Map.of("KEA_LOG_FILE_DIR", dir.toString()), false)), debug);
    }

    private List<String> lines(String name) throws Exception {
        Path p = dir.resolve(name);
        return Files.exists(p) ? Files.readAllLines(p) : List.of();
    }

    @Test
    void writesTheTranslatedPatternToTheFile() throws Exception {
        apply("""
                [ { "name": "kea-dhcp4", "severity": "INFO",
                    "output-options": [ { "output": "kea.log" } ] } ]""", false);
        KeaLog.info(LOGGERS.logger(KeaLoggers.Component.COMMANDS), "COMMAND_RECEIVED", "Received command '{}'", "list-commands");

        assertThat(lines("kea.log")).singleElement().asString().matches(
                "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  \\[kea-dhcp4\\.commands/"
                        + ProcessHandle.current().pid() + "\\.\\d+\\] COMMAND_RECEIVED Received command 'list-commands'");
    }

    @Test
    void filtersBySeverityIncludingFatalAndNone() throws Exception {
        apply("""
                [ { "name": "kea-dhcp4", "severity": "WARN", "output-options": [ { "output": "a.log", "pattern": "%p %m\\n" } ] },
                  { "name": "kea-dhcp4.hosts", "severity": "FATAL" },
                  { "name": "kea-dhcp4.eval", "severity": "NONE" } ]""", false);
        Logger leases = LOGGERS.logger(KeaLoggers.Component.LEASES);
        KeaLog.info(leases, "L_INFO", "no");
        KeaLog.warn(leases, "L_WARN", "yes");
        KeaLog.error(leases, "L_ERROR", "yes");
        KeaLog.debug(leases, 0, "L_DEBUG", "no");
        Logger hosts = LOGGERS.logger(KeaLoggers.Component.HOSTS);
        KeaLog.error(hosts, "H_ERROR", "no");
        KeaLog.fatal(hosts, "H_FATAL", "yes");
        KeaLog.fatal(LOGGERS.logger(KeaLoggers.Component.EVAL), "E_FATAL", "no");

        assertThat(lines("a.log")).containsExactly("WARN L_WARN yes", "ERROR L_ERROR yes", "FATAL H_FATAL yes");
    }

    @Test
    void filtersDebugMessagesByDebuglevel() throws Exception {
        apply("""
                [ { "name": "kea-dhcp4", "severity": "DEBUG", "debuglevel": 40,
                    "output-options": [ { "output": "d.log", "pattern": "%m\\n" } ] } ]""", false);
        Logger packets = LOGGERS.logger(KeaLoggers.Component.PACKETS);
        KeaLog.debug(packets, 0, "D0", "x");
        KeaLog.debug(packets, KeaLog.DBG_TRACE, "D40", "x");
        KeaLog.debug(packets, KeaLog.DBG_TRACE + 1, "D41", "x");
        KeaLog.debug(packets, KeaLog.DBG_DETAIL_DATA, "D55", "x");
        packets.debug("PLAIN_DEBUG x");
        packets.trace("PLAIN_TRACE x");

        assertThat(lines("d.log")).containsExactly("D0 x", "D40 x", "PLAIN_DEBUG x");
        assertThat(KeaLog.isDebugEnabled(packets, 40)).isTrue();
        assertThat(KeaLog.isDebugEnabled(packets, 41)).isFalse();
    }

    @Test
    void childLoggersInheritAndAreNotAdditive() throws Exception {
        apply("""
                [ { "name": "kea-dhcp4", "severity": "DEBUG", "debuglevel": 50,
                    "output-options": [ { "output": "root.log", "pattern": "%c %m\\n" } ] },
                  { "name": "packets", "severity": "WARN", "output_options": [ { "output": "packets.log", "pattern": "%c %m\\n" } ] },
                  { "name": "kea-dhcp4.leases" },
                  { "name": "kea-dhcp4.ddns", "severity": "DEBUG" } ]""", false);
        KeaLog.info(LOGGERS.logger(KeaLoggers.Component.PACKETS), "P_INFO", "dropped");
        KeaLog.warn(LOGGERS.logger(KeaLoggers.Component.PACKETS), "P_WARN", "kept");
        KeaLog.warn(LOGGERS.logger("packets.sub"), "PS_WARN", "kept");
        KeaLog.debug(LOGGERS.logger(KeaLoggers.Component.LEASES), 50, "L_DEBUG50", "inherited");
        // An explicit DEBUG without debuglevel does not inherit 50: it is 0 (ARM).
        KeaLog.debug(LOGGERS.logger(KeaLoggers.Component.DDNS), 10, "DDNS_DEBUG10", "dropped");
        KeaLog.debug(LOGGERS.logger(KeaLoggers.Component.DDNS), 0, "DDNS_DEBUG0", "kept");

        assertThat(lines("packets.log")).containsExactly("kea-dhcp4.packets P_WARN kept", "kea-dhcp4.packets.sub PS_WARN kept");
        assertThat(lines("root.log")).containsExactly("kea-dhcp4.leases L_DEBUG50 inherited", "kea-dhcp4.ddns DDNS_DEBUG0 kept");
    }

    @Test
    void librariesLogWarningsToTheRootOutputs() throws Exception {
        apply("""
                [ { "name": "kea-dhcp4", "severity": "DEBUG", "debuglevel": 99,
                    "output-options": [ { "output": "root.log", "pattern": "%c %m\\n" } ] } ]""", false);
        Logger dns = LoggerFactory.getLogger("org.xbill.DNS.SimpleResolver");
        dns.info("chatter");
        dns.warn("timeout");
        LoggerFactory.getLogger("kea-dhcp4x").warn("not ours");
        assertThat(lines("root.log")).containsExactly("org.xbill.DNS.SimpleResolver timeout", "kea-dhcp4x not ours");
    }

    @Test
    void debugFlagForcesDebug99() throws Exception {
        String config = """
                [ { "name": "kea-dhcp4", "severity": "ERROR",
                    "output-options": [ { "output": "v.log", "pattern": "%p %m\\n" } ] },
                  { "name": "kea-dhcp4.hosts", "severity": "NONE" } ]""";
        apply(config, true);
        KeaLog.debug(LOGGERS.logger(KeaLoggers.Component.DHCP4), 99, "DBG99", "x");
        KeaLog.info(LOGGERS.logger(KeaLoggers.Component.HOSTS), "HOSTS_INFO", "x");
        apply(config, false);
        KeaLog.debug(LOGGERS.logger(KeaLoggers.Component.DHCP4), 0, "DBG0", "x");
        KeaLog.info(LOGGERS.logger(KeaLoggers.Component.HOSTS), "HOSTS_INFO2", "x");
        KeaLog.error(LOGGERS.logger(KeaLoggers.Component.DHCP4), "ERR", "x");

        assertThat(lines("v.log")).containsExactly("DEBUG DBG99 x", "INFO HOSTS_INFO x", "ERROR ERR x");
    }

    @Test
    void reconfiguresTwiceInARow() throws Exception {
        String first = """
                [ { "name": "kea-dhcp4", "output-options": [ { "output": "one.log", "pattern": "%m\\n" } ] } ]""";
        String second = """
                [ { "name": "kea-dhcp4", "output-options": [ { "output": "two.log", "pattern": "%m\\n", "flush": false } ] } ]""";
        Logger log = LOGGERS.rootLogger();
        apply(first, false);
        KeaLog.info(log, "M1", "x");
        apply(second, false);
        KeaLog.info(log, "M2", "x");
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        Appender<?> before = ctx.getLogger(ROOT).iteratorForAppenders().next();
        apply(second, false);
        // Unchanged configuration: nothing is rebuilt.
        assertThat(ctx.getLogger(ROOT).iteratorForAppenders().next()).isSameAs(before);
        assertThat(((OutputStreamAppender<?>) before).isImmediateFlush()).isFalse();
        KeaLog.info(log, "M3", "x");
        apply(first, false);
        KeaLog.info(log, "M4", "x");

        assertThat(lines("one.log")).containsExactly("M1 x", "M4 x");
        assertThat(lines("two.log")).containsExactly("M2 x", "M3 x");
    }

    @Test
    void rotatesAtMaxsizeKeepingMaxverFiles() throws Exception {
        apply("""
                [ { "name": "kea-dhcp4", "output-options": [ { "output": "r.log", "pattern": "%m\\n",
                    "maxsize": 204800, "maxver": 2 } ] } ]""", false);
        Logger log = LOGGERS.rootLogger();
        String payload = "x".repeat(1000);
        for (int i = 0; i < 700; i++) {
            KeaLog.info(log, String.format("LINE_%04d", i), payload);
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("r.log", "r.log.1", "r.log.2");
        }
        for (String f : List.of("r.log", "r.log.1", "r.log.2")) {
            assertThat(Files.size(dir.resolve(f))).isLessThanOrEqualTo(204800 + 1011);
        }
        assertThat(lines("r.log.1")).isNotEmpty();
        assertThat(lines("r.log").getLast()).startsWith("LINE_0699");
        // The newest rotated file continues where the oldest ends, and the oldest lines are gone.
        assertThat(lines("r.log.2").getLast().substring(0, 9).compareTo(lines("r.log.1").getFirst().substring(0, 9)))
                .isLessThan(0);
        assertThat(lines("r.log.2").getFirst()).isNotEqualTo("LINE_0000 " + payload);
    }

    @Test
    void maxsizeZeroNeverRotates() throws Exception {
        apply("""
                [ { "name": "kea-dhcp4", "output-options": [ { "output": "n.log", "pattern": "%m\\n", "maxsize": 0 } ] } ]""", false);
        String payload = "y".repeat(1000);
        for (int i = 0; i < 300; i++) {
            KeaLog.info(LOGGERS.rootLogger(), "N", payload);
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("n.log");
        }
        assertThat(lines("n.log")).hasSize(300);
    }

    @Test
    void reportsAFileThatCannotBeOpened() throws Exception {
        Files.writeString(dir.resolve("plain"), "a file, not a directory");
        OutputSpec.File bad = new OutputSpec.File(dir.resolve("plain/x.log"), 0, 1, true, "%m\n");
        assertThatThrownBy(() -> LoggingApplier.apply(ROOT, List.of(
                new LoggerSpec(ROOT, Optional.of(Severity.INFO), 0, List.of(bad))), false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cannot open log output: " + dir.resolve("plain/x.log"));
    }

    @Test
    void refusesALogFileOutsideTheAllowedDirectory() {
        assertThatThrownBy(() -> apply("""
                [ { "name": "kea-dhcp4", "output-options": [ { "output": "$DIR/../escape.log" } ] } ]""", false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("invalid path specified");
        assertThat(dir.resolveSibling("escape.log")).doesNotExist();
    }

    @Test
    void aLoggerNeverCreatesADirectory() {
        OutputSpec.File inMissing = new OutputSpec.File(dir.resolve("missing/x.log"), 0, 1, true, "%m\n");
        assertThatThrownBy(() -> LoggingApplier.apply(ROOT, List.of(
                new LoggerSpec(ROOT, Optional.of(Severity.INFO), 0, List.of(inMissing))), false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cannot open log output: " + dir.resolve("missing/x.log"));
        assertThat(dir.resolve("missing")).doesNotExist();
    }

    @Test
    void newLogFilesAndTheFilesARotationOpensAre0640() throws Exception {
        apply("""
                [ { "name": "kea-dhcp4", "output-options": [ { "output": "m.log", "pattern": "%m\\n",
                    "maxsize": 204800, "maxver": 1 } ] } ]""", false);
        assertThat(mode("m.log")).isEqualTo("rw-r-----");
        String payload = "z".repeat(1000);
        for (int i = 0; i < 300; i++) {
            KeaLog.info(LOGGERS.rootLogger(), "M", payload);
        }
        assertThat(dir.resolve("m.log.1")).exists();
        assertThat(mode("m.log")).as("the file opened after the rotation").isEqualTo("rw-r-----");
    }

    private String mode(String name) throws Exception {
        return java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(name)));
    }

    @Test
    void aLogLineNeverHoldsControlCharactersOtherThanLineBreaksAndTabs() throws Exception {
        apply("""
                [ { "name": "kea-dhcp4", "output-options": [ { "output": "c.log", "pattern": "%m|%c\\n" } ] } ]""",
                false);
        KeaLog.info(LOGGERS.rootLogger(), "CTRL", "a\u0000b\u0007c\td\re\u007f {}", "PK\u0003\u0004");
        byte[] bytes = Files.readAllBytes(dir.resolve("c.log"));
        for (byte b : bytes) {
            assertThat((b & 0xff) >= 0x20 || b == '\n' || b == '\t').as("byte %d", b).isTrue();
        }
        assertThat(new String(bytes, java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("CTRL a\\x00b\\x07c\td\\x0de\\x7f PK\\x03\\x04|kea-dhcp4\n");
    }

    @Test
    void aPatternWithControlCharactersIsRefused() {
        assertThatThrownBy(() -> apply("""
                [ { "name": "kea-dhcp4", "output-options": [ { "output": "p.log", "pattern": "PK\\u0003\\u0004%m" } ] } ]""",
                false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'pattern' must not contain control characters");
        assertThat(dir.resolve("p.log")).doesNotExist();
    }
}
