package ruru.daemon.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import ruru.json.Json;
import ruru.json.ListElement;
import ruru.json.MapElement;
import ruru.json.ParseOptions;

/** Pool texts as kea-dhcp4 2.2's config-get printed them for the same pools (observed). */
class PoolTextTest {

    @Test
    void rangesLoseTheirSpacesAndExactPrefixesBecomePrefixes() {
        // kea-dhcp4 2.2 config-get: "198.18.0.1 - 198.18.3.255" -> "198.18.0.1-198.18.3.255",
        // "10.3.0.100/30" -> "10.3.0.100/30".
        assertThat(PoolText.canonical("198.18.0.1 - 198.18.3.255")).contains("198.18.0.1-198.18.3.255");
        assertThat(PoolText.canonical("10.3.0.10 - 10.3.0.19")).contains("10.3.0.10-10.3.0.19");
        assertThat(PoolText.canonical("10.3.0.100/30")).contains("10.3.0.100/30");
        assertThat(PoolText.canonical("10.3.0.100 - 10.3.0.103")).contains("10.3.0.100/30");
        assertThat(PoolText.canonical("192.0.2.65/26")).contains("192.0.2.64/26");
        assertThat(PoolText.canonical("10.0.0.0 - 10.255.255.255")).contains("10.0.0.0/8");
        assertThat(PoolText.canonical("10.0.0.5-10.0.0.5")).contains("10.0.0.5/32");
        assertThat(PoolText.canonical("0.0.0.0 - 255.255.255.255")).contains("0.0.0.0/0");
        assertThat(PoolText.canonical("2001:db8:1:0:0:0:0:0 - 2001:db8:1::ffff")).contains("2001:db8:1::/112");
        assertThat(PoolText.canonical("2001:db8::10 - 2001:db8::1f")).contains("2001:db8::10/124");
        assertThat(PoolText.canonical("2001:DB8::1 - 2001:db8::ff")).contains("2001:db8::1-2001:db8::ff");
        assertThat(PoolText.canonical("example.com - 10.0.0.1")).isEmpty();
        assertThat(PoolText.canonical("10.0.0.9 - 10.0.0.1")).isEmpty();
    }

    @Test
    void everyPoolOfEverySubnetIsRewrittenTopLevelAndInSharedNetworks() throws Exception {
        MapElement daemon = (MapElement) Json.parse("""
                { "subnet4": [ { "id": 1, "subnet": "10.0.0.0/24", "pools": [ { "pool": "10.0.0.10 - 10.0.0.20", "pool-id": 3 } ] } ],
                  "shared-networks": [ { "name": "n", "subnet4": [ { "id": 2, "subnet": "10.1.0.0/24",
                      "pools": [ { "pool": "10.1.0.0 - 10.1.0.127" } ] } ] } ] }
                """.getBytes(StandardCharsets.UTF_8), ParseOptions.string());
        MapElement out = PoolText.canonicalPools(daemon);
        MapElement top = (MapElement) ((ListElement) ((MapElement) ((ListElement) out.get("subnet4")).get(0)).get("pools")).get(0);
        assertThat(top.get("pool").asString()).contains("10.0.0.10-10.0.0.20");
        assertThat(top.get("pool-id").asLong()).contains(3L);
        MapElement net = (MapElement) ((ListElement) out.get("shared-networks")).get(0);
        MapElement shared = (MapElement) ((ListElement) ((MapElement) ((ListElement) net.get("subnet4")).get(0)).get("pools")).get(0);
        assertThat(shared.get("pool").asString()).contains("10.1.0.0/25");
    }
}
