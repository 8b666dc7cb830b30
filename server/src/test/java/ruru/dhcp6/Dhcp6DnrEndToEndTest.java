package ruru.dhcp6;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ruru.json.Element;
import ruru.json.MapElement;
import ruru.testing.DaemonDirs;
import ruru.testing.DaemonProcess;
import ruru.testing.DnrChecks;
import ruru.testing.Netns6;
import ruru.testing.NetnsPair;

/**
 * DHCPv6 option 144 ({@code v6-dnr}, RFC 9463) configured in Kea 3's notation reaches ISC dhclient -6,
 * which asks for it in its ORO: the bytes it reports are Kea 3's own unit-test vector for that text
 * (option6_dnr_unittest.cc, pack); config-get gives the option as configured. Kea 2.2 does not know
 * the option, so it cannot be compared.
 */
class Dhcp6DnrEndToEndTest {

    static final String DATA = "9, myhost.example.com., 2001:db8:1::dead:beef ff02::face:b00c, alpn=imap";
    static final String WIRE = "0009 0014 06 6d79686f7374 07 6578616d706c65 03 636f6d 00 0020"
            + " 20010db80001000000000000deadbeef ff0200000000000000000000faceb00c 0001 0005 04696d6170";

    private static NetnsPair net;
    private static DaemonDirs dirs;
    private static DaemonProcess daemon;
    private static Path socket;

    @BeforeAll
    static void start() throws Exception {
        NetnsPair.requireRoot();
        NetnsPair.requireTool("dhclient", "isc-dhcp-client");
        net = Netns6.create("d6", false, "02:00:00:00:01:44");
        dirs = DaemonDirs.create();
        Path cfg = dirs.writeConfig("dnr6.json", """
                {
                  "Dhcp6": {
                    "interfaces-config": { "interfaces": [ "%1$s" ] },
                    "control-socket": { "socket-type": "unix", "socket-name": "ctl.sock" },
                    "lease-database": { "type": "memfile", "name": "leases6.csv" },
                    "preferred-lifetime": 300,
                    "valid-lifetime": 600,
                    "subnet6": [ {
                      "id": 1,
                      "subnet": "2001:db8:1::/64",
                      "interface": "%1$s",
                      "pools": [ { "pool": "2001:db8:1::100 - 2001:db8:1::1ff" } ],
                      "option-data": [ { "code": 144, "data": "%2$s" } ]
                    } ]
                  }
                }
                """.formatted(net.serverIface(), DATA));
        socket = dirs.socket("ctl.sock");
        daemon = DaemonProcess.startIn(net.server(), dirs, Map.of(), "dhcp6", "-c", cfg.toString());
        daemon.awaitSocket(socket);
    }

    @AfterAll
    static void stop() {
        if (daemon != null) {
            daemon.close();
        }
        if (net != null) {
            net.close();
        }
    }

    @Test
    void aClientAskingForOption144GetsKeas3Encoding() throws Exception {
        Path conf = dirs.root().resolve("dnr6.conf");
        Files.writeString(conf, """
                option dhcp6.v6dnr code 144 = string;
                also request dhcp6.v6dnr;
                """);
        Map<String, String> env = Dhcp6DhclientTest.dhclient(net, dirs.root(), "dnr", "-cf", conf.toString());
        assertThat(env.get("reason")).isEqualTo("BOUND6");
        assertThat(env.get("new_dhcp6_v6dnr")).as("option 144 as dhclient received it").isNotNull();
        assertThat(DnrChecks.dhclientHex(env.get("new_dhcp6_v6dnr"))).isEqualTo(WIRE.replace(" ", ""));
    }

    @Test
    void aClientNotAskingForItDoesNotGetIt() throws Exception {
        Path conf = dirs.root().resolve("plain6.conf");
        Files.writeString(conf, "option dhcp6.v6dnr code 144 = string;\n");
        Map<String, String> env = Dhcp6DhclientTest.dhclient(net, dirs.root(), "plain", "-cf", conf.toString());
        assertThat(env.get("reason")).isEqualTo("BOUND6");
        assertThat(env).doesNotContainKey("new_dhcp6_v6dnr");
    }

    /** {@code ruru dhcp6 -t}: Kea 3's refusals of bad v6-dnr data, with the data's position. */
    @Test
    void badDataIsRefusedWithKea3sTexts() throws Exception {
        String[][] cases = {
            {"100", "Option config requires at least comma separated Service Priority and ADN"},
            {"70000, resolver.example.", "Cannot parse uint_16 integer Service priority from given value: 70000."
                    + " Error: bad lexical cast: source type value could not be interpreted as target"},
            {"1, resolver.example., 192.0.2.1", "Cannot parse IPv6 address from given value: 192.0.2.1. Error:"
                    + " Given address is not IPv6 address."},
            {"1, resolver.example., 2001:db8::1, alpn=dot ipv6hint=::1", "Wrong Svc Params syntax - key ipv6hint"
                    + " must not be used"},
            {"1, resolver.example., 2001:db8::1, alpn=dox", "Wrong Svc Params syntax - alpn-id dox not found in"
                    + " ALPN-IDs registry"},
            {"1, resolver.example., 2001:db8::1, alpn=h2", "Wrong Svc Params syntax - dohpath SvcParam missing."
                    + " When alpn SvcParam indicates support for HTTP, dohpath must be present."},
            {"1, resolver.example., 2001:db8::1, alpn=dot mandatory=alpn", "Wrong Svc Params syntax - key mandatory"
                    + " not supported in DNR option SvcParams"},
        };
        DnrChecks.refusedAtCheck(dirs, "6", cases);
        // Wire data (csv-format false) is checked as Kea 3 unpacks it.
        DnrChecks.hexRefusedAtCheck(dirs, "6", "00010000", "Mandatory Authentication Domain Name fully qualified"
                + " domain-name is missing");
    }

    @Test
    void configGetShowsTheOptionAsConfigured() throws Exception {
        MapElement subnet = (MapElement) ((ruru.json.ListElement) ((MapElement) ((MapElement) DaemonProcess
                .call(socket, "{ \"command\": \"config-get\" }").get("arguments")).get("Dhcp6")).get("subnet6")).get(0);
        MapElement option = (MapElement) ((ruru.json.ListElement) subnet.get("option-data")).get(0);
        assertThat(option.get("code")).isEqualTo(Element.of(144L));
        assertThat(option.get("name")).isEqualTo(Element.of("v6-dnr"));
        assertThat(option.get("space")).isEqualTo(Element.of("dhcp6"));
        assertThat(option.get("data")).isEqualTo(Element.of(DATA));
    }
}
