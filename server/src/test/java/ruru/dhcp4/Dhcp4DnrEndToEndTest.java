package ruru.dhcp4;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ruru.json.Element;
import ruru.json.MapElement;
import ruru.testing.DaemonDirs;
import ruru.testing.DaemonProcess;
import ruru.testing.DnrChecks;
import ruru.testing.NetnsPair;

/**
 * DHCPv4 option 162 ({@code v4-dnr}, RFC 9463) configured in Kea 3's notation reaches ISC dhclient,
 * which asks for it in its parameter request list: the bytes it reports are Kea 3's own unit-test
 * vector for that text (option4_dnr_unittest.cc, fromConfigCtorPackMixedDnrInstances); config-get
 * gives the option as configured. Kea 2.2 does not know the option, so it cannot be compared.
 */
class Dhcp4DnrEndToEndTest {

    /** Kea 3's JSON text: two instances, the second with addresses and alpn ids separated by "\\,". */
    static final String DATA = "1, myhost1.example.com. | 2, myhost2.example.com., 192.168.0.1 192.168.0.2,"
            + " alpn=dot\\\\,doq";
    static final String WIRE = "0018 0001 15 07 6d79686f737431 07 6578616d706c65 03 636f6d 00"
            + "002d 0002 15 07 6d79686f737432 07 6578616d706c65 03 636f6d 00"
            + "08 c0a80001 c0a80002 0001 0008 03646f74 03646f71";

    private static final String MAC = "02:00:00:00:01:62";
    private static final String LONG_MAC = "02:00:00:00:01:63";
    private static NetnsPair net;
    private static DaemonDirs dirs;
    private static DaemonProcess daemon;
    private static Path socket;

    @BeforeAll
    static void start() throws Exception {
        NetnsPair.requireRoot();
        NetnsPair.requireTool("dhclient", "isc-dhcp-client");
        net = NetnsPair.create("dn", false, MAC);
        dirs = DaemonDirs.create();
        Path cfg = dirs.writeConfig("dnr4.json", """
                {
                  "Dhcp4": {
                    "interfaces-config": { "interfaces": [ "%s" ] },
                    "control-socket": { "socket-type": "unix", "socket-name": "ctl.sock" },
                    "lease-database": { "type": "memfile", "name": "leases4.csv" },
                    "valid-lifetime": 600,
                    "option-data": [ { "name": "v4-dnr", "data": "%s" } ],
                    "subnet4": [ {
                      "id": 1,
                      "subnet": "192.0.2.0/24",
                      "pools": [ { "pool": "192.0.2.100 - 192.0.2.199" } ],
                      "reservations": [ { "hw-address": "%s",
                        "option-data": [ { "name": "v4-dnr", "data": "%s | %4$s | %4$s | %4$s" } ] } ]
                    } ]
                  }
                }
                """.formatted(net.serverIface(), DATA, LONG_MAC, DATA));
        socket = dirs.socket("ctl.sock");
        daemon = DaemonProcess.startIn(net.server(), dirs, Map.of(), "dhcp4", "-c", cfg.toString());
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
    void aClientAskingForOption162GetsKeas3Encoding() throws Exception {
        Path conf = dirs.root().resolve("dnr4.conf");
        Files.writeString(conf, """
                option v4dnr code 162 = string;
                also request v4dnr;
                """);
        Map<String, String> env = Dhcp4DhclientTest.dhclient(net, dirs.root(), "dnr", "-cf", conf.toString());
        assertThat(env.get("reason")).isEqualTo("BOUND");
        assertThat(env.get("new_v4dnr")).as("option 162 as dhclient received it").isNotNull();
        assertThat(DnrChecks.dhclientHex(env.get("new_v4dnr"))).isEqualTo(WIRE.replace(" ", ""));
        assertThat(HexFormat.of().parseHex(WIRE.replace(" ", ""))).hasSize(73);
    }

    /**
     * Four instances make 292 octets: the option goes out in pieces of at most 255 (RFC 3396), as Kea
     * splits long options, and dhclient joins them again.
     */
    @Test
    void aLongerOptionIsSplitAndJoinedAgain() throws Exception {
        Path conf = dirs.root().resolve("dnr4.conf");
        Files.writeString(conf, "option v4dnr code 162 = string;\nalso request v4dnr;\n");
        setMac(LONG_MAC);
        try {
            Map<String, String> env = Dhcp4DhclientTest.dhclient(net, dirs.root(), "long", "-cf", conf.toString());
            assertThat(env.get("reason")).isEqualTo("BOUND");
            assertThat(DnrChecks.dhclientHex(env.get("new_v4dnr"))).isEqualTo(WIRE.replace(" ", "").repeat(4));
        } finally {
            setMac(MAC);
        }
    }

    private static void setMac(String mac) throws Exception {
        net.exec(net.client(), "ip", "link", "set", net.clientIface(), "down");
        net.exec(net.client(), "ip", "link", "set", net.clientIface(), "address", mac);
        net.exec(net.client(), "ip", "link", "set", net.clientIface(), "up");
    }

    @Test
    void aClientNotAskingForItDoesNotGetIt() throws Exception {
        // The option is declared, so dhclient would report it, but not requested.
        Path conf = dirs.root().resolve("plain4.conf");
        Files.writeString(conf, "option v4dnr code 162 = string;\n");
        Map<String, String> env = Dhcp4DhclientTest.dhclient(net, dirs.root(), "plain", "-cf", conf.toString());
        assertThat(env.get("reason")).isEqualTo("BOUND");
        assertThat(env).doesNotContainKey("new_v4dnr");
    }

    /** {@code ruru dhcp4 -t}: Kea 3's refusals of bad v4-dnr data, with the data's position. */
    @Test
    void badDataIsRefusedWithKea3sTexts() throws Exception {
        String[][] cases = {
            {"1, a.example. | 2", "Option config requires at least comma separated Service Priority and ADN"},
            {"1, a.example., 10.0.0.1, alpn=dot, extra", "Option config supports maximum 4 comma separated fields:"
                    + " Service Priority, ADN, resolver IP address(es) and SvcParams"},
            {"x, a.example.", "Cannot parse uint_16 integer Service priority from given value: x. Error: bad lexical"
                    + " cast: source type value could not be interpreted as target"},
            {"1, a..example.", "Cannot parse ADN FQDN from given value: a..example.. Error: duplicate period in"
                    + " a..example."},
            {"1, a.example., 2001:db8::1", "Cannot parse IPv4 address from given value: 2001:db8::1. Error: Given"
                    + " address is not IPv4 address."},
            {"1, a.example., 10.0.0.1, port=99999", "Cannot parse uint_16 integer port nr from given value: 99999."
                    + " Error: bad lexical cast: source type value could not be interpreted as target"},
            {"1, a.example., 10.0.0.1, alpn=dot dohpath=/q", "Wrong Svc Params syntax - dohpath SvcParamValue URI"
                    + " Template MUST contain a 'dns' variable."},
            {"1, a.example., 10.0.0.1, alpn=dot ech=1", "Wrong Svc Params syntax - key ech not supported in DNR"
                    + " option SvcParams"},
        };
        DnrChecks.refusedAtCheck(dirs, "4", cases);
        // Wire data (csv-format false): each instance's length is checked as Kea 3 unpacks the option.
        DnrChecks.hexRefusedAtCheck(dirs, "4", "0010000101610000", "DNR instance data truncated to size 6 but it"
                + " was supposed to be 16");
    }

    /** config-test over the control socket answers Kea's result 1 with the same text; the running one stays. */
    @Test
    void configTestRefusesOverTheSocket() throws Exception {
        MapElement answer = DaemonProcess.call(socket, "{ \"command\": \"config-test\", \"arguments\": { \"Dhcp4\":"
                + " { \"option-data\": [ { \"name\": \"v4-dnr\", \"data\": \"1, a.example., 10.0.0.1, ipv4hint=10.0.0.1\" } ] } } }");
        assertThat(answer.get("result")).isEqualTo(Element.of(1L));
        assertThat(answer.get("text").toString()).contains("DHCPv4 Encrypted DNS Option (162) malformed: Wrong Svc"
                + " Params syntax - key ipv4hint must not be used");
        assertThat(DaemonProcess.configuredOption(socket, "Dhcp4", "v4-dnr").get("code")).isEqualTo(Element.of(162L));
    }

    @Test
    void configGetShowsTheOptionAsConfigured() throws Exception {
        MapElement option = DaemonProcess.configuredOption(socket, "Dhcp4", "v4-dnr");
        assertThat(option.get("code")).isEqualTo(Element.of(162L));
        assertThat(option.get("space")).isEqualTo(Element.of("dhcp4"));
        // The text as configured: one backslash before each alpn comma once the JSON is read.
        assertThat(option.get("data")).isEqualTo(Element.of(DATA.replace("\\\\", "\\")));
    }
}
