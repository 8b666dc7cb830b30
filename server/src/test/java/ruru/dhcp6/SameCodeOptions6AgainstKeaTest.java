package ruru.dhcp6;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ruru.testing.Netns6;
import ruru.testing.NetnsPair;
import ruru.testing.Probe6Servers;

/**
 * Several {@code option-data} entries with the same code in DHCPv6, kea-dhcp6 2.2 as the oracle:
 * two dns-servers and two domain-search in a subnet (beating the global ones), two global
 * sntp-servers (the only scope with them), one subnet dns-servers beating two global ones.
 * kea-dhcp6 2.2 accepts the configuration and sends one instance per code, the LAST configured of
 * the winning scope (seen live). ruru follows Kea 3, which sends every instance of the winning scope
 * (CfgOption::getList), last configured first: the expected answers are 2.2's with the other
 * instances after the one 2.2 sends; a code configured once answers exactly as 2.2. Two vendor-opts
 * (17) entries for two enterprises: one option 17, the last configured's, exactly as 2.2 (whether
 * Kea 3's vendor pass answers both enterprises is not confirmed here).
 */
class SameCodeOptions6AgainstKeaTest {

    private static NetnsPair net;

    @BeforeAll
    static void network() throws Exception {
        NetnsPair.requireRoot();
        NetnsPair.requireTool("kea-dhcp6", "kea-dhcp6-server");
        net = Netns6.create("so", true, null);
    }

    @AfterAll
    static void cleanup() {
        if (net != null) {
            net.close();
        }
    }

    private static final String BODY = """
            "preferred-lifetime": 3000, "valid-lifetime": 4000,
            "option-data": [ { "name": "dns-servers", "data": "2001:db8::9" }, { "name": "dns-servers", "data": "2001:db8::8" },
                             { "name": "sntp-servers", "data": "2001:db8::5" }, { "code": 31, "data": "2001:db8::6" },
                             { "name": "domain-search", "data": "g.example.org" } ],
            "subnet6": [
              { "id": 1, "subnet": "2001:db8:1::/64", "pools": [ { "pool": "2001:db8:1::100 - 2001:db8:1::1ff" } ],
                "option-data": [ { "name": "dns-servers", "data": "2001:db8::1" },
                                 { "name": "domain-search", "data": "a.example.org" },
                                 { "name": "dns-servers", "data": "2001:db8::2, 2001:db8::3" },
                                 { "name": "domain-search", "data": "b.example.org" } ] },
              { "id": 2, "subnet": "2001:db8:2::/64", "pools": [ { "pool": "2001:db8:2::100 - 2001:db8:2::1ff" } ],
                "option-data": [ { "name": "dns-servers", "data": "2001:db8::7" } ] } ]
            """;

    private static final String PROBE = "ruru.testing.Dhcp6ClassProbe";

    private static final List<String> CLIENTS = List.of("two-in-subnet;2001:db8:1::2", "one-in-subnet;2001:db8:2::2");

    private static String v6(int last) {
        return "20010db8000000000000000000000" + String.format("%03x", last);
    }

    private static String fqdn(String label) {
        return "01" + java.util.HexFormat.of().formatHex(label.getBytes()) + "076578616d706c65036f726700";
    }

    /** Kea 3's answer from kea-dhcp6 2.2's: after each {@code code=hex} key, the other instances. */
    private static List<String> asKea3(List<String> kea22, Map<String, String> more) {
        List<String> out = new ArrayList<>();
        for (String line : kea22) {
            String l = line + " ";
            for (Map.Entry<String, String> e : more.entrySet()) {
                l = l.replace(" " + e.getKey() + " ", " " + e.getKey() + "+" + e.getValue() + " ");
            }
            out.add(l.substring(0, l.length() - 1));
        }
        return out;
    }

    private static String[] probeArgs() {
        List<String> args = new ArrayList<>(List.of(Netns6.CLIENT_IP6, Netns6.SERVER_IP6));
        args.addAll(CLIENTS);
        return args.toArray(String[]::new);
    }

    /** Two vendor-opts (17) entries in the subnet, one per enterprise, each with an always-send sub-option. */
    private static final String VENDORS = """
            "preferred-lifetime": 3000, "valid-lifetime": 4000,
            "option-def": [ { "name": "acme", "code": 1, "space": "vendor-1234", "type": "ipv6-address" },
                            { "name": "beta", "code": 7, "space": "vendor-5678", "type": "uint16" } ],
            "subnet6": [
              { "id": 1, "subnet": "2001:db8:1::/64", "pools": [ { "pool": "2001:db8:1::100 - 2001:db8:1::1ff" } ],
                "option-data": [ { "name": "vendor-opts", "data": "1234", "always-send": true },
                                 { "name": "acme", "space": "vendor-1234", "data": "2001:db8::7", "always-send": true },
                                 { "name": "vendor-opts", "data": "5678", "always-send": true },
                                 { "name": "beta", "space": "vendor-5678", "data": "513", "always-send": true } ] } ]
            """;

    @Test
    void twoVendorOptsEntriesAsKeaDhcp6() throws Exception {
        String[] args = {Netns6.CLIENT_IP6, Netns6.SERVER_IP6, "vendors;2001:db8:1::2"};
        List<String> kea22 = Probe6Servers.kea(net, VENDORS, PROBE, args);
        assertThat(Probe6Servers.ruru(net, VENDORS, socket -> { }, PROBE, args)).isEqualTo(kea22);
    }

    @Test
    void everyInstanceOfTheWinningScopeAsKea3FromKeaDhcp6sLastConfigured() throws Exception {
        List<String> kea22 = Probe6Servers.kea(net, BODY, PROBE, probeArgs());
        // kea-dhcp6 2.2: one instance per code, the last configured of the winning scope
        assertThat(kea22).hasSize(4).map(l -> l + " ").allMatch(l -> l.contains(" 31=" + v6(6) + " "))
                .noneMatch(l -> l.contains("+"));
        assertThat(kea22.subList(0, 2)).allMatch(l -> l.contains(" 23=" + v6(2) + v6(3) + " ")
                && l.contains(" 24=" + fqdn("b") + " "));
        assertThat(kea22.subList(2, 4)).allMatch(l -> l.contains(" 23=" + v6(7) + " ")
                && l.contains(" 24=" + fqdn("g") + " "));
        List<String> expected = asKea3(kea22, Map.of("23=" + v6(2) + v6(3), v6(1), "24=" + fqdn("b"), fqdn("a"),
                "31=" + v6(6), v6(5)));
        assertThat(Probe6Servers.ruru(net, BODY, socket -> { }, PROBE, probeArgs())).isEqualTo(expected);
    }
}
