package ruru.dhcp4.ddns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import ruru.ddns.names.ClientName;
import ruru.ddns.names.DdnsParams;
import ruru.ddns.names.DdnsParamsParser;
import ruru.ddns.names.NameDecider;
import ruru.ddns.names.NameDecision;
import ruru.json.Json;
import ruru.json.MapElement;
import ruru.json.ParseOptions;

/** Option 81 / option 12 handling, row by row from what kea-dhcp4 2.2 answered (FACTS 11.2). */
class NameDecisionTest {

    private static DdnsParams params(String keys, boolean enabled) throws Exception {
        MapElement m = (MapElement) Json.parse("{" + keys + "}", ParseOptions.string());
        return DdnsParamsParser.parse(List.of(m), enabled);
    }

    private static final String SUFFIX = "\"ddns-qualifying-suffix\": \"example.org\"";

    private static byte[] wire(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    /** Option 81 as the client sends it: flags, rcodes, name in wire format. */
    private static NameDecision fqdn(String optionHex, DdnsParams p) {
        return NameDecider.decide(Fqdn4Option.parse(wire(optionHex)), Optional.empty(), "192.0.2.18", p);
    }

    private static String replyHex(NameDecision d, boolean encoded) {
        return HexFormat.of().formatHex(Fqdn4Option.reply(d, encoded));
    }

    @Test
    void fqdnOptionRows() throws Exception {
        DdnsParams on = params(SUFFIX, true);
        // S=1 E=1 partial host1 -> 05, host1.example.org., fwd and rev
        NameDecision d = fqdn("050000" + "05686f737431", on);
        assertThat(d.hostname()).isEqualTo("host1.example.org.");
        assertThat(d.forward()).isTrue();
        assertThat(d.reverse()).isTrue();
        assertThat(replyHex(d, true)).isEqualTo("050000" + "05686f737431076578616d706c65036f726700");
        // S=0 N=0 E=1 full name -> 04, reverse only
        d = fqdn("040000" + "05686f737432076578616d706c65036f726700", on);
        assertThat(replyHex(d, true)).startsWith("040000");
        assertThat(d.forward()).isFalse();
        assertThat(d.reverse()).isTrue();
        // N=1 E=1 -> 0c, no update
        d = fqdn("0c0000" + "05686f737433", on);
        assertThat(replyHex(d, true)).startsWith("0c0000");
        assertThat(d.updatesDns()).isFalse();
        // S=1 E=0 ASCII full name -> 01, ASCII with dot
        d = fqdn("010000" + HexFormat.of().formatHex("host9.example.org".getBytes()), on);
        assertThat(d.hostname()).isEqualTo("host9.example.org.");
        assertThat(replyHex(d, false)).isEqualTo("010000" + HexFormat.of().formatHex("host9.example.org.".getBytes()));
        // S=1 empty name -> generated
        assertThat(fqdn("050000", on).hostname()).isEqualTo("myhost-192-0-2-18.example.org.");
        // override-client-update: S=0 -> 07
        assertThat(replyHex(fqdn("040000" + "05686f737434", params(SUFFIX + ", \"ddns-override-client-update\": true",
                true)), true)).startsWith("070000");
        // override-no-update: N=1 -> 07
        assertThat(replyHex(fqdn("0c0000" + "05686f737434", params(SUFFIX + ", \"ddns-override-no-update\": true",
                true)), true)).startsWith("070000");
        // ddns-send-updates false: S=1 -> 0e
        assertThat(replyHex(fqdn("050000" + "05686f737434", params(SUFFIX + ", \"ddns-send-updates\": false",
                true)), true)).startsWith("0e0000");
        assertThat(Fqdn4Option.bothSAndN(wire("090000"))).isTrue();
    }

    @Test
    void hostNameRows() throws Exception {
        DdnsParams on = params(SUFFIX, true);
        NameDecision d = NameDecider.decide(new ClientName.HostName("host5"), Optional.empty(), "192.0.2.5", on);
        assertThat(d.hostname()).isEqualTo("host5.example.org");
        assertThat(d.forward() && d.reverse()).isTrue();
        assertThat(NameDecider.decide(new ClientName.HostName("host6.other.net"), Optional.empty(), "192.0.2.6", on)
                .hostname()).isEqualTo("host6.other.net");
        assertThat(NameDecider.decide(new ClientName.HostName("Host12"), Optional.empty(), "192.0.2.12", on)
                .hostname()).isEqualTo("host12.example.org");
        NameDecision off = NameDecider.decide(new ClientName.HostName("host7"), Optional.empty(), "192.0.2.7",
                params(SUFFIX, false));
        assertThat(off.hostname()).isEqualTo("host7.example.org");
        assertThat(off.updatesDns()).isFalse();
        DdnsParams always = params(SUFFIX + ", \"ddns-replace-client-name\": \"always\", \"ddns-generated-prefix\": \"gen\"",
                true);
        assertThat(NameDecider.decide(ClientName.NONE, Optional.empty(), "192.0.2.27", always).hostname())
                .isEqualTo("gen-192-0-2-27.example.org");
        assertThat(NameDecider.decide(ClientName.NONE, Optional.empty(), "192.0.2.27", on)).isEqualTo(NameDecision.NONE);
        // A reservation's hostname wins over the client's.
        assertThat(NameDecider.decide(new ClientName.HostName("mine"), Optional.of("reserved"), "192.0.2.8", on)
                .hostname()).isEqualTo("reserved.example.org");
    }

    @Test
    void sanitizingAndTtl() throws Exception {
        DdnsParams p = params(SUFFIX, true);
        assertThat(NameDecider.decide(new ClientName.HostName("h_7!x"), Optional.empty(), "192.0.2.9", p).hostname())
                .isEqualTo("h7x.example.org");
        DdnsParams x = params(SUFFIX + ", \"hostname-char-replacement\": \"x\"", true);
        assertThat(NameDecider.decide(new ClientName.HostName("a_b!c"), Optional.empty(), "192.0.2.9", x).hostname())
                .isEqualTo("axbxc.example.org");
        assertThat(p.ttlFor(4000)).isEqualTo(1333);
        assertThat(p.ttlFor(2)).isEqualTo(600);
        assertThat(params("\"ddns-ttl\": 77", true).ttlFor(4000)).isEqualTo(77);
        assertThat(params("\"ddns-ttl-max\": 1000", true).ttlFor(86400)).isEqualTo(1000);
    }
}
