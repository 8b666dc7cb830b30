package ruru.dhcp6.ddns;

import ruru.ddns.client.DdnsServerConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ruru.daemon.config.ConfigException;
import ruru.daemon.config.PathPolicy;
import ruru.daemon.config.schema.Dhcp6Schema;
import ruru.ddns.names.NameDecision;
import ruru.ddns.names.ReplaceClientName;
import ruru.ddns.ncr.ConflictResolutionMode;
import ruru.dhcp6.config.Dhcp6ServiceConfig;
import ruru.dhcp6.config.Dhcp6ServiceConfigParser;
import ruru.json.Json;
import ruru.json.MapElement;
import ruru.json.ParseOptions;
import ruru.wire.Ipv6Address;

/**
 * The DDNS keys of a {@code Dhcp6} configuration at every level (global, shared network, subnet,
 * pool) resolved per subnet and address, the {@code dhcp-ddns} block, and option 39's codec.
 */
class Ddns6ConfigTest {

    private static Dhcp6ServiceConfig parse(String json) throws Exception {
        MapElement m = (MapElement) Json.parse(json, ParseOptions.file("test", w -> { }));
        return Dhcp6ServiceConfigParser.parse(Dhcp6Schema.check(m), new PathPolicy(Path.of("/tmp"), Map.of(), true), ruru.testing.StandInInterfaces.ALL);
    }

    @Test
    void everyLevelInheritsAndOverrides() throws Exception {
        Dhcp6ServiceConfig c = parse("""
                { "dhcp-ddns": { "enable-updates": true, "server-ip": "::1", "server-port": 53005 },
                  "ddns-qualifying-suffix": "global.test", "ddns-replace-client-name": "always",
                  "ddns-conflict-resolution-mode": "no-check-with-dhcid",
                  "shared-networks": [ { "name": "net", "ddns-qualifying-suffix": "net.test",
                      "ddns-send-updates": false,
                      "subnet6": [ { "id": 7, "subnet": "2001:db8:7::/64", "ddns-send-updates": true,
                          "pools": [ { "pool": "2001:db8:7::100-2001:db8:7::1ff" },
                                     { "pool": "2001:db8:7::200-2001:db8:7::2ff", "ddns-generated-prefix": "pool2",
                                       "hostname-char-replacement": "x" } ] } ] } ],
                  "subnet6": [ { "id": 1, "subnet": "2001:db8:1::/64", "ddns-update-on-renew": true,
                      "pools": [ { "pool": "2001:db8:1::/80" } ] } ] }
                """);
        DdnsServerConfig<Ipv6Address> d = c.ddns();
        assertThat(d.client().enableUpdates()).isTrue();
        assertThat(d.client().serverIp().getHostAddress()).isEqualTo("0:0:0:0:0:0:0:1");
        assertThat(d.client().serverPort()).isEqualTo(53005);
        var subnet7 = d.params(7, Ipv6Address.parse("2001:db8:7::150"));
        assertThat(subnet7.qualifyingSuffix()).isEqualTo("net.test");
        assertThat(subnet7.enableUpdates()).isTrue();
        assertThat(subnet7.replaceClientName()).isEqualTo(ReplaceClientName.ALWAYS);
        assertThat(subnet7.generatedPrefix()).isEqualTo("myhost");
        assertThat(subnet7.conflictResolutionMode()).isEqualTo(ConflictResolutionMode.NO_CHECK_WITH_DHCID);
        var pool2 = d.params(7, Ipv6Address.parse("2001:db8:7::250"));
        assertThat(pool2.generatedPrefix()).isEqualTo("pool2");
        assertThat(pool2.hostnameCharReplacement()).isEqualTo("x");
        assertThat(pool2.qualifyingSuffix()).isEqualTo("net.test");
        var subnet1 = d.params(1, Ipv6Address.parse("2001:db8:1::5"));
        assertThat(subnet1.qualifyingSuffix()).isEqualTo("global.test");
        assertThat(subnet1.updateOnRenew()).isTrue();
        assertThat(d.params(99, null).qualifyingSuffix()).isEqualTo("global.test");
    }

    @Test
    void withoutDhcpDdnsUpdatesAreOffButNamesAreStillShaped() throws Exception {
        Dhcp6ServiceConfig c = parse("""
                { "ddns-qualifying-suffix": "example.org",
                  "subnet6": [ { "id": 1, "subnet": "2001:db8:1::/64" } ] }
                """);
        assertThat(c.ddns().client().enableUpdates()).isFalse();
        assertThat(c.ddns().params(1, null).enableUpdates()).isFalse();
        Ddns6 ddns = new Ddns6();
        ddns.configure(c.ddns());
        var query = new ruru.wire.v6.Dhcp6Packet(ruru.wire.v6.Dhcp6MessageType.REQUEST.code(), 1,
                ruru.wire.v6.Dhcp6Options.builder().add(ruru.wire.v6.Option6Codes.CLIENT_FQDN,
                        HexFormat.of().parseHex("01067636686f7374")).build(), java.util.List.of());
        NameDecision d = ddns.decide(query, 1, java.util.Optional.empty(), Ipv6Address.parse("2001:db8:1::9"));
        // S 1 asked, updates off: S 0, O 1, N 1 (06), the name qualified all the same
        assertThat(HexFormat.of().formatHex(Fqdn6Option.reply(d))).isEqualTo("06067636686f7374076578616d706c65036f726700");
        assertThat(d.forward()).isFalse();
        assertThat(d.reverse()).isFalse();
        ddns.close();
    }

    @Test
    void badValuesAreRefusedWithKeasTexts() {
        assertThatThrownBy(() -> parse("""
                { "ddns-replace-client-name": "sometimes", "subnet6": [] }
                """)).isInstanceOf(ConfigException.class).hasMessageContaining("ddns-replace-client-name");
        assertThatThrownBy(() -> parse("""
                { "hostname-char-set": "[", "subnet6": [] }
                """)).isInstanceOf(ConfigException.class);
    }

    @Test
    void dhcpDdnsAddressesAreWrittenAsKeaWritesThem() {
        // kea-dhcp6 2.2 -t: "... server-ip: ::1 is: IPv6 while sender-ip: 127.0.0.1 is: IPv4", never Java's 0:0:0:0:0:0:0:1
        assertThatThrownBy(() -> parse("""
                { "dhcp-ddns": { "enable-updates": true, "server-ip": "::1", "sender-ip": "127.0.0.1" }, "subnet6": [] }
                """)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("address family mismatch: server-ip: ::1 is: IPv6 while sender-ip: 127.0.0.1 is: IPv4");
        assertThatThrownBy(() -> parse("""
                { "dhcp-ddns": { "enable-updates": true, "server-ip": "2001:0db8:0000::0001",
                  "sender-ip": "2001:db8::1", "sender-port": 53001 }, "subnet6": [] }
                """)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("cannot share the exact same IP address/port: 2001:db8::1/53001");
    }

    @Test
    void option39Codec() {
        var partial = Fqdn6Option.parse(HexFormat.of().parseHex("01067636686f7374"));
        assertThat(partial.s()).isTrue();
        assertThat(partial.name()).isEqualTo("v6host");
        var full = Fqdn6Option.parse(HexFormat.of().parseHex("04067636686f737400"));
        assertThat(full.n()).isTrue();
        assertThat(full.name()).isEqualTo("v6host.");
        assertThat(Fqdn6Option.invalid(HexFormat.of().parseHex("05"))).as("S and N").isTrue();
        assertThat(Fqdn6Option.invalid(new byte[0])).as("no flags").isTrue();
        assertThat(Fqdn6Option.invalid(HexFormat.of().parseHex("01077636"))).as("label past the end").isTrue();
        assertThat(Fqdn6Option.invalid(HexFormat.of().parseHex("01407636"))).as("a label over 63 bytes").isTrue();
        assertThat(Fqdn6Option.invalid(HexFormat.of().parseHex("01"))).as("empty name").isFalse();
    }
}
