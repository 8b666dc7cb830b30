package ruru.dhcp6;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import ruru.daemon.config.ConfigException;
import ruru.daemon.config.PathPolicy;
import ruru.json.Json;
import ruru.json.MapElement;
import ruru.json.ParseOptions;
import ruru.testing.DaemonDirs;

/**
 * DHCPv6 client classes through {@code -t} side by side with live kea-dhcp6 2.2 (the rows below run
 * through {@link Dhcp6KeaVerdictsTest}'s harness: same verdict, Kea's text at Kea's position):
 * class definitions and their tests (relay6, pkt6, vendor and vendor-class, DHCPv4-only tokens,
 * option names and code ranges, forward references, built-in rules, lifetime triplets incl. the
 * preferred one), guards and additional classes on every level, reservation classes. Kea 3.0's
 * keys that Kea 2.2's grammar refuses (only-in-additional-list, client-classes lists,
 * evaluate-additional-classes, template-test, option class-tagging) are taken as Kea 3.0 does
 * ({@link #kea3KeysAccepted}, and Kea 3.0's own example files in {@link #keaExamplesWithClasses}).
 */
class Dhcp6ClassVerdictsTest extends Dhcp6KeaVerdictsTest {

    private static final String SUBNET = "`subnet6`:[{`id`:1,`subnet`:`2001:db8:1::/64`";

    static Stream<String> bodies() {
        return Stream.of(
                "`client-classes`:[{`name`:`a`,`test`:`option[1].exists`,`option-data`:[{`name`:`dns-servers`,`data`:`2001:db8::1`}]}]",
                "`client-classes`:[{`name`:`a`,`test`:`relay6[0].option[18].hex == 'port1'`}]",
                "`client-classes`:[{`name`:`a`,`test`:`relay6[-1].peeraddr == fe80::1 and relay6[1].linkaddr == ::`}]",
                "`client-classes`:[{`name`:`a`,`test`:`relay6[32].option[18].exists`}]",
                "`client-classes`:[{`name`:`a`,`test`:`pkt6.msgtype == 1 and pkt6.transid == 0x00000001`}]",
                "`client-classes`:[{`name`:`a`,`test`:`pkt4.mac == 0x010203040506`}]",
                "`client-classes`:[{`name`:`a`,`test`:`relay4[1].exists`}]",
                "`client-classes`:[{`name`:`a`,`test`:`option[70000].exists`}]",
                "`client-classes`:[{`name`:`a`,`test`:`option[65535].exists`}]",
                "`client-classes`:[{`name`:`a`,`test`:`option[dns-servers].exists`}]",
                "`client-classes`:[{`name`:`a`,`test`:`option[no-such-option].exists`}]",
                "`client-classes`:[{`name`:`a`,`test`:`vendor-class[4491].data[1] == 'x' and vendor[4491].option[32].exists`}]",
                "`client-classes`:[{`name`:`a`,`test`:`substring(option[1].hex,0,2) == 0x0001 or pkt.iface == 'eth0'`}]",
                "`client-classes`:[{`name`:`a`,`test`:`option[1].hex`}]",
                "`client-classes`:[{`name`:`a`,`test`:`member('b')`},{`name`:`b`}]",
                "`client-classes`:[{`name`:`b`},{`name`:`a`,`test`:`member('b') and member('KNOWN')`}]",
                "`client-classes`:[{`name`:`a`},{`name`:`a`}]",
                "`client-classes`:[{`name`:`KNOWN`,`test`:`'a' == 'a'`}]",
                "`client-classes`:[{`name`:`DROP`,`test`:`option[1].exists`}]",
                "`client-classes`:[{`name`:`DROP`,`only-if-required`:true}]",
                "`client-classes`:[{`name`:`ALL`,`option-data`:[{`name`:`dns-servers`,`data`:`2001:db8::1`}]}]",
                "`client-classes`:[{`test`:`'a' == 'a'`}]",
                "`client-classes`:[{`name`:``}]",
                "`client-classes`:[{`name`:`a`,`only-if-required`:true,`test`:`'a' == 'a'`}]",
                "`client-classes`:[{`name`:`a`,`valid-lifetime`:100,`min-valid-lifetime`:200}]",
                "`client-classes`:[{`name`:`a`,`preferred-lifetime`:100,`min-preferred-lifetime`:200}]",
                "`client-classes`:[{`name`:`a`,`preferred-lifetime`:300,`max-preferred-lifetime`:200}]",
                "`client-classes`:[{`name`:`a`,`min-preferred-lifetime`:100,`max-preferred-lifetime`:200}]",
                "`client-classes`:[{`name`:`a`,`preferred-lifetime`:100,`valid-lifetime`:200}]",
                "`client-classes`:[{`name`:`a`,`option-data`:[{`name`:`dns-servers`,`data`:`192.0.2.1`}]}]",
                "`client-classes`:[{`name`:`a`,`option-data`:[{`name`:`no-such-option`,`data`:`1`}]}]",
                "S `client-classes`:[{`name`:`a`,`next-server`:`192.0.2.1`}]",
                "S `client-classes`:[{`name`:`a`,`boot-file-name`:`x`}]",
                "S `client-classes`:[{`name`:`a`,`option-def`:[{`name`:`foo`,`code`:1000,`type`:`uint8`}]}]",
                SUBNET + ",`client-class`:`a`,`require-client-classes`:[`b`,`c`],`pools`:[{`pool`:`2001:db8:1::/80`,`client-class`:`a`,`require-client-classes`:[`b`]}],`pd-pools`:[{`prefix`:`2001:db8:8::`,`prefix-len`:48,`delegated-len`:56,`client-class`:`b`,`require-client-classes`:[`c`]}]}]",
                SUBNET + ",`require-client-classes`:[``]}]",
                SUBNET + ",`pools`:[{`pool`:`2001:db8:1::/80`,`require-client-classes`:[``]}]}]",
                "`shared-networks`:[{`name`:`net`,`client-class`:`a`,`require-client-classes`:[`b`],`subnet6`:[{`id`:1,`subnet`:`2001:db8:1::/64`,`client-class`:`b`}]}]",
                SUBNET + ",`reservations`:[{`duid`:`01:02:03`,`ip-addresses`:[`2001:db8:1::5`],`client-classes`:[`a`,`b`]}]}]",
                SUBNET + ",`reservations`:[{`duid`:`01:02:03`,`client-classes`:[`a`]}]}]",
                "`reservations`:[{`duid`:`01:02:03`,`client-classes`:[`a`]}]");
    }

    /** Kea 3.0's class keys, which Kea 2.2's grammar does not know: ruru takes them. */
    @ParameterizedTest
    @ValueSource(strings = {
        "`client-classes`:[{`name`:`a`,`only-in-additional-list`:true}]",
        "`client-classes`:[{`name`:`a`,`template-test`:`substring(option[1].hex,0,2)`}]",
        "`subnet6`:[{`id`:1,`subnet`:`2001:db8:1::/64`,`client-classes`:[`a`,`b`],`evaluate-additional-classes`:[`a`],"
                + "`pools`:[{`pool`:`2001:db8:1::/80`,`client-classes`:[`a`],`evaluate-additional-classes`:[`b`]}]}]",
        "`option-data`:[{`name`:`dns-servers`,`data`:`2001:db8::1`,`client-classes`:[`a`]}]"})
    void kea3KeysAccepted(String body) throws Exception {
        String text = "{\"Dhcp6\": {\"interfaces-config\":{\"interfaces\":[]},\"lease-database\":{\"type\":"
                + "\"memfile\",\"persist\":false},\n" + body.replace('`', '"') + "\n}}\n";
        MapElement root = (MapElement) Json.parse(text, ParseOptions.file("t.json", w -> { }));
        Path dir = DaemonDirs.create().config();
        Dhcp6ConfigParser.parse((MapElement) root.get("Dhcp6"), new PathPolicy(dir, Map.of(), true));
    }

    /** Both 2.2 spellings and 3.0 spellings of one guard are refused together, as Kea 3.0 does. */
    @ParameterizedTest
    @ValueSource(strings = {
        "`subnet6`:[{`id`:1,`subnet`:`2001:db8:1::/64`,`client-class`:`a`,`client-classes`:[`a`]}]|"
                + "subnet configuration failed: cannot specify both 'client-class' and 'client-classes'. Use only"
                + " 'client-classes'",
        "`client-classes`:[{`name`:`a`,`only-if-required`:true,`only-in-additional-list`:true}]|cannot specify"
                + " both 'only-if-required' and 'only-in-additional-list'. Use only the latter."})
    void kea3BothSpellingsRefused(String row) throws Exception {
        String[] parts = row.split("\\|");
        String text = "{\"Dhcp6\": {\"interfaces-config\":{\"interfaces\":[]},\"lease-database\":{\"type\":"
                + "\"memfile\",\"persist\":false},\n" + parts[0].replace('`', '"') + "\n}}\n";
        MapElement root = (MapElement) Json.parse(text, ParseOptions.file("t.json", w -> { }));
        Path dir = DaemonDirs.create().config();
        assertThatThrownBy(() -> Dhcp6ConfigParser.parse((MapElement) root.get("Dhcp6"), new PathPolicy(dir,
                Map.of(), true))).isInstanceOf(ConfigException.class).hasMessageStartingWith(parts[1]);
    }

    /** Kea 3.0's example files that use classes (Kea 2.2 refuses their 3.0 keys): ruru takes them. */
    @ParameterizedTest
    @ValueSource(strings = {"classify.json", "classify2.json", "iPXE.json"})
    void keaExamplesWithClasses(String file) throws Exception {
        Path path = ruru.testing.KeaExamples.directory().resolve("kea6").resolve(file);
        MapElement root = (MapElement) Json.parseFile(path, w -> { });
        Path dir = DaemonDirs.create().config();
        // Kea's files name eth0 and eth1, which this machine need not have: stand-in interfaces.
        Dhcp6Config config = Dhcp6ConfigParser.parse((MapElement) root.get("Dhcp6"), new PathPolicy(dir, Map.of(),
                true), ruru.testing.StandInInterfaces.ALL);
        assertThat(config.service().clientClasses().all()).isNotEmpty();
    }
}
