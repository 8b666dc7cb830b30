package ruru.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Item 2 of issue 9: the sockets each server holds for each {@code interfaces-config} (as ss lists
 * them in the server's namespace: protocol, bound address and device), kea-dhcp4 2.2 and ruru on
 * the same configuration; and a relay agent or second server can bind port 67 on another address
 * of a host where the server listens on loopback in UDP mode, while DHCP still works on it.
 */
class SocketsConformanceTest extends OracleTest {

    static final String SUBNETS = """
            "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24", "pools": [ { "pool": "192.0.2.10 - 192.0.2.20" } ] },
                         { "id": 2, "subnet": "127.0.0.0/8", "pools": [ { "pool": "127.0.0.10 - 127.0.0.20" } ] } ]
            """;

    @Override
    String tag() {
        return "sk";
    }

    @Override
    String initialConfig() {
        return SUBNETS;
    }

    static String interfaces(String type, String... names) {
        return "\"interfaces-config\": { \"dhcp-socket-type\": \"" + type + "\", \"interfaces\": [ "
                + String.join(", ", Stream.of(names).map(n -> "\"" + n + "\"").toList()) + " ] }, " + SUBNETS;
    }

    /** What ss shows of the server's DHCP sockets, the lab's interface name written @IF@. */
    static List<String> sockets(Lab lab) throws IOException, InterruptedException {
        String out = lab.in(lab.serverNs, "ss", "-Hauln", "sport = :67");
        List<String> lines = new ArrayList<>();
        for (String l : out.strip().split("\n")) {
            String[] f = l.trim().split("\\s+");
            if (f.length >= 5) {
                lines.add(f[0] + " " + f[3].replace(lab.serverIface, "@IF@"));
            }
        }
        lines.sort(null);
        return lines;
    }

    @TestFactory
    Stream<DynamicTest> socketsAsKeaOpensThem() {
        List<String[]> cases = List.of(
                new String[] {"udp", "lo/127.0.0.1"}, new String[] {"udp", "lo"}, new String[] {"udp", "@IF@"},
                new String[] {"udp", "@IF@/192.0.2.1"}, new String[] {"udp", "@IF@", "lo"},
                new String[] {"raw", "@IF@"}, new String[] {"raw", "@IF@/192.0.2.1"});
        return cases.stream().map(c -> DynamicTest.dynamicTest(String.join(" ", c), () -> {
            String cfg = interfaces(c[0], java.util.Arrays.copyOfRange(c, 1, c.length));
            assertThat(oracle.kea.configure(cfg).get("result").asLong()).contains(0L);
            assertThat(oracle.ruru.configure(cfg).get("result").asLong()).contains(0L);
            assertThat(sockets(oracle.ruruLab)).as("ruru's sockets").isEqualTo(sockets(oracle.keaLab));
        }));
    }

    @Test
    void anotherProgramCanBindPort67OnAnotherLoopbackAddress() throws Exception {
        assertThat(oracle.ruru.configure(interfaces("udp", "lo/127.0.0.1")).get("result").asLong()).contains(0L);
        String bound = oracle.ruruLab.in(oracle.ruruLab.serverNs, "python3", "-c",
                "import socket; s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(('127.0.0.2', 67));"
                        + " print('bound', s.getsockname())");
        assertThat(bound).contains("bound ('127.0.0.2', 67)");
    }
}
