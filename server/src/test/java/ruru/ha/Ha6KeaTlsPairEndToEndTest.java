package ruru.ha;

import static org.assertj.core.api.Assertions.assertThat;
import static ruru.ha.Ha6KeaPeerEndToEndTest.failOverAndResync;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import ruru.ha.HaServers.Server;
import ruru.testing.DaemonDirs;
import ruru.testing.HaNetwork;
import ruru.testing.NetnsPair;

/**
 * ruru dhcp6 and kea-dhcp6 2.2 (libdhcp_ha.so, kea-ctrl-agent on the peer URL) as an HA pair over
 * mutual TLS with basic authentication, each side once the primary: ruru's own listener and Kea's
 * agent each require a client certificate from the test CA and the credentials; Kea's HA client
 * presents the certificate of the peer entry it talks to (Kea 2.2's rule), ruru its own. The pair
 * runs the whole scenario through it: hot-standby, leases before each REPLY, release, failover,
 * resync by lease6-get-page.
 */
class Ha6KeaTlsPairEndToEndTest {

    @ParameterizedTest(name = "Kea 2.2 is server{0}")
    @ValueSource(ints = {1, 2})
    void keaAndRuruOverMutualTlsWithBasicAuth(int keaServer) throws Exception {
        NetnsPair.requireTool("kea-dhcp6", "kea-dhcp6-server");
        NetnsPair.requireTool("kea-ctrl-agent", "kea-ctrl-agent");
        DaemonDirs dir = DaemonDirs.create();
        Path pki = dir.config();
        HaTlsPairTest.pki(pki, List.of("192.0.2.1", "192.0.2.2"));
        int ruruServer = 3 - keaServer;
        try (HaNetwork net = Ha6TestSetup.network(keaServer == 1 ? "e" : "g");
             Server kea = HaServers.kea(dir, net, keaServer, "kea-dhcp6", Ha6TestSetup.keaWith(dir, net, keaServer,
                     relationship(keaServer, pki + "/"), Ha6TestSetup.SUBNET, agentTls(pki, keaServer)));
             Server ruru = HaServers.ruru(dir, net, ruruServer, "dhcp6", Ha6TestSetup.ruruWith(dir, net, ruruServer,
                     relationship(ruruServer, "") .replace("\"trust-anchor\"",
                             "\"require-client-certs\": true, \"trust-anchor\""), Ha6TestSetup.SUBNET))) {
            kea.start();
            ruru.start();
            failOverAndResync(dir, net, keaServer == 1 ? kea : ruru, keaServer == 1 ? ruru : kea);

            // neither end talks to a client without a certificate, nor (Kea's agent) without credentials
            String ruruUrl = "https://192.0.2." + ruruServer + ":800" + ruruServer + "/";
            String keaUrl = "https://192.0.2." + keaServer + ":800" + keaServer + "/";
            assertThat(curl(net, pki, ruruUrl, false, true)).isEqualTo("000");
            assertThat(curl(net, pki, keaUrl, false, true)).isEqualTo("000");
            assertThat(curl(net, pki, keaUrl, true, false)).isEqualTo("401");
            assertThat(curl(net, pki, ruruUrl, true, false)).isEqualTo("401");
            assertThat(curl(net, pki, ruruUrl, true, true)).isEqualTo("200");
            assertThat(Files.readString(dir.log("ca" + keaServer + ".log"))).contains("CTRL_AGENT_HTTPS_SERVICE_STARTED");
        }
    }

    /** One relationship with https URLs, the CA at relationship level, a certificate per peer entry. */
    private static String relationship(int server, String pkiPrefix) {
        return HaTestSetup.ha("server" + server, "hot-standby", "\"trust-anchor\": \"" + pkiPrefix + "ca.pem\"", """
                [ { "name": "server1", "url": "https://192.0.2.1:8001/", "role": "primary",
                    "cert-file": "%1$ss1.pem", "key-file": "%1$ss1.key",
                    "basic-auth-user": "ha", "basic-auth-password": "secret" },
                  { "name": "server2", "url": "https://192.0.2.2:8002/", "role": "standby",
                    "cert-file": "%1$ss2.pem", "key-file": "%1$ss2.key",
                    "basic-auth-user": "ha", "basic-auth-password": "secret" } ]""".formatted(pkiPrefix));
    }

    /** Kea 2.2's agent: HTTPS with a required client certificate, and basic authentication. */
    private static String agentTls(Path pki, int server) {
        return """
                , "trust-anchor": "%1$s/ca.pem", "cert-file": "%1$s/s%2$d.pem", "key-file": "%1$s/s%2$d.key",
                  "cert-required": true,
                  "authentication": { "type": "basic", "realm": "kea-ha", "clients": [ { "user": "ha", "password": "secret" } ] }"""
                .formatted(pki, server);
    }

    /** The HTTP status of an ha-heartbeat from the clients' namespace ("000": no TLS session). */
    private static String curl(HaNetwork net, Path pki, String url, boolean cert, boolean auth) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("ip", "netns", "exec", net.clients(), "curl", "-s",
                "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "5", "--cacert", pki.resolve("ca.pem").toString()));
        if (cert) {
            cmd.addAll(List.of("--cert", pki.resolve("s1.pem").toString(), "--key", pki.resolve("s1.key").toString()));
        }
        if (auth) {
            cmd.addAll(List.of("-u", "ha:secret"));
        }
        cmd.addAll(List.of("-H", "Content-Type: application/json", "-d",
                "{ \"command\": \"ha-heartbeat\", \"service\": [ \"dhcp6\" ] }", url));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        p.waitFor(20, TimeUnit.SECONDS);
        return out;
    }
}
