package ruru.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.TreeMap;
import java.util.regex.Matcher;

import org.junit.jupiter.api.Test;

import ruru.dhcp4.log.Dhcp4Messages;
import ruru.testing.KeaLogLevels;
import ruru.testing.KeaLogLevels.Seen;

/**
 * Issue 9 item 8: kea-dhcp4 2.2 and ruru serve the same configuration and get byte-identical
 * queries (direct and relayed DORA with relay agent sub-options, renewal, INFORM direct and
 * relayed, NAKs, RELEASE, DECLINE, reservations by hardware address and client identifier, a DROP
 * class), each logging {@code kea-dhcp4} at DEBUG to a file, once per debug level Kea uses. The
 * lines of every message in ruru's table are compared line by line with their multi-line packet
 * and lease dumps (severity, logger, ID, text; only the time, the pid, the lab's interface name and
 * the lease's cltt against the line's time taken out), and the lowest level a message appears at
 * is its debug level on both servers.
 */
class Logging4AgainstKeaTest extends OracleTest {

    static final String CONFIG = """
            "valid-lifetime": 4000, "renew-timer": 1000, "rebind-timer": 2000,
            "option-data": [ { "name": "domain-name-servers", "data": "192.0.2.53, 192.0.2.54" },
              { "name": "domain-name", "data": "example.org" },
              { "name": "interface-mtu", "data": "1400" },
              { "name": "ip-forwarding", "data": "false" },
              { "name": "domain-search", "data": "example.org, lab.example.com" } ],
            "expired-leases-processing": { "reclaim-timer-wait-time": 3600, "flush-reclaimed-timer-wait-time": 0 },
            "client-classes": [ { "name": "DROP",
              "test": "option[61].hex == 0x01dead or (member('KNOWN') and pkt4.mac == 0x020000000086)" } ],
            "subnet4": [
              { "id": 1, "subnet": "192.0.2.0/24", "pools": [ { "pool": "192.0.2.10 - 192.0.2.20" } ],
                "option-data": [ { "name": "routers", "data": "192.0.2.1" } ],
                "reservations": [ { "hw-address": "02:00:00:00:00:79", "ip-address": "192.0.2.15", "hostname": "res79" },
                  { "client-id": "01:aa:bb:cc", "ip-address": "192.0.2.16" },
                  { "hw-address": "02:00:00:00:00:86", "ip-address": "192.0.2.17" } ] },
              { "id": 2, "subnet": "198.51.100.0/24", "pools": [ { "pool": "198.51.100.10 - 198.51.100.20" } ],
                "reservations": [ { "circuit-id": "'port7'", "ip-address": "198.51.100.7" } ] } ]
            """;

    @Override
    String tag() {
        return "l4";
    }

    @Override
    String initialConfig() {
        return CONFIG;
    }

    static void exchanges(Run r) throws Exception {
        Client a = r.client(71).prl(1, 3, 6, 12, 15, 19, 26, 28, 51, 54, 119);
        r.send(a.select(r.send(a.discover())));
        r.send(a.renew());
        r.send(a.release());
        Client relayed = r.client(72);
        String rai = "0105706f72743702060a0b0c0d0e0f";
        r.send(relayed.select(r.send(relayed.discover().relayed("198.51.100.1").option(82, rai)))
                .relayed("198.51.100.1").option(82, rai));
        Client other = r.client(73);
        r.send(other.select(r.send(other.discover().relayed("198.51.100.1").option(82, "01036162630203010203"))));
        // sub-options out of order, a code 0, one code twice, a truncated last one: dumped as Kea read them
        r.send(r.client(75).discover().relayed("198.51.100.1").option(82, "0201aa0104000000ff00000101bb0206aabb"));
        r.send(r.client(80).inform("192.0.2.77"));
        r.send(r.client(80).inform("198.51.100.77").relayed("198.51.100.1"));
        Client nak = r.client(77);
        r.send(nak.initReboot("192.0.2.200"));
        Client d = r.client(74);
        r.send(d.select(r.send(d.discover())));
        r.send(d.decline());
        Client reserved = r.client(79);
        r.send(reserved.select(r.send(reserved.discover())));
        Client byId = r.client(81).clientId("01aabbcc");
        r.send(byId.select(r.send(byId.discover())));
        Client dropped = r.client(83).clientId("01dead");
        r.send(dropped.discover());
        r.send(r.client(86).discover());
    }

    static String config(int level, String file) {
        return CONFIG + ", \"loggers\": [ { \"name\": \"kea-dhcp4\", \"severity\": \"DEBUG\", \"debuglevel\": "
                + level + ", \"output_options\": [ { \"output\": \"@LOGDIR@/" + file + "\", \"flush\": true } ] } ]";
    }

    /** The messages whose lines are compared (with their multi-line dumps). */
    static final Set<String> IDS = new TreeSet<>(LoggingConformanceTest.IDS);

    static {
        IDS.addAll(Set.of("DHCP4_QUERY_DATA", "DHCP4_RESPONSE_DATA", "DHCP4_SUBNET_DATA", "DHCP4_BUFFER_UNPACK",
                "DHCP4_PACKET_DROP_0010", "DHCP4_PACKET_DROP_0013", "HOSTS_CFG_GET_ONE_SUBNET_ID_IDENTIFIER",
                "HOSTS_CFG_GET_ONE_SUBNET_ID_IDENTIFIER_NULL", "HOSTS_CFG_GET_ONE_SUBNET_ID_IDENTIFIER_HOST",
                "HOSTS_CFG_GET_ALL_IDENTIFIER", "HOSTS_CFG_GET_ALL_IDENTIFIER_COUNT", "HOSTS_CFG_GET_ALL_IDENTIFIER_HOST",
                "HOSTS_CFG_GET_ONE_SUBNET_ID_ADDRESS4", "HOSTS_CFG_GET_ONE_SUBNET_ID_ADDRESS4_NULL",
                "HOSTS_CFG_GET_ONE_SUBNET_ID_ADDRESS4_HOST", "HOSTS_CFG_GET_ALL_ADDRESS4", "HOSTS_CFG_GET_ALL_ADDRESS4_COUNT",
                "HOSTS_CFG_GET_ALL_ADDRESS4_HOST", "DHCPSRV_SUBNET4_SELECT_NO_RAI_OPTIONS",
                "DHCPSRV_SUBNET4_SELECT_NO_RELAY_ADDRESS", "DHCPSRV_SUBNET4_SELECT_BY_RELAY_ADDRESS_NO_MATCH",
                "DHCPSRV_SUBNET4_SELECT_BY_INTERFACE_NO_MATCH", "DHCPSRV_SUBNET4_SELECT_BY_ADDRESS_NO_MATCH",
                "DHCPSRV_CFGMGR_SUBNET4_ADDR", "DHCPSRV_CFGMGR_SUBNET4_IFACE", "DHCPSRV_CFGMGR_SUBNET4_RELAY"));
        // the lease store's traces, the skipped DNS updates and the class lines (LoggingQueries4AgainstKeaTest
        // has the flows with names and DNS updates on)
        IDS.addAll(Set.of("DHCPSRV_MEMFILE_GET_HWADDR", "DHCPSRV_MEMFILE_GET_CLIENTID", "DHCPSRV_MEMFILE_GET_ADDR4", "DHCPSRV_MEMFILE_ADD_ADDR4",
                "DHCPSRV_MEMFILE_UPDATE_ADDR4", "DHCPSRV_MEMFILE_DELETE_ADDR", "DHCPSRV_QUEUE_NCR_SKIP",
                "DHCP4_CLASS_ASSIGNED", "DHCP4_RESERVED_HOSTNAME_ASSIGNED"));
    }

    /** Kea's probed levels; -Druru.log4.levels=55 for one while working on the messages. */
    private static int[] levels() {
        String only = System.getProperty("ruru.log4.levels");
        return only == null ? KeaLogLevels.PROBES : java.util.Arrays.stream(only.split(",")).mapToInt(Integer::parseInt)
                .toArray();
    }

    /** The compared lines of a log: severity, logger, ID and text, the dumps' lines after their first. */
    static List<String> lines(String log, String iface, Map<String, Seen> seen, int level) {
        List<String> out = new ArrayList<>();
        boolean kept = false;
        boolean packets = false;
        for (String l : log.split("\n")) {
            Matcher m = KeaLogLevels.LINE.matcher(l);
            if (!m.matches()) {
                if (kept) {
                    out.add(l.replace(iface, "@IF@"));
                }
                continue;
            }
            String id = LoggingConformanceTest.asKea3(m.group(3), "").strip();
            // from the first line about a packet on (the configuration's lines before are not compared)
            packets |= id.startsWith("DHCP4_BUFFER") || id.startsWith("DHCP4_PACKET") || m.group(4).contains("tid=0x");
            kept = packets && IDS.contains(id);
            if (packets && seen != null) {
                seen.putIfAbsent(id, new Seen(level, m.group(1), m.group(2)));
            }
            if (kept) {
                out.add(m.group(1) + " [" + m.group(2) + "] "
                        + LoggingConformanceTest.asKea3(m.group(3), m.group(4).replace(iface, "@IF@")));
            }
        }
        return out;
    }

    /**
     * The same exchanges once per debug level Kea uses: at each level both servers write the same
     * lines of the compared messages in the same order; the lowest level at which Kea writes a
     * message of ruru's table is its level in the table and in ruru's log.
     */
    @Test
    void packetDumpsTracesAndDebugLevelsAsKeas() throws Exception {
        Map<String, Seen> keaSeen = new TreeMap<>();
        Map<String, Seen> ruruSeen = new TreeMap<>();
        int comparedLines = 0;
        for (int level : levels()) {
            String file = "level-" + level + ".log";
            Exception failed = null;
            try {
                oracle.play(Scenario.of("debug level " + level, config(level, file), Logging4AgainstKeaTest::exchanges));
            } catch (Exception e) {
                failed = e;
            }
            Thread.sleep(300);
            String k = Files.readString(oracle.kea.logDir().resolve(file), StandardCharsets.ISO_8859_1);
            String r = Files.readString(oracle.ruru.logDir().resolve(file), StandardCharsets.ISO_8859_1);
            List<String> kl = lines(k, oracle.keaLab.serverIface, keaSeen, level);
            List<String> rl = lines(r, oracle.ruruLab.serverIface, ruruSeen, level);
            if (!kl.equals(rl) || failed != null) {
                Path out = Files.createDirectories(Path.of("target", "conformance-logs"));
                Files.writeString(out.resolve("logging4-" + level + ".kea.log"), k);
                Files.writeString(out.resolve("logging4-" + level + ".ruru.log"), r);
            }
            if (failed != null) {
                throw failed;
            }
            assertThat(String.join("\n", rl)).as("log lines at debug level %d", level).isEqualTo(String.join("\n", kl));
            comparedLines += kl.size();
        }
        assertThat(keaSeen).containsKeys("DHCP4_QUERY_DATA", "DHCP4_RESPONSE_DATA", "DHCP4_SUBNET_DATA",
                "DHCP4_PACKET_DROP_0013");
        if (System.getProperty("ruru.log4.levels") != null) {
            return; // one level: the lines only, not the levels
        }
        int[] compared = {0};
        List<String> wrong = KeaLogLevels.wrong(Dhcp4Messages.values(), keaSeen, ruruSeen, "kea-dhcp4 2.2", compared);
        assertThat(wrong).as("messages compared: %d", compared[0]).isEmpty();
        assertThat(comparedLines).isGreaterThan(300);
    }
}
