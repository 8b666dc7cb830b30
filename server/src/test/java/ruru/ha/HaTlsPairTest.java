package ruru.ha;

import static org.assertj.core.api.Assertions.assertThat;
import static ruru.ha.HaTestSetup.awaitState;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import ruru.testing.DaemonDirs;
import ruru.testing.DaemonProcess;

/**
 * Two ruru servers talking HA over mutual TLS with basic authentication, on loopback: each listens
 * on its own URL with the certificate of its peers entry, requires the partner's certificate
 * (require-client-certs) and credentials, and they reach hot-standby and synchronize through it. A
 * client without a certificate gets no answer from the peer listener.
 */
class HaTlsPairTest {

    @Test
    void aPairOverMutualTlsReachesHotStandbyAndSyncs() throws Exception {
        DaemonDirs dir = DaemonDirs.create();
        pki(dir.config(), List.of("127.0.0.1", "127.0.0.1"));
        int port1 = freePort();
        int port2 = freePort();
        List<DaemonProcess> servers = new ArrayList<>();
        try {
            for (int n = 1; n <= 2; n++) {
                Path config = dir.writeConfig("s" + n + ".json", config(n, port1, port2));
                servers.add(DaemonProcess.start(dir, "dhcp4", "-c", config.toString()));
            }
            Path socket1 = dir.socket("s1.sock");
            Path socket2 = dir.socket("s2.sock");
            servers.get(0).awaitSocket(socket1);
            servers.get(1).awaitSocket(socket2);
            awaitState(socket1, "hot-standby", Duration.ofSeconds(30));
            awaitState(socket2, "hot-standby", Duration.ofSeconds(30));
            // a lease on the primary reaches the standby by ha-sync over TLS
            assertThat(DaemonProcess.send(socket1, "{ \"command\": \"lease4-add\", \"arguments\": { \"ip-address\": "
                    + "\"192.0.2.77\", \"hw-address\": \"0d:00:00:00:00:77\" } }")).contains("\"result\": 0");
            assertThat(DaemonProcess.send(socket2, "{ \"command\": \"ha-sync\", \"arguments\": { \"server-name\": "
                    + "\"server1\", \"max-period\": 5 } }"))
                    .isEqualTo("{ \"result\": 0, \"text\": \"Lease database synchronization complete.\" }");
            assertThat(Files.readString(dir.data("s2.csv"))).contains("192.0.2.77,0d:00:00:00:00:77,");
            // no client certificate, no answer
            Process curl = new ProcessBuilder("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--cacert",
                    dir.configFile("ca.pem").toString(), "-u", "ha:secret", "-H", "Content-Type: application/json", "-d",
                    "{ \"command\": \"ha-heartbeat\" }", "https://127.0.0.1:" + port1 + "/").start();
            String code = new String(curl.getInputStream().readAllBytes()).trim();
            curl.waitFor(20, TimeUnit.SECONDS);
            assertThat(code).isEqualTo("000");
            Process ok = new ProcessBuilder("curl", "-s", "--cacert", dir.configFile("ca.pem").toString(), "--cert",
                    dir.configFile("s2.pem").toString(), "--key", dir.configFile("s2.key").toString(), "-u", "ha:secret",
                    "-H", "Content-Type: application/json", "-d", "{ \"command\": \"ha-heartbeat\" }",
                    "https://127.0.0.1:" + port1 + "/").start();
            String answer = new String(ok.getInputStream().readAllBytes()).trim();
            ok.waitFor(20, TimeUnit.SECONDS);
            assertThat(answer).contains("\"state\": \"hot-standby\"", "HA peer status returned.");
        } finally {
            servers.forEach(DaemonProcess::close);
        }
    }

    private static String config(int n, int port1, int port2) {
        return """
                { "Dhcp4": {
                  "interfaces-config": { "interfaces": [ ] },
                  "control-socket": { "socket-type": "unix", "socket-name": "s%d.sock" },
                  "lease-database": { "type": "memfile", "name": "s%d.csv", "lfc-interval": 0 },
                  "hooks-libraries": [ { "library": "libdhcp_lease_cmds.so" },
                    { "library": "libdhcp_ha.so", "parameters": { "high-availability": [ {
                      "this-server-name": "server%d", "mode": "hot-standby", "heartbeat-delay": 500,
                      "max-response-delay": 5000, "trust-anchor": "ca.pem", "require-client-certs": true,
                      "peers": [ { "name": "server1", "url": "https://127.0.0.1:%d/", "role": "primary",
                                   "cert-file": "s1.pem", "key-file": "s1.key",
                                   "basic-auth-user": "ha", "basic-auth-password": "secret" },
                                 { "name": "server2", "url": "https://127.0.0.1:%d/", "role": "standby",
                                   "cert-file": "s2.pem", "key-file": "s2.key",
                                   "basic-auth-user": "ha", "basic-auth-password": "secret" } ] } ] } } ],
                  "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24", "pools": [ { "pool": "192.0.2.10 - 192.0.2.99" } ] } ],
                  "loggers": [ { "name": "kea-dhcp4", "severity": "INFO", "output_options": [ { "output": "s%d.log" } ] } ]
                } }""".formatted(n, n, n, port1, port2, n);
    }

    /**
     * A CA (ca.pem) and one certificate per server (s1.pem/s1.key ... for the addresses given, in
     * order), good for both TLS ends.
     */
    static void pki(Path dir, List<String> serverAddresses) throws IOException, InterruptedException {
        run(dir, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem",
                "-days", "2", "-subj", "/CN=ruru HA test CA");
        for (int i = 1; i <= serverAddresses.size(); i++) {
            String s = "s" + i;
            Files.writeString(dir.resolve(s + ".ext"), "subjectAltName=IP:" + serverAddresses.get(i - 1) + "\n");
            run(dir, "openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", s + ".key", "-out", s + ".csr",
                    "-subj", "/CN=" + s);
            run(dir, "openssl", "x509", "-req", "-in", s + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key",
                    "-CAcreateserial", "-out", s + ".pem", "-days", "2", "-extfile", s + ".ext");
        }
    }

    private static void run(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed:\n" + out);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
