package ruru.dhcp6;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import ruru.daemon.config.ConfigException;
import ruru.daemon.config.PathPolicy;
import ruru.json.Json;
import ruru.json.JsonException;
import ruru.json.MapElement;
import ruru.json.ParseOptions;
import ruru.testing.DaemonDirs;
import ruru.testing.NetnsPair;

/**
 * {@code -t} side by side: each configuration goes through kea-dhcp6 2.2's {@code -t} (live, the
 * oracle) and through ruru's Dhcp6 parser, laid out identically (line 1 fixed keys, line 2 the body
 * under test), so Kea's line:col positions carry over. The verdicts must agree: both accept, or both
 * refuse with Kea's text at Kea's position. Where Kea gives no position ruru may name one; Kea's
 * "[subnet6 map between ...]" span is left out. Two marked kinds of row are known deviations:
 * <ul>
 * <li>{@code K}: Kea points at the keyword of a list or map ({@code "shared-networks"},
 * {@code "ip-addresses"}, ...), a position ruru's JSON tree does not keep; ruru names the element.
 * Only the texts are compared.</li>
 * <li>{@code S}: Kea's Bison grammar refuses a value with a syntax error; ruru's schema refuses it
 * with its own text. Only that both refuse is compared.</li>
 * </ul>
 */
class Dhcp6KeaVerdictsTest {

    private static Path dir;

    @BeforeAll
    static void kea() throws Exception {
        NetnsPair.requireTool("kea-dhcp6", "kea-dhcp6-server");
        dir = DaemonDirs.create().config();
    }

    /** Backticks stand for double quotes; a leading "K " or "S " marks a known deviation. */
    static Stream<String> bodies() {
        return Stream.of(
                "`subnet6`:[{`id`:1,`subnet`:`2001:db8:1::/64`,`pools`:[{`pool`:`2001:db8:1::/80`}]}]",
                "`subnet6`:[{`id`:1,`subnet`:`2001:db8:1::`}]",
                "`subnet6`:[{`id`:1,`subnet`:`2001:db8:1::/129`}]",
                "`subnet6`:[{`id`:1,`subnet`:`2001:db8:1::x/64`}]",
                "`subnet6`:[{`id`:1,`subnet`:`192.0.2.0/24`}]",
                "`subnet6`:[{`id`:1}]",
                "`subnet6`:[{`id`:1,`subnet`:`2001:db8:1::/64`},{`id`:1,`subnet`:`2001:db8:2::/64`}]",
                "`subnet6`:[{`id`:1,`subnet`:`2001:db8:1::/64`},{`id`:2,`subnet`:`2001:db8:1::/64`}]",
                "`subnet6`:[{`id`:1,`subnet`:`2001:db8:1::/64`,`pools`:[{`pool`:`2001:db8:2::/80`}]}]",
                "`subnet6`:[{`id`:1,`subnet`:`2001:db8:1::/64`,`pools`:[{`pool`:`2001:db8:1::10 - 2001:db8:1::5`}]}]",
                "`subnet6`:[{`id`:1,`subnet`:`2001:db8:1::/64`,`pools`:[{`pool`:`2001:db8:1::1`}]}]",
                "`subnet6`:[{`id`:1,`subnet`:`2001:db8:1::/64`,`pools`:[{`pool`:`2001:db8:1::/80`},{`pool`:`2001:db8:1::5 - 2001:db8:1::9`}]}]",
                "`subnet6`:[{`id`:1,`subnet`:`2001:db8:1::/64`,`pools`:[{`pool`:`2001:db8:1::/129`}]}]",
                "`subnet6`:[{`id`:1,`subnet`:`2001:db8:1::/64`,`pools`:[{`pool`:`192.0.2.1 - 192.0.2.5`}]}]",
                "`subnet6`:[{`id`:1,`subnet`:`2001:db8:1::/64`,`pd-pools`:[{`prefix`:`2001:db8:8::`,`prefix-len`:48,`delegated-len`:56}]}]",
                "`subnet6`:[{`id`:1,`subnet`:`2001:db8:1::/64`,`pd-pools`:[{`prefix`:`2001:db8:8::`,`prefix-len`:56,`delegated-len`:48}]}]",
                "`subnet6`:[{`id`:1,`subnet`:`2001:db8:1::/64`,`pd-pools`:[{`prefix`:`2001:db8:8::`,`prefix-len`:48}]}]",
                "`subnet6`:[{`id`:1,`subnet`:`2001:db8:1::/64`,`pd-pools`:[{`prefix-len`:48,`delegated-len`:56}]}]",
                "`subnet6`:[{`id`:1,`subnet`:`2001:db8:1::/64`,`pd-pools`:[{`prefix`:`2001:db8:8::`,`prefix-len`:48,`delegated-len`:56},{`prefix`:`2001:db8:8::`,`prefix-len`:48,`delegated-len`:56}]}]",
                "`subnet6`:[{`id`:1,`subnet`:`2001:db8:1::/64`,`pd-pools`:[{`prefix`:`2001:db8:8::`,`prefix-len`:48,`delegated-len`:56,`excluded-prefix`:`2001:db8:8:0:80::`,`excluded-prefix-len`:72}]}]",
                "`subnet6`:[{`id`:1,`subnet`:`2001:db8:1::/64`,`pd-pools`:[{`prefix`:`2001:db8:8::`,`prefix-len`:48,`delegated-len`:56,`excluded-prefix`:`2001:db8:9::`,`excluded-prefix-len`:72}]}]",
                "`subnet6`:[{`id`:1,`subnet`:`2001:db8:1::/64`,`pd-pools`:[{`prefix`:`2001:db8:8::`,`prefix-len`:48,`delegated-len`:56,`excluded-prefix`:`2001:db8:8::`,`excluded-prefix-len`:50}]}]",
                "`subnet6`:[{`id`:1,`subnet`:`2001:db8:1::/64`,`pd-pools`:[{`prefix`:`2001:db8:8::`,`prefix-len`:48,`delegated-len`:56,`excluded-prefix`:`2001:db8:8::`}]}]",
                "`subnet6`:[{`id`:1,`subnet`:`2001:db8:1::/64`,`pd-pools`:[{`prefix`:`2001:db8:8::1`,`prefix-len`:48,`delegated-len`:56}]}]",
                "`subnet6`:[{`id`:1,`subnet`:`2001:db8:1::/64`,`pd-pools`:[{`prefix`:`2001:db8:8::`,`prefix-len`:129,`delegated-len`:130}]}]",
                // issue 11: an empty NCR queue passes -t (it fails when the sender starts: Statistics6AgainstKeaTest)
                "`dhcp-ddns`:{`enable-updates`:true,`max-queue-size`:0},`subnet6`:[{`id`:1,`subnet`:`2001:db8:1::/64`}]",
                "`dhcp-ddns`:{`enable-updates`:false,`max-queue-size`:0},`subnet6`:[{`id`:1,`subnet`:`2001:db8:1::/64`}]",
                "`subnet6`:[{`id`:1,`subnet`:`2001:db8:1::/64`,`interface-id`:`abc`,`interface`:`lo`}]",
                "`subnet6`:[{`id`:1,`subnet`:`2001:db8:1::/64`,`interface-id`:`abc`},{`id`:2,`subnet`:`2001:db8:2::/64`,`interface-id`:`abc`}]",
                "`subnet6`:[{`id`:1,`subnet`:`2001:db8:1::/64`,`relay`:{`ip-addresses`:[`2001:db8:1::1`]}}]",
                "K `subnet6`:[{`id`:1,`subnet`:`2001:db8:1::/64`,`relay`:{`ip-addresses`:[`192.0.2.1`]}}]",
                "`subnet6`:[{`id`:1,`subnet`:`2001:db8:1::/64`,`preferred-lifetime`:5000,`valid-lifetime`:4000}]",
                "`preferred-lifetime`:100,`min-preferred-lifetime`:200",
                "`preferred-lifetime`:300,`max-preferred-lifetime`:200",
                "`valid-lifetime`:100,`min-valid-lifetime`:200",
                "`subnet6`:[{`id`:1,`subnet`:`2001:db8:1::/64`,`reservations`:[{`duid`:`01:02:03`,`ip-addresses`:[`2001:db8:1::5`]},{`duid`:`01:02:03`,`ip-addresses`:[`2001:db8:1::6`]}]}]",
                "`subnet6`:[{`id`:1,`subnet`:`2001:db8:1::/64`,`reservations`:[{`duid`:`01:02:03`,`ip-addresses`:[`2001:db8:1::5`]},{`duid`:`01:02:04`,`ip-addresses`:[`2001:db8:1::5`]}]}]",
                "`subnet6`:[{`id`:1,`subnet`:`2001:db8:1::/64`,`reservations`:[{`duid`:`01:02:03`,`ip-addresses`:[`2001:db8:2::5`]}]}]",
                "`subnet6`:[{`id`:1,`subnet`:`2001:db8:1::/64`,`reservations`:[{`duid`:`01:02:03`,`ip-addresses`:[`192.0.2.5`]}]}]",
                "`subnet6`:[{`id`:1,`subnet`:`2001:db8:1::/64`,`reservations`:[{`duid`:`01:02:03`,`prefixes`:[`2001:db8:8::/56`]}]}]",
                "`subnet6`:[{`id`:1,`subnet`:`2001:db8:1::/64`,`reservations`:[{`duid`:`01:02:03`,`prefixes`:[`2001:db8:8::`]}]}]",
                "`subnet6`:[{`id`:1,`subnet`:`2001:db8:1::/64`,`reservations`:[{`ip-addresses`:[`2001:db8:1::5`]}]}]",
                "`subnet6`:[{`id`:1,`subnet`:`2001:db8:1::/64`,`reservations`:[{`hw-address`:`aa:bb:cc:dd:ee:ff`,`duid`:`01:02`}]}]",
                "`subnet6`:[{`id`:1,`subnet`:`2001:db8:1::/64`,`reservations`:[{`duid`:`01:02:03`,`ip-addresses`:[`2001:db8:1::5`],`hostname`:`a`},{`duid`:`01:02:04`,`hostname`:`a`}]}]",
                "`subnet6`:[{`id`:1,`subnet`:`2001:db8:1::/64`,`option-data`:[{`name`:`dns-servers`,`data`:`2001:db8::53`}]}]",
                "`subnet6`:[{`id`:1,`subnet`:`2001:db8:1::/64`,`option-data`:[{`name`:`dns-servers`,`data`:`192.0.2.53`}]}]",
                "`subnet6`:[{`id`:1,`subnet`:`2001:db8:1::/64`,`option-data`:[{`name`:`no-such-option`,`data`:`1`}]}]",
                "`subnet6`:[{`id`:1,`subnet`:`2001:db8:1::/64`,`option-data`:[{`code`:23,`data`:`20010db8000000000000000000000053`,`csv-format`:false}]}]",
                "`subnet6`:[{`id`:1,`subnet`:`2001:db8:1::/64`,`option-data`:[{`code`:70000,`data`:`01`}]}]",
                "`option-data`:[{`name`:`domain-search`,`data`:`example.com, example.org`}]",
                "`option-data`:[{`name`:`preference`,`data`:`300`}]",
                "`option-data`:[{`name`:`sntp-servers`,`data`:`2001:db8::123`}],`option-def`:[{`name`:`foo`,`code`:23,`type`:`ipv6-address`}]",
                "`option-def`:[{`name`:`foo`,`code`:1000,`type`:`uint32`}],`option-data`:[{`name`:`foo`,`data`:`17`}]",
                "`option-def`:[{`name`:`foo`,`code`:1000,`type`:`nosuchtype`}]",
                "`option-def`:[{`name`:`foo`,`code`:70000,`type`:`uint8`}]",
                "`option-def`:[{`name`:`foo`,`code`:1000,`type`:`uint8`,`space`:`vendor-4491`}]",
                "`shared-networks`:[{`name`:`net`,`subnet6`:[{`id`:1,`subnet`:`2001:db8:1::/64`,`interface`:`lo`},{`id`:2,`subnet`:`2001:db8:2::/64`,`interface`:`lo`}]}]",
                "`shared-networks`:[{`name`:`net`,`interface`:`lo`,`interface-id`:`x`,`subnet6`:[]}]",
                "K `shared-networks`:[{`name`:`net`,`subnet6`:[]},{`name`:`net`,`subnet6`:[]}]",
                "`shared-networks`:[{`subnet6`:[]}]",
                "`server-id`:{`type`:`EN`}",
                "`server-id`:{`type`:`EN`,`enterprise-id`:2495,`identifier`:`0102`}",
                "`server-id`:{`type`:`LL`,`htype`:1,`identifier`:`zz`}",
                "S `server-id`:{`type`:`FOO`}",
                "`subnet6`:[{`id`:1,`subnet`:`2001:db8:1::/64`,`rapid-commit`:true,`pools`:[{`pool`:`2001:db8:1::/64`,`option-data`:[{`name`:`dns-servers`,`data`:`2001:db8::1`}]}]}]",
                "`subnet6`:[{`id`:1,`subnet`:`2001:db8:1::/64`,`pd-pools`:[{`prefix`:`2001:db8:1::`,`prefix-len`:64,`delegated-len`:64}],`pools`:[{`pool`:`2001:db8:1::/80`}]}]",
                "`subnet6`:[{`id`:1,`subnet`:`2001:db8:1::/64`,`t1-percent`:0.8,`t2-percent`:0.5,`calculate-tee-times`:true}]",
                "K `mac-sources`:[`duid`,`ipv6-link-local`,`foo`]",
                "S `mac-sources`:[]",
                "K `relay-supplied-options`:[`65`,`foo`]",
                "`decline-probation-period`:-1",
                "`subnet6`:[{`id`:1,`subnet`:`2001:db8:1::/64`,`pools`:[{`pool`:`192.0.2.0/24`}]}]",
                "`subnet6`:[{`id`:1,`subnet`:`2001:db8:1::/64`,`pools`:[{`pool`:`192.0.2.1 - 2001:db8:1::5`}]}]",
                "`subnet6`:[{`id`:1,`subnet`:`2001:db8:1::/64`,`pools`:[{`pool`:`2001:db8:1::/0`}]}]",
                "`subnet6`:[{`id`:1,`subnet`:`2001:db8:1::/64`,`pools`:[{`pool`:`2001:db8:1::/x`}]}]",
                "`subnet6`:[{`id`:1,`subnet`:`2001:db8:1::/64`,`pools`:[{`pool`:`foo/64`}]}]",
                "`subnet6`:[{`id`:1,`subnet`:`2001:db8:1::/64`,`pd-pools`:[{`prefix`:`2001:db8:1::`,`prefix-len`:64,`delegated-len`:80}],`pools`:[{`pool`:`2001:db8:1::/80`}]}]",
                "`subnet6`:[{`id`:1,`subnet`:`2001:db8:1::/64`,`pd-pools`:[{`prefix`:`2001:db8:1:0:8000::`,`prefix-len`:65,`delegated-len`:80}],`pools`:[{`pool`:`2001:db8:1::/80`}]}]",
                "`option-data`:[{`name`:`dns-servers`,`data`:`foo`}]",
                "`option-data`:[{`name`:`dns-servers`,`data`:`192.0.2.1, 2001:db8::1`}]",
                "`option-data`:[{`name`:`unicast`,`data`:`192.0.2.1`}]",
                "`option-data`:[{`name`:`pd-exclude`,`data`:`192.0.2.1`}]",
                "`option-data`:[{`name`:`pd-exclude`,`data`:`192.0.2.1/24`}]",
                "`option-data`:[{`name`:`nis-servers`,`data`:`192.0.2.1`}]",
                "`option-data`:[{`name`:`no-such`,`code`:222,`data`:`1`}]",
                "`option-def`:[{`name`:`foo`,`code`:222,`type`:`record`,`record-types`:`uint8,ipv6-address`}],`option-data`:[{`name`:`foo`,`data`:`1, 192.0.2.1`}]",
                "`option-def`:[{`name`:`foo`,`code`:222,`type`:`ipv6-address`}],`option-data`:[{`name`:`foo`,`data`:`::ffff:192.0.2.1`}]",
                "`server-id`:{`type`:`LLT`,`time`:-1}",
                "`server-id`:{`type`:`LL`,`htype`:70000}",
                "`server-id`:{`type`:`EN`,`enterprise-id`:-1}",
                "`decline-probation-period`:4294967296",
                "`shared-networks`:[{`name`:`net`,`subnet6`:[{`id`:1,`subnet`:`2001:db8:1::/64`,`pools`:[{`pool`:`2001:db8:2::/80`}]}]}]",
                "`shared-networks`:[{`name`:`net`,`subnet6`:[{`id`:1,`subnet`:`2001:db8:1::/64`,`pools`:[{`pool`:`2001:db8:1::/129`}]}]}]",
                "`shared-networks`:[{`name`:`net`,`option-data`:[{`name`:`foo`,`data`:`1`}],`subnet6`:[]}]",
                "`shared-networks`:[{`name`:`net`,`rapid-commit`:true,`subnet6`:[{`id`:1,`subnet`:`2001:db8:1::/64`,`rapid-commit`:false}]}]",
                "`shared-networks`:[{`name`:`net`,`subnet6`:[{`id`:1,`subnet`:`2001:db8:1::/64`,`rapid-commit`:true},{`id`:2,`subnet`:`2001:db8:2::/64`,`rapid-commit`:false}]}]",
                "`shared-networks`:[{`name`:`net`,`subnet6`:[{`id`:1,`subnet`:`2001:db8:1::/64`}]}],`subnet6`:[{`id`:1,`subnet`:`2001:db8:2::/64`}]",
                "`shared-networks`:[{`name`:``,`subnet6`:[]}]",
                "`shared-networks`:[{`name`:`net`,`valid-lifetime`:100,`min-valid-lifetime`:200,`subnet6`:[]}]",
                "`subnet6`:[{`id`:1,`subnet`:`2001:db8:1::/64`,`reservations`:[{`duid`:`01:02:03`,`ip-addresses`:[`ff02::1`]}]}]",
                "`subnet6`:[{`id`:1,`subnet`:`2001:db8:1::/64`,`reservations`:[{`duid`:`01:02:03`,`prefixes`:[`192.0.2.0/24`]}]}]",
                "`subnet6`:[{`id`:1,`subnet`:`2001:db8:1::/64`,`reservations`:[{`duid`:`01:02:03`,`prefixes`:[`2001:db8:8::/x`]}]}]",
                "`subnet6`:[{`id`:-1,`subnet`:`2001:db8:1::/64`}]");
    }

    private static String document(String body) {
        return "{\"Dhcp6\": {\"interfaces-config\":{\"interfaces\":[]},"
                + "\"lease-database\":{\"type\":\"memfile\",\"persist\":false},\n" + body + "\n}}\n";
    }

    private static String keaVerdict(String body) throws Exception {
        Path file = dir.resolve("t.json");
        Files.writeString(file, document(body));
        Process p = new ProcessBuilder("kea-dhcp6", "-t", "t.json").directory(dir.toFile()).redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        if (p.exitValue() == 0) {
            return "OK";
        }
        List<String> lines = out.lines().filter(l -> !l.matches("^\\d{4}-\\d\\d-\\d\\d .*")).toList();
        return lines.getLast().replaceFirst("^(Error encountered|Syntax check failed with): ", "")
                .replaceFirst(" \\[\\S+ map between .*\\]$", "");
    }

    private static String ruruVerdict(String body) throws Exception {
        try {
            MapElement root = (MapElement) Json.parse(document(body), ParseOptions.file("t.json", w -> { }));
            Dhcp6ConfigParser.parse((MapElement) root.get("Dhcp6"), new PathPolicy(dir, Map.of(), true));
            return "OK";
        } catch (ConfigException | JsonException e) {
            return e.getMessage();
        }
    }

    private static String withoutLastPosition(String text) {
        return text.replaceFirst(" ?\\(t\\.json:\\d+:\\d+\\)$", "");
    }

    @ParameterizedTest
    @MethodSource("bodies")
    void ruruAgreesWithKeaDhcp6(String row) throws Exception {
        String mark = row.startsWith("K ") || row.startsWith("S ") ? row.substring(0, 1) : "";
        String body = (mark.isEmpty() ? row : row.substring(2)).replace('`', '"');
        String kea = keaVerdict(body);
        String ruru = ruruVerdict(body);
        switch (mark) {
            case "S" -> {
                assertThat(kea).isNotEqualTo("OK");
                assertThat(ruru).isNotEqualTo("OK");
            }
            case "K" -> assertThat(withoutLastPosition(ruru)).isEqualTo(withoutLastPosition(kea));
            default -> {
                if (!kea.matches(".*\\(t\\.json:\\d+:\\d+\\)$")) {
                    ruru = withoutLastPosition(ruru);
                }
                assertThat(ruru).isEqualTo(kea);
            }
        }
    }
}
