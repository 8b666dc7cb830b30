package ruru.dhcp4.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import ruru.daemon.config.ConfigException;
import ruru.daemon.config.PathPolicy;
import ruru.daemon.config.schema.Dhcp4Schema;
import ruru.daemon.config.schema.TopLevel;
import ruru.json.Json;
import ruru.json.MapElement;

/**
 * Kea is the oracle: each configuration is checked by the installed kea-dhcp4 2.2 ({@code -t}) and
 * by ruru's parser, and the verdicts and error texts (positions included) must be the same. The
 * rows are class definitions and class keys in Kea 2.2's spelling, valid and broken.
 */
class ClassVerdictsAgainstKeaTest {

    @TempDir
    static Path dir;

    @BeforeAll
    static void keaIsInstalled() {
        assertThat(Path.of("/usr/sbin/kea-dhcp4")).as("kea-dhcp4 2.2 (Debian kea-dhcp4-server) is the oracle here;"
                + " bin/test installs it").exists();
    }

    /** Backticks stand for double quotes. */
    static Arguments row(String body) {
        return Arguments.of(body.replace('`', '"'));
    }

    static Stream<Arguments> bodies() {
        return Stream.of(
                // valid
                row("`client-classes`:[{`name`:`a`,`test`:`substring(option[61].hex,0,3) == 'foo'`,"
                        + "`option-data`:[{`name`:`domain-name-servers`,`data`:`10.0.0.1`}]},"
                        + "{`name`:`b`,`test`:`member('a') and not member('KNOWN')`,`only-if-required`:true},"
                        + "{`name`:`KNOWN`},{`name`:`DROP`,`test`:`option[12].text == 'dropme'`},"
                        + "{`name`:`gold`,`next-server`:`10.0.0.7`,`server-hostname`:`gs`,"
                        + "`boot-file-name`:`gold.efi`,`valid-lifetime`:777,`user-context`:{`x`:1}}],"
                        + "`subnet4`:[{`id`:1,`subnet`:`10.0.0.0/24`,`client-class`:`a`,`require-client-classes`:[`b`],"
                        + "`pools`:[{`pool`:`10.0.0.10-10.0.0.20`,`client-class`:`gold`,`require-client-classes`:[`b`]}],"
                        + "`reservations`:[{`hw-address`:`0a:00:00:00:00:55`,`client-classes`:[`gold`]}]}]"),
                row("`option-def`:[{`name`:`foo`,`code`:222,`type`:`string`}],"
                        + "`client-classes`:[{`name`:`a`,`test`:`option[foo].exists`}]"),
                row("`client-classes`:[{`name`:`VoIP`,`test`:`substring(option[60].hex,0,6) == 'Aastra'`,"
                        + "`option-def`:[{`name`:`vendor-encapsulated-options`,`code`:43,`type`:`empty`,"
                        + "`encapsulate`:`aastra`}]},{`name`:`p`,`option-def`:[{`name`:`bar`,`code`:224,"
                        + "`type`:`string`}],`option-data`:[{`name`:`bar`,`data`:`x`},{`code`:225,`data`:`0102`}]}]"),
                row("`client-classes`:[{`name`:`a`,`test`:`member('HA_server1') or member('EXTERNAL_x') or "
                        + "member('BOOTP')`}]"),
                row("`subnet4`:[{`id`:1,`subnet`:`10.0.0.0/24`,`client-class`:``,"
                        + "`reservations`:[{`hw-address`:`01:02:03:04:05:06`,`client-classes`:[`x`]}]}]"),
                // broken tests
                row("`client-classes`:[{`name`:`a`,`test`:`known`}]"),
                row("`client-classes`:[{`name`:`a`,`test`:`option[61].hex`}]"),
                row("`client-classes`:[{`name`:`a`,`test`:`member('b')`},{`name`:`b`}]"),
                row("`client-classes`:[{`name`:`a`,`test`:`member('a')`}]"),
                row("`client-classes`:[{`name`:`a`,`test`:`member('DROP')`}]"),
                row("`client-classes`:[{`name`:`a`,`test`:`option[300].exists`}]"),
                row("`client-classes`:[{`name`:`a`,`test`:`relay6[0].peeraddr == 'a'`}]"),
                row("`client-classes`:[{`name`:`a`,`test`:`pkt6.msgtype == 1`}]"),
                row("`client-classes`:[{`name`:`a`,`test`:`('a' == 'b'`}]"),
                row("`client-classes`:[{`name`:`a`,`test`:`substring('a', 0, 'b') == 'a'`}]"),
                row("`client-classes`:[{`name`:`a`,`test`:`option[host-nam].exists`}]"),
                row("`client-classes`:[{`name`:`a`,`test`:`vendor-class[4491].data[300] == 'a'`}]"),
                row("`client-classes`:[{`name`:`a`,`test`:`10.0.0.300 == 'a'`}]"),
                row("`client-classes`:[{`name`:`a`,`test`:``}]"),
                // broken definitions
                row("`client-classes`:[{`name`:`a`},{`name`:`a`}]"),
                row("`client-classes`:[{`name`:``}]"),
                row("`client-classes`:[{`name`:`KNOWN`,`test`:`member('ALL')`}]"),
                row("`client-classes`:[{`name`:`ALL`,`test`:`member('ALL')`}]"),
                row("`client-classes`:[{`name`:`a`,`valid-lifetime`:100,`min-valid-lifetime`:200}]"),
                row("`client-classes`:[{`name`:`a`,`min-valid-lifetime`:100,`max-valid-lifetime`:200}]"),
                row("`client-classes`:[{`name`:`a`,`next-server`:`foo`}]"),
                row("`client-classes`:[{`name`:`a`,`next-server`:`2001:db8::1`}]"),
                row("`client-classes`:[{`name`:`a`,`next-server`:`255.255.255.255`}]"),
                row("`client-classes`:[{`name`:`a`,`server-hostname`:`" + "x".repeat(64) + "`}]"),
                row("`client-classes`:[{`name`:`a`,`boot-file-name`:`" + "x".repeat(129) + "`}]"),
                row("`client-classes`:[{`name`:`a`,`option-def`:[{`name`:`bar`,`code`:100,`type`:`string`}]}]"),
                row("`client-classes`:[{`name`:`a`,`option-def`:[{`name`:`bar`,`code`:1,`type`:`string`,"
                        + "`space`:`foo`}]}]"),
                row("`client-classes`:[{`name`:`a`,`option-data`:[{`name`:`nope`,`data`:`x`}]}]"),
                row("`client-classes`:[{`name`:`a`,`option-data`:[{`code`:224,`data`:`x`}]}]"),
                row("`client-classes`:[{`name`:`a`,`option-def`:[{`name`:`bar`,`code`:224,`type`:`uint8`}],"
                        + "`option-data`:[{`code`:224,`data`:`300`}]}]"),
                // class keys of networks
                row("`subnet4`:[{`id`:1,`subnet`:`10.0.0.0/24`,`require-client-classes`:[``]}]"),
                row("`subnet4`:[{`id`:1,`subnet`:`10.0.0.0/24`,`pools`:[{`pool`:`10.0.0.1-10.0.0.2`,"
                        + "`require-client-classes`:[``]}]}]"),
                row("`shared-networks`:[{`name`:`x`,`require-client-classes`:[``]}]"));
    }

    @ParameterizedTest
    @MethodSource("bodies")
    void ruruAgreesWithKea(String body) throws Exception {
        Path file = dir.resolve("c.json");
        Files.writeString(file, "{ \"Dhcp4\": { " + body + " } }\n");
        String kea = kea(file);
        String ruru = ruru(file);
        assertThat(ruru).as(body).isEqualTo(kea);
    }

    /**
     * Kea's example configurations that use classes: ruru takes them as they are (Kea 3.0's
     * spelling); kea-dhcp4 2.2 and ruru agree on them once written in Kea 2.2's spelling
     * ({@code client-class}, {@code require-client-classes}, {@code only-if-required},
     * {@code output_options}), with the interfaces this machine has.
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"classify.json", "classify2.json", "vendor-specific.json",
        "vivso.json"})
    void keasClassExamplesAreAcceptedAndAgreeWithKea22(String name) throws Exception {
        Path example = ruru.testing.KeaExamples.directory().resolve("kea4").resolve(name);
        // Kea's files name eth0 and eth1, which this machine need not have: as Kea 3.0 wrote them,
        // against stand-in interfaces; in 2.2's spelling (interfaces replaced by lo) on both sides live.
        assertThat(ruru(example, ruru.testing.StandInInterfaces.ALL)).as(name + " as Kea 3.0 wrote it").isEqualTo("OK");
        MapElement root = (MapElement) Json.parseFile(example, w -> { });
        Path file = dir.resolve("kea22-" + name);
        Files.writeString(file, Json.toPretty(spelled22(root, "")));
        assertThat(kea(file)).as(name + " in Kea 2.2's spelling, kea-dhcp4 2.2").isEqualTo("OK");
        assertThat(ruru(file)).as(name + " in Kea 2.2's spelling, ruru").isEqualTo("OK");
    }

    private static ruru.json.Element spelled22(ruru.json.Element e, String key) {
        if (e instanceof ruru.json.ListElement l) {
            return new ruru.json.ListElement(l.items().stream().map(i -> spelled22(i, key)).toList(), l.position());
        }
        if (!(e instanceof MapElement m)) {
            return key.equals("interface") ? ruru.json.Element.of("lo") : e;
        }
        boolean network = key.equals("subnet4") || key.equals("pools") || key.equals("shared-networks");
        MapElement.Builder b = MapElement.builder(m.position());
        for (var entry : m.entries().entrySet()) {
            String k = entry.getKey();
            ruru.json.Element v = spelled22(entry.getValue(), k);
            if (network && k.equals("client-classes") && v instanceof ruru.json.ListElement l && l.items().size() == 1) {
                b.put("client-class", l.items().getFirst());
            } else if (k.equals("evaluate-additional-classes")) {
                b.put("require-client-classes", v);
            } else if (k.equals("only-in-additional-list")) {
                b.put("only-if-required", v);
            } else if (k.equals("output-options")) {
                b.put("output_options", v);
            } else if (k.equals("interfaces")) {
                b.put(k, new ruru.json.ListElement(java.util.List.of(), v.position()));
            } else {
                b.put(k, v);
            }
        }
        return b.build();
    }

    /** Kea's verdict: "OK" or the text after "Error encountered: ". */
    private static String kea(Path file) throws IOException, InterruptedException {
        return ruru.testing.KeaDaemon.check("/usr/sbin/kea-dhcp4", file, Files.createDirectories(dir.resolve("run")));
    }

    private static String ruru(Path file) throws Exception {
        return ruru(file, ruru.net.SystemInterfaces.lastDetected());
    }

    private static String ruru(Path file, ruru.net.SystemInterfaces system) throws Exception {
        try {
            MapElement root = (MapElement) Json.parseFile(file, w -> { });
            MapElement dhcp4 = Dhcp4Schema.check(TopLevel.check(root, "Dhcp4", w -> { }));
            Dhcp4ServiceConfigParser.parse(dhcp4, new PathPolicy(dir, Map.of(), true), system);
            return "OK";
        } catch (ConfigException e) {
            return e.getMessage();
        }
    }
}
