package ruru.ddns.d2.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ruru.daemon.config.PathPolicy;
import ruru.json.Json;
import ruru.json.MapElement;
import ruru.json.ParseOptions;

/** DhcpDdns validation with the texts kea-dhcp-ddns 2.2 -t prints for the same input, and domain matching. */
class D2ConfigParserTest {

    @TempDir
    Path dir;

    private D2Config parse(String body) throws Exception {
        MapElement m = (MapElement) Json.parse("{" + body + "}", ParseOptions.string());
        return D2ConfigParser.parse(m, new PathPolicy(dir, Map.of(), false));
    }

    private static final String KEY = "\"tsig-keys\": [ { \"name\": \"k\", \"algorithm\": \"%s\", %s \"secret\": \"LSWXnfkKZjdPJI5QxlpnfQ==\" } ]";

    private static String fwd(String domain) {
        return "\"forward-ddns\": { \"ddns-domains\": [ " + domain + " ] }";
    }

    @Test
    void defaults() throws Exception {
        D2Config c = parse("");
        assertThat(c.params().port()).isEqualTo(53001);
        assertThat(c.params().address().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(c.params().dnsServerTimeout().toMillis()).isEqualTo(500);
        // What config-get shows: the daemon's defaults table over the configuration as given.
        assertThat(Json.toCompact(ruru.daemon.config.schema.KeaDefaults.fill("DhcpDdns", c.element())))
                .contains("\"ncr-format\": \"JSON\"", "\"tsig-keys\": [  ]", "\"dns-server-timeout\": 500");
    }

    @Test
    void keaTextsForKeys() {
        assertThatThrownBy(() -> parse(KEY.formatted("HMAC-FOO", ""))).hasMessageStartingWith(
                "tsig-key : Unknown TSIG Key algorithm: HMAC-FOO");
        assertThatThrownBy(() -> parse(KEY.formatted("HMAC-MD5", "\"digest-bits\": 40,")))
                .hasMessageStartingWith("tsig-key: digest-bits too small : ");
        assertThatThrownBy(() -> parse(KEY.formatted("HMAC-SHA256", "\"digest-bits\": 120,")))
                .hasMessageStartingWith("tsig-key: digest-bits too small : ");
        assertThatThrownBy(() -> parse(KEY.formatted("HMAC-SHA256", "\"digest-bits\": 300,")))
                .hasMessageStartingWith("TSIG key digest-bits must either be zero or a positive, multiple of eight");
        assertThatThrownBy(() -> parse("\"tsig-keys\": [ { \"name\": \"k\", \"algorithm\": \"HMAC-MD5\", \"secret\": \"!!!\" } ]"))
                .hasMessageStartingWith("Cannot make D2TsigKey: attempt to decode a value not in base64 char set");
        assertThatThrownBy(() -> parse("\"tsig-keys\": [ { \"name\": \"k\", \"algorithm\": \"HMAC-MD5\" } ]"))
                .hasMessageStartingWith("missing parameter 'secret'");
        assertThatThrownBy(() -> parse("\"tsig-keys\": [ { \"name\": \"\", \"algorithm\": \"HMAC-MD5\", \"secret\": \"AA==\" } ]"))
                .hasMessageStartingWith("TSIG key name cannot be blank");
        assertThatThrownBy(() -> parse("\"tsig-keys\": [ " + KEY.formatted("HMAC-MD5", "").substring(15, KEY.formatted("HMAC-MD5", "").length() - 2)
                + ", " + KEY.formatted("HMAC-MD5", "").substring(15, KEY.formatted("HMAC-MD5", "").length() - 2) + " ]"))
                .hasMessageStartingWith("Duplicate TSIG key name specified : k");
    }

    @Test
    void allSixAlgorithmsAndSecretFile() throws Exception {
        for (String a : new String[] {"hmac-md5", "HMAC-SHA1", "HMAC-SHA224", "hmac-sha256", "HMAC-SHA384", "HMAC-SHA512"}) {
            assertThat(parse(KEY.formatted(a, "")).keys().getFirst().algorithm().keaName()).isEqualTo(a.toUpperCase());
        }
        Files.writeString(dir.resolve("k.secret"), "LSWXnfkKZjdPJI5QxlpnfQ==\n");
        D2Config c = parse("\"tsig-keys\": [ { \"name\": \"f\", \"algorithm\": \"HMAC-SHA256\", \"secret-file\": \"k.secret\" } ]");
        assertThat(c.keys().getFirst().secret()).hasSize(16);
        assertThat(parse(KEY.formatted("HMAC-SHA256", "\"digest-bits\": 128,")).keys().getFirst().digestBits())
                .isEqualTo(128);
        // Longer than the hash: accepted as kea-dhcp-ddns 2.2 -t does (the whole MAC is sent), MD5 and
        // SHA-1 only need 80 bits.
        assertThat(parse(KEY.formatted("HMAC-SHA256", "\"digest-bits\": 264,")).keys().getFirst().digestBits())
                .isEqualTo(264);
        assertThat(parse(KEY.formatted("HMAC-MD5", "\"digest-bits\": 80,")).keys().getFirst().digestBits())
                .isEqualTo(80);
    }

    @Test
    void keaTextsForDomains() {
        assertThatThrownBy(() -> parse(fwd("{ \"name\": \"example.org.\", \"key-name\": \"nokey\", \"dns-servers\": [ { \"ip-address\": \"127.0.0.1\" } ] }")))
                .hasMessageStartingWith("DdnsDomain : specifies an undefined key: nokey");
        assertThatThrownBy(() -> parse(fwd("{ \"name\": \"example.org.\", \"dns-servers\": [ { \"ip-address\": \"bogus\" } ] }")))
                .hasMessageStartingWith("Dns Server : invalid IP address : bogus");
        assertThatThrownBy(() -> parse(fwd("{ \"name\": \"example.org.\", \"dns-servers\": [ { \"hostname\": \"ns1\" } ] }")))
                .hasMessageStartingWith("hostname is not yet supported");
        assertThatThrownBy(() -> parse(fwd("{ \"name\": \"example.org.\", \"dns-servers\": [ { \"ip-address\": \"127.0.0.1\" } ] },"
                + "{ \"name\": \"example.org.\", \"dns-servers\": [ { \"ip-address\": \"127.0.0.1\" } ] }")))
                .hasMessageStartingWith("Duplicate domain specified:example.org.");
        assertThatThrownBy(() -> parse(fwd("{ \"dns-servers\": [ { \"ip-address\": \"127.0.0.1\" } ] }")))
                .hasMessageStartingWith("missing parameter 'name'");
        assertThatThrownBy(() -> parse(fwd("{ \"name\": \"example.org.\", \"dns-servers\": [ { \"ip-address\": \"127.0.0.1\", \"port\": 0 } ] }")))
                .hasMessageStartingWith("port must be greater than zero but less than 65536");
    }

    @Test
    void keaTextsForParams() {
        assertThatThrownBy(() -> parse("\"port\": 0")).hasMessageStartingWith("port must be greater than zero but less than 65536");
        assertThatThrownBy(() -> parse("\"ip-address\": \"0.0.0.0\"")).hasMessageStartingWith("IP address cannot be \"0.0.0.0\"");
        assertThatThrownBy(() -> parse("\"dns-server-timeout\": 0")).hasMessageStartingWith("dns-server-timeout must be greater than zero");
        assertThatThrownBy(() -> parse("\"ncr-protocol\": \"TCP\"")).hasMessageStartingWith("ncr-protocol : TCP is not yet supported");
        assertThatThrownBy(() -> parse("\"bogus\": 1")).hasMessageStartingWith("got unexpected keyword \"bogus\" in DhcpDdns map.");
        assertThatThrownBy(() -> parse("\"forward-ddns\": { \"bogus\": [] }"))
                .hasMessageStartingWith("got unexpected keyword \"bogus\" in forward-ddns map.");
    }

    @Test
    void longestSuffixAndWildcard() throws Exception {
        String server = "\"dns-servers\": [ { \"ip-address\": \"127.0.0.1\" } ]";
        D2Config c = parse(fwd("{ \"name\": \"example.org\", " + server + " }, { \"name\": \"sub.example.org.\", " + server
                + " }, { \"name\": \"*\", " + server + " }"));
        assertThat(c.forward().match("a.sub.example.org.").orElseThrow().name()).isEqualTo("sub.example.org.");
        assertThat(c.forward().match("A.Example.ORG").orElseThrow().name()).isEqualTo("example.org");
        assertThat(c.forward().match("example.org.").orElseThrow().name()).isEqualTo("example.org");
        assertThat(c.forward().match("xexample.org.").orElseThrow().name()).isEqualTo("*");
        D2Config noWildcard = parse(fwd("{ \"name\": \"example.org\", " + server + " }"));
        assertThat(noWildcard.forward().match("host.example.net.")).isEmpty();
    }
}
