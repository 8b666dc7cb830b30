package ruru.dhcp6.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The dhcp6 message table against Kea's: {@code kea-2.2-dhcp6-messages.tsv} is the message table
 * compiled into Debian's kea-dhcp6 2.2 binary (its own DHCP6_* messages), {@code kea-2.2-messages.tsv}
 * that of the libraries it logs through (ALLOC_ENGINE_V6_*, DHCPSRV_*); both are extracted by
 * {@code extract-kea-messages.py}, and one test re-extracts the dhcp6 one from the installed Kea.
 */
class Dhcp6MessagesTest {

    private static final String LIBRARIES = "/ruru/daemon/logging/kea-2.2-messages.tsv";
    private static final String DHCP6 = "/ruru/daemon/logging/kea-2.2-dhcp6-messages.tsv";

    static Map<String, String> kea() throws IOException {
        Map<String, String> m = new HashMap<>();
        for (String resource : List.of(LIBRARIES, DHCP6)) {
            for (String line : read(resource).split("\n")) {
                int tab = line.indexOf('\t');
                if (tab > 0) {
                    m.put(line.substring(0, tab), line.substring(tab + 1));
                }
            }
        }
        return m;
    }

    private static String read(String resource) throws IOException {
        try (InputStream in = Dhcp6MessagesTest.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void everyMessageHasKeasIdAndText() throws IOException {
        Map<String, String> kea = kea();
        assertThat(kea.keySet().stream().filter(k -> k.startsWith("DHCP6_"))).hasSizeGreaterThan(100);
        for (Dhcp6Messages m : Dhcp6Messages.values()) {
            assertThat(kea).as("Kea 2.2 has %s", m.name()).containsKey(m.name());
            assertThat(m.text()).as("text of %s", m.name()).isEqualTo(kea.get(m.name()));
        }
    }

    @Test
    void everyLoggerIsUnderKeaDhcp6() {
        for (Dhcp6Messages m : Dhcp6Messages.values()) {
            assertThat(m.logger().getName()).startsWith("kea-dhcp6.");
            assertThat(m.debugLevel()).isBetween(0, 99);
        }
    }

    @Test
    void reclamationEpisodeIdsAreRurusOwn() throws IOException {
        Map<String, String> kea = kea();
        assertThat(kea).doesNotContainKeys(Dhcp6Messages.RECLAIM.reclaimRecoveredId(),
                Dhcp6Messages.RECLAIM.deleteRecoveredId());
        assertThat(Dhcp6Messages.RECLAIM.complete().name()).isEqualTo("ALLOC_ENGINE_V6_LEASES_RECLAMATION_COMPLETE");
    }

    /** ruru's own messages where Kea has none, each with its reason (so no ID is made up by accident). */
    static final Map<String, String> RURU_ONLY = Map.of(
            "DHCP6_RECEIVE_BUFFER_OVERFLOW", "gso: the kernel dropped queries on a full socket receive buffer"
                    + " (SO_RXQ_OVFL); Kea does not read these drops",
            "DHCP6_SEGMENTATION_OFF", "gso: the kernel refused UDP segmentation offload on a socket; Kea sends"
                    + " each reply with its own system call",
            "DHCP6_RECLAIM_EXPIRED_LEASES_RECOVERED", "hardening: reclamation works again after"
                    + " DHCP6_RECLAIM_EXPIRED_LEASES_FAIL (logged once per episode)",
            "ALLOC_ENGINE_V6_RECLAIMED_LEASES_DELETE_RECOVERED", "hardening: flushing reclaimed leases works again after"
                    + " ALLOC_ENGINE_V6_RECLAIMED_LEASES_DELETE_FAILED (logged once per episode)");

    private static final java.util.regex.Pattern ID_LITERAL =
            java.util.regex.Pattern.compile("\"((?:DHCP6|DHCPSRV|ALLOC_ENGINE)_[A-Z0-9_]+)[ \"]");

    /** No message ID is made up: every ID the DHCPv6 server writes is one of Kea's (or a declared ruru one). */
    @Test
    void theDhcp6ServerWritesNoInventedMessageIds() throws IOException {
        Map<String, String> kea = kea();
        List<String> invented = new ArrayList<>();
        for (Dhcp6Messages m : Dhcp6Messages.values()) {
            if (!kea.containsKey(m.name())) {
                invented.add("Dhcp6Messages: " + m.name());
            }
        }
        Path main = Path.of("src/main/java/ruru");
        List<Path> files = new ArrayList<>();
        try (var walk = java.nio.file.Files.walk(main.resolve("dhcp6"))) {
            walk.filter(f -> f.toString().endsWith(".java")).forEach(files::add);
        }
        try (var net = java.nio.file.Files.list(main.resolve("net"))) {
            net.filter(f -> f.getFileName().toString().matches(".*6.*\\.java")).forEach(files::add);
        }
        java.util.Set<String> written = new java.util.TreeSet<>();
        for (Path f : files) {
            java.util.regex.Matcher m = ID_LITERAL.matcher(java.nio.file.Files.readString(f));
            while (m.find()) {
                written.add(m.group(1));
                if (!kea.containsKey(m.group(1)) && !RURU_ONLY.containsKey(m.group(1))) {
                    invented.add(main.relativize(f) + ": " + m.group(1));
                }
            }
        }
        assertThat(invented).as("message IDs kea-dhcp6 2.2 does not have").isEmpty();
        RURU_ONLY.keySet().forEach(id -> {
            assertThat(kea).as("Kea has %s: use Kea's", id).doesNotContainKey(id);
            assertThat(written).as("%s declared ruru-only but not written", id).contains(id);
        });
        assertThat(files).hasSizeGreaterThan(40);
    }

    /** The golden file is what the installed kea-dhcp6 2.2 says (CI installs kea-dhcp6-server and binutils). */
    @Test
    void theGoldenFileIsWhatTheInstalledKeaDhcp6CompiledIn() throws Exception {
        Path script = Path.of("src/test/resources/ruru/daemon/logging/extract-kea-messages.py");
        List<String> cmd = new ArrayList<>(List.of("python3", script.toString(), "/usr/sbin/kea-dhcp6"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(new TreeSet<>(List.of(out.split("\n")))).isEqualTo(new TreeSet<>(List.of(read(DHCP6).split("\n"))));
    }
}
