package ruru.daemon.config.schema;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import ruru.json.Element;
import ruru.json.Json;
import ruru.json.ListElement;
import ruru.json.MapElement;
import ruru.json.ParseOptions;

/** The defaults tables: the engine's rules, then what each daemon's table fills in. */
class DefaultsTest {

    static MapElement json(String text) {
        try {
            return (MapElement) Json.parse(text.replace('`', '"'), ParseOptions.string());
        } catch (ruru.json.JsonException e) {
            throw new AssertionError(e);
        }
    }

    static Element at(MapElement m, String path) {
        Element e = m;
        for (String part : path.split("/")) {
            e = part.matches("\\d+") ? ((ListElement) e).get(Integer.parseInt(part)) : ((MapElement) e).get(part);
        }
        return e;
    }

    // ---- the engine ---------------------------------------------------------------------------

    @Test
    void aGivenValueIsNeverReplacedAndRulesRunInOrder() {
        Defaults d = Defaults.builder().put("a", 1).put("b", "x").sameAs("c", "a").build();
        assertThat(d.apply(json("{ `a`: 5 }"))).isEqualTo(json("{ `a`: 5, `b`: `x`, `c`: 5 }"));
        assertThat(d.apply(MapElement.empty())).isEqualTo(json("{ `a`: 1, `b`: `x`, `c`: 1 }"));
    }

    @Test
    void anOlderSpellingKeepsTheNewKeyOut() {
        Defaults d = Defaults.builder().putUnless("new", Element.of("v"), "old").build();
        assertThat(d.apply(json("{ `old`: true }"))).isEqualTo(json("{ `old`: true }"));
        assertThat(d.apply(MapElement.empty())).isEqualTo(json("{ `new`: `v` }"));
    }

    @Test
    void mapsAreCreatedOrFilledAndListEntriesInheritFromTheirScope() {
        Defaults item = Defaults.builder().inherit("t").put("u", false).build();
        Defaults d = Defaults.builder()
                .put("t", 7)
                .map("m", Defaults.builder().put("k", 1).build())
                .mapIfPresent("p", Defaults.builder().put("k", 2).build())
                .each("list", item)
                .eachIfPresent("absent", item)
                .build();
        assertThat(d.apply(MapElement.empty())).isEqualTo(json("{ `t`: 7, `m`: { `k`: 1 }, `list`: [ ] }"));
        assertThat(d.apply(json("{ `t`: 3, `m`: { `k`: 9 }, `p`: { }, `list`: [ { }, { `t`: 4 }, 5 ] }")))
                .isEqualTo(json("{ `t`: 3, `m`: { `k`: 9 }, `p`: { `k`: 2 },"
                        + " `list`: [ { `t`: 3, `u`: false }, { `t`: 4, `u`: false }, 5 ] }"));
    }

    @Test
    void sortedIsStableByTheField() {
        Defaults d = Defaults.builder().sortedBy("l", "n").build();
        assertThat(d.apply(json("{ `l`: [ { `n`: `b`, `i`: 1 }, { `n`: `a` }, { `n`: `b`, `i`: 2 } ] }")))
                .isEqualTo(json("{ `l`: [ { `n`: `a` }, { `n`: `b`, `i`: 1 }, { `n`: `b`, `i`: 2 } ] }"));
    }

    // ---- the tables -----------------------------------------------------------------------------

    static final String DHCP4 = """
            { `valid-lifetime`: 4000, `renew-timer`: 1000,
              `option-data`: [ { `name`: `domain-name-servers`, `data`: `192.0.2.1` }, { `code`: 15, `data`: `x.org` },
                               { `name`: `tftp-servers`, `space`: `vendor-4491`, `data`: `10.0.0.1` },
                               { `code`: 43, `csv-format`: false, `data`: `0x0a:0B:c` } ],
              `shared-networks`: [ { `name`: `n`, `valid-lifetime`: 5000, `server-hostname`: ``,
                  `subnet4`: [ { `id`: 2, `subnet`: `10.1.0.0/24`, `valid-lifetime`: 3000 } ] } ],
              `subnet4`: [ { `id`: 1, `subnet`: `192.0.2.0/24`, `relay`: { `ip-address`: `192.0.2.1` },
                  `reservations`: [ { `client-id`: `01:0a:0b`, `flex-id`: `'ab'`, `hw-address`: `1A-1B-1C-1D-1E-1F` } ] } ] }
            """;

    @Test
    void dhcp4FillsKeasGlobalsAndKea3WhereRuruFollowsIt() {
        MapElement g = DhcpDefaults.dhcp4().apply(json(DHCP4));
        assertThat(at(g, "valid-lifetime")).isEqualTo(Element.of(4000));
        assertThat(at(g, "decline-probation-period")).isEqualTo(Element.of(86400));
        assertThat(at(g, "t2-percent")).isEqualTo(Element.of(0.875));
        assertThat(at(g, "host-reservation-identifiers")).isEqualTo(Element.list(Element.of("hw-address"),
                Element.of("duid"), Element.of("circuit-id"), Element.of("client-id")));
        assertThat(at(g, "multi-threading")).isEqualTo(json(
                "{ `enable-multi-threading`: true, `thread-pool-size`: 0, `packet-queue-size`: 64 }"));
        assertThat(at(g, "expired-leases-processing/max-reclaim-time")).isEqualTo(Element.of(250));
        assertThat(at(g, "dhcp-ddns/sender-ip")).isEqualTo(Element.of("0.0.0.0"));
        assertThat(at(g, "dhcp-queue-control/queue-type")).isEqualTo(Element.of("kea-ring4"));
        assertThat(at(g, "ddns-conflict-resolution-mode")).isEqualTo(Element.of("check-with-dhcid"));
        assertThat(g.has("ddns-use-conflict-resolution")).isFalse();
        assertThat(g.has("cache-threshold")).as("ruru caches only when configured").isFalse();
        assertThat(g.has("min-valid-lifetime")).as("the global triplet prints only the value").isFalse();
        assertThat(at(g, "interfaces-config")).isEqualTo(json("{ `interfaces`: [ ], `re-detect`: true }"));
    }

    @Test
    void dhcp4OptionsGetNamesCodesSpacesAndKeasOrder() {
        MapElement g = DhcpDefaults.dhcp4().apply(json(DHCP4));
        assertThat(at(g, "option-data/0")).isEqualTo(json("{ `name`: `domain-name-servers`, `data`: `192.0.2.1`,"
                + " `space`: `dhcp4`, `csv-format`: true, `always-send`: false, `never-send`: false, `code`: 6 }"));
        assertThat(at(g, "option-data/1/name")).isEqualTo(Element.of("domain-name"));
        assertThat(at(g, "option-data/2/data")).as("hex data as Kea prints it").isEqualTo(Element.of("0A0B0C"));
        assertThat(at(g, "option-data/3/space")).as("other spaces after dhcp4").isEqualTo(Element.of("vendor-4491"));
        assertThat(at(g, "option-data/3/code")).isEqualTo(Element.of(2));
    }

    @Test
    void dhcp4NetworksInheritWhatKeaDerivesAndNothingElse() {
        MapElement g = DhcpDefaults.dhcp4().apply(json(DHCP4));
        MapElement top = (MapElement) at(g, "subnet4/0");
        assertThat(top.get("valid-lifetime")).isEqualTo(Element.of(4000));
        assertThat(top.get("min-valid-lifetime")).isEqualTo(Element.of(4000));
        assertThat(top.get("renew-timer")).isEqualTo(Element.of(1000));
        assertThat(top.get("allocator")).isEqualTo(Element.of("iterative"));
        assertThat(top.get("4o6-subnet")).isEqualTo(Element.of(""));
        assertThat(top.get("relay")).isEqualTo(json("{ `ip-addresses`: [ `192.0.2.1` ] }"));
        assertThat(top.has("match-client-id")).as("not in Kea's INHERIT list").isFalse();
        assertThat(top.has("ddns-send-updates")).isFalse();
        assertThat(at(g, "subnet4/0/reservations/0")).isEqualTo(json("{ `client-id`: `010A0B`, `flex-id`: `6162`,"
                + " `hw-address`: `1a:1b:1c:1d:1e:1f`, `next-server`: `0.0.0.0`, `server-hostname`: ``,"
                + " `boot-file-name`: ``, `hostname`: ``, `client-classes`: [ ], `option-data`: [ ] }"));
        MapElement net = (MapElement) at(g, "shared-networks/0");
        assertThat(net.has("server-hostname")).as("empty means unset").isFalse();
        assertThat(net.get("max-valid-lifetime")).isEqualTo(Element.of(5000));
        MapElement inNet = (MapElement) at(g, "shared-networks/0/subnet4/0");
        assertThat(inNet.get("valid-lifetime")).isEqualTo(Element.of(3000));
        assertThat(inNet.get("min-valid-lifetime")).as("the network's printed bound is not inherited")
                .isEqualTo(Element.of(3000));
        assertThat(inNet.get("renew-timer")).isEqualTo(Element.of(1000));
    }

    @Test
    void dhcp6HasItsFamilysDefaultsAndNoDefaultPreferredLifetime() {
        MapElement g = DhcpDefaults.dhcp6().apply(json("""
                { `relay-supplied-options`: [ `110` ], `dhcp-ddns`: { `server-ip`: `::1` },
                  `subnet6`: [ { `id`: 1, `subnet`: `2001:db8::/64`, `pd-pools`: [ { `prefix`: `2001:db8:8::`,
                      `prefix-len`: 56, `delegated-len`: 64 } ], `reservations`: [ { `duid`: `0A:0B` } ] } ],
                  `shared-networks`: [ { `name`: `n`, `subnet6`: [ { `id`: 2, `subnet`: `2001:db8:2::/64` } ] } ] }
                """));
        assertThat(at(g, "t2-percent")).isEqualTo(Element.of(0.8));
        assertThat(at(g, "calculate-tee-times")).isEqualTo(Element.of(true));
        assertThat(at(g, "relay-supplied-options")).isEqualTo(Element.list(Element.of("65"), Element.of("110")));
        assertThat(at(g, "dhcp-ddns/sender-ip")).isEqualTo(Element.of("::"));
        assertThat(at(g, "server-id/type")).isEqualTo(Element.of("LLT"));
        assertThat(g.has("preferred-lifetime")).isFalse();
        assertThat(at(g, "subnet6/0/rapid-commit")).isEqualTo(Element.of(false));
        assertThat(at(g, "subnet6/0/pd-allocator")).isEqualTo(Element.of("iterative"));
        assertThat(at(g, "subnet6/0/pd-pools/0/option-data")).isEqualTo(Element.list());
        assertThat(at(g, "subnet6/0/reservations/0")).isEqualTo(json("{ `duid`: `0a:0b`, `ip-addresses`: [ ],"
                + " `prefixes`: [ ], `hostname`: ``, `client-classes`: [ ], `option-data`: [ ] }"));
        assertThat(((MapElement) at(g, "shared-networks/0/subnet6/0")).has("rapid-commit"))
                .as("Kea prints rapid-commit only for subnets outside shared networks").isFalse();
    }

    @Test
    void haHookParametersGetTheHaDefaults() {
        MapElement g = DhcpDefaults.dhcp4().apply(json("""
                { `hooks-libraries`: [ { `library`: `/usr/lib/kea/hooks/libdhcp_lease_cmds.so` },
                    { `library`: `libdhcp_ha.so`, `parameters`: { `high-availability`: [ { `mode`: `load-balancing`,
                        `this-server-name`: `a`, `peers`: [ { `name`: `a`, `url`: `http://127.0.0.1:1/`, `role`: `primary` } ] } ] } } ] }
                """));
        assertThat(at(g, "hooks-libraries/0")).isEqualTo(json("{ `library`: `/usr/lib/kea/hooks/libdhcp_lease_cmds.so` }"));
        MapElement ha = (MapElement) at(g, "hooks-libraries/1/parameters/high-availability/0");
        assertThat(ha.get("delayed-updates-limit")).as("load balancing").isEqualTo(Element.of(100));
        assertThat(ha.get("restrict-commands")).isEqualTo(Element.of(true));
        assertThat(at(ha, "multi-threading/http-dedicated-listener")).isEqualTo(Element.of(true));
        assertThat(at(ha, "peers/0/auto-failover")).isEqualTo(Element.of(true));
    }

    @Test
    void d2SortsKeysAndDomainsAndFillsServers() {
        MapElement d = KeaDefaults.fill("DhcpDdns", json("""
                { `tsig-keys`: [ { `name`: `z` }, { `name`: `a`, `digest-bits`: 128 } ],
                  `forward-ddns`: { `ddns-domains`: [ { `name`: `z.` , `dns-servers`: [ { `ip-address`: `::1` } ] },
                                                    { `name`: `a.`, `dns-servers`: [ ] } ] } }
                """));
        assertThat(at(d, "dns-server-timeout")).isEqualTo(Element.of(500));
        assertThat(at(d, "tsig-keys")).isEqualTo(json("{ `l`: [ { `name`: `a`, `digest-bits`: 128 },"
                + " { `name`: `z`, `digest-bits`: 0 } ] }").get("l"));
        assertThat(at(d, "forward-ddns/ddns-domains/1/dns-servers/0")).isEqualTo(json(
                "{ `ip-address`: `::1`, `hostname`: ``, `port`: 53 }"));
        assertThat(at(d, "reverse-ddns")).isEqualTo(json("{ `ddns-domains`: [ ] }"));
        assertThat(KeaDefaults.fill("Control-agent", MapElement.empty())).isEqualTo(json(
                "{ `http-host`: `127.0.0.1`, `http-port`: 8000, `control-sockets`: { }, `hooks-libraries`: [ ] }"));
        assertThat(at(KeaDefaults.fill("Control-agent", json("{ `control-sockets`: { `d2`: { `socket-name`: `d` } } }")),
                "control-sockets/d2/socket-type")).isEqualTo(Element.of("unix"));
    }

    @Test
    void loggersGetKeasOutputDefaultsInEveryDaemon() {
        String loggers = """
                { `loggers`: [ { `name`: `kea-dhcp4`, `severity`: `warn`, `output-options`: [ { `output`: `kea.log` },
                    { `output`: `syslog:local0` }, { `output`: `stdout`, `maxsize`: 5 } ] }, { `name`: `x`, `severity`: `INFO`, `comment`: `c` } ] }
                """;
        MapElement expected = json("""
                { `loggers`: [ { `name`: `kea-dhcp4`, `severity`: `WARN`, `debuglevel`: 0, `output_options`: [
                    { `output`: `kea.log`, `flush`: true, `pattern`: ``, `maxsize`: 10240000, `maxver`: 1 },
                    { `output`: `syslog:local0`, `flush`: true, `pattern`: `` },
                    { `output`: `stdout`, `flush`: true, `pattern`: `` } ] },
                  { `name`: `x`, `severity`: `INFO`, `user-context`: { `comment`: `c` }, `debuglevel`: 0 } ] }
                """);
        for (String key : new String[] {"Dhcp4", "Dhcp6", "DhcpDdns", "Control-agent"}) {
            assertThat(KeaDefaults.fill(key, json(loggers)).get("loggers")).as(key).isEqualTo(expected.get("loggers"));
        }
    }

    @Test
    void applyingTwiceChangesNothing() {
        MapElement once = DhcpDefaults.dhcp4().apply(json(DHCP4));
        assertThat(DhcpDefaults.dhcp4().apply(once)).isEqualTo(once);
    }

    /** config-get's answer reads back: every filled-in key passes the daemon's schema (not-yet keys at their off value). */
    @Test
    void everyFilledInConfigurationPassesItsSchema() throws Exception {
        assertThat(Dhcp4Schema.schema().validate(DhcpDefaults.dhcp4().apply(json(DHCP4))).problems()).isEmpty();
        assertThat(Dhcp6Schema.schema().validate(DhcpDefaults.dhcp6().apply(json(
                "{ `subnet6`: [ { `id`: 1, `subnet`: `2001:db8::/64`, `reservations`: [ { `duid`: `0a` } ] } ] }"))).problems())
                .isEmpty();
        assertThat(DhcpDdnsSchema.schema().validate(KeaDefaults.fill("DhcpDdns", MapElement.empty())).problems()).isEmpty();
        assertThat(AgentSchema.schema().validate(KeaDefaults.fill("Control-agent", MapElement.empty())).problems()).isEmpty();
    }

    @Test
    void aNotYetKeyIsAcceptedOnlyWithTheValueThatLeavesItsFeatureOff() {
        assertThat(Dhcp4Schema.schema().validate(json("{ `dhcp4o6-port`: 0, `ip-reservations-unique`: true }"))
                .problems()).isEmpty();
        assertThat(Dhcp4Schema.schema().validate(json("{ `dhcp4o6-port`: 6767 }")).problems())
                .singleElement().hasToString("parameter 'dhcp4o6-port' is not supported yet by ruru (DHCPv4-over-DHCPv6)"
                        + " (<string>:1:18)");
    }
}
