package ruru.dhcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import ruru.testing.DaemonDirs;
import ruru.testing.DaemonProcess;
import ruru.testing.NetnsPair;

/**
 * A configuration that fails at start ({@code -c}), run through kea-dhcp4 / kea-dhcp6 2.2 and ruru:
 * the same failure lines in the same order, each with Kea's ID and severity
 * ({@code DHCPn_PARSER_FAIL} naming the same element, {@code DHCPn_PARSER_COMMIT_FAIL} for what
 * parses but fails to apply, {@code DHCPn_CONFIG_LOAD_FAIL}, {@code DHCPn_INIT_FAIL}; no ruru-only
 * line such as {@code DCTL_CONFIG_FILE_LOAD_FAIL}), after Kea's {@code DHCPn_CONFIG_SYNTAX_WARNING} for an extra comma. The reasons' texts are compared where both
 * servers word them alike (a file grammar error is worded by Kea's bison parser, which ruru does
 * not copy, and a missing hook library names dlopen's error).
 */
class ConfigFailureLinesAgainstKeaTest {

    private static final Pattern LINE = Pattern.compile(
            "(?m)^\\S+ \\S+ +(ERROR|FATAL|WARN) +\\[([^/]+)/[^\\]]*\\] (DHCP[46]_\\w+|DCTL_\\w+|HOOKS_\\w+) ?(.*)$");

    private static DaemonDirs dirs;

    @BeforeAll
    static void kea() throws Exception {
        NetnsPair.requireTool("kea-dhcp4", "kea-dhcp4-server");
        NetnsPair.requireTool("kea-dhcp6", "kea-dhcp6-server");
        dirs = DaemonDirs.create();
    }

    @AfterAll
    static void cleanup() {
        if (dirs != null) {
            dirs.close();
        }
    }

    /** Backticks stand for double quotes; @S@ is the family's subnet list. The last column: compare reasons. */
    @ParameterizedTest(name = "{0} dhcp{1}")
    @CsvSource(delimiter = '|', value = {
        "syntax   | 4 | @S@                                                              | false",
        "syntax   | 6 | @S@                                                              | false",
        "unknown  | 4 | `bogus-key`: 1, @S@                                              | false",
        "unknown  | 6 | `bogus-key`: 1, @S@                                              | false",
        "type     | 4 | `valid-lifetime`: `abc`, @S@                                     | false",
        "type     | 6 | `valid-lifetime`: `abc`, @S@                                     | false",
        "pool     | 4 | `subnet4`: [ { `id`: 1, `subnet`: `10.0.0.0/24`, `pools`: [ { `pool`: `10.0.1.1 - 10.0.1.5` } ] } ] | true",
        "pool     | 6 | `subnet6`: [ { `id`: 1, `subnet`: `2001:db8::/64`, `pools`: [ { `pool`: `2001:db9::1 - 2001:db9::5` } ] } ] | true",
        "hook     | 4 | `hooks-libraries`: [ { `library`: `libdhcp_nosuch.so` } ], @S@    | false",
        "hook     | 6 | `hooks-libraries`: [ { `library`: `libdhcp_nosuch.so` } ], @S@    | false",
        "commit   | 4 | `dhcp-ddns`: { `enable-updates`: true, `max-queue-size`: 0 }, @S@ | true",
    })
    void failureLinesAsKeas(String name, int family, String body, boolean sameReasons) throws Exception {
        String subnets = family == 4 ? "`subnet4`: [ { `id`: 1, `subnet`: `10.0.0.0/24` } ]"
                : "`subnet6`: [ { `id`: 1, `subnet`: `2001:db8::/64` } ]";
        String inner = body.replace("@S@", subnets);
        String text = ("{ `Dhcp" + family + "`: { `interfaces-config`: { `interfaces`: [ ] },\n"
                + "  `lease-database`: { `type`: `memfile`, `persist`: false },\n  " + inner
                + (name.equals("syntax") ? "\n" : " } }\n")).replace('`', '"');
        Path file = dirs.writeConfig(name + family + ".json", text);

        ProcessBuilder pb = new ProcessBuilder("/usr/sbin/kea-dhcp" + family, "-c", file.toString())
                .redirectErrorStream(true);
        pb.environment().putAll(Map.of("KEA_PIDFILE_DIR", dirs.root().toString(), "KEA_LOCKFILE_DIR",
                dirs.root().toString()));
        Process kea = pb.start();
        String keaOut = new String(kea.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(kea.waitFor(30, TimeUnit.SECONDS)).isTrue();
        DaemonProcess.Result r = DaemonProcess.runToEnd(dirs, "dhcp" + family, "-c", file.toString());
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(kea.exitValue()).isEqualTo(1);

        List<String[]> k = failures(keaOut);
        List<String[]> o = failures(r.out() + r.err());
        assertThat(ids(o)).as(r.out() + r.err()).isEqualTo(ids(k));
        assertThat(ids(k)).as(keaOut).endsWith("ERROR kea-dhcp" + family + ".dhcp" + family + " DHCP" + family
                + "_CONFIG_LOAD_FAIL", "ERROR kea-dhcp" + family + ".dhcp" + family + " DHCP" + family + "_INIT_FAIL");
        for (int i = 0; i < k.size(); i++) {
            String kr = k.get(i)[3];
            String or = o.get(i)[3];
            if (k.get(i)[2].endsWith("_PARSER_FAIL")) {
                // the element Kea was parsing, before the reason
                assertThat(or.substring(0, or.indexOf(':'))).isEqualTo(kr.substring(0, kr.indexOf(':')));
            }
            if (sameReasons) {
                assertThat(or.replace(file.toString(), "F")).isEqualTo(kr.replace(file.toString(), "F"));
            }
        }
    }

    /** The failure lines other than a library's own (HOOKS_*), and syntax warnings: severity, logger, ID, text. */
    private static List<String[]> failures(String log) {
        List<String[]> out = new ArrayList<>();
        Matcher m = LINE.matcher(log);
        while (m.find()) {
            // WARN lines only for the file's syntax; others differ by defaults (Kea 3's multi-threading)
            if (!m.group(3).startsWith("HOOKS_") && (!m.group(1).equals("WARN") || m.group(3).endsWith("_SYNTAX_WARNING"))) {
                out.add(new String[] {m.group(1), m.group(2), m.group(3), m.group(4)});
            }
        }
        return out;
    }

    private static List<String> ids(List<String[]> lines) {
        return lines.stream().map(l -> l[0] + " " + l[1] + " " + l[2]).toList();
    }
}
