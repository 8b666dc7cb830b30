package ruru.dhcp4.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The dhcp4 message table against Kea's: {@code kea-2.2-messages.tsv} is the message table
 * compiled into Debian's Kea 2.2 binaries (kea-dhcp4 and the libkea-* libraries it logs through),
 * extracted by {@code extract-kea-messages.py} beside it; one test re-extracts it from the
 * installed Kea (bin/test installs kea-dhcp4-server and binutils) so the golden file cannot drift.
 */
class Dhcp4MessagesTest {

    static final String RESOURCE = "/ruru/daemon/logging/kea-2.2-messages.tsv";
    private static final Pattern ID_LITERAL = Pattern.compile("\"((?:DHCP4|DHCPSRV|ALLOC_ENGINE)_[A-Z0-9_]+)[ \"]");

    static Map<String, String> kea() throws IOException {
        return ruru.testing.KeaMessageFiles.table(RESOURCE);
    }

    @Test
    void everyMessageHasKeasTextAndIdExceptKea3Additions() throws IOException {
        Map<String, String> kea = kea();
        assertThat(kea).hasSizeGreaterThan(500);
        for (Dhcp4Messages m : Dhcp4Messages.values()) {
            if (m.kea3()) {
                assertThat(kea).as("%s is a Kea 3 addition, not in 2.2", m).doesNotContainKey(m.name());
                continue;
            }
            assertThat(kea).as("Kea 2.2 has %s", m.name()).containsKey(m.name());
            assertThat(m.text()).as("text of %s", m.name()).isEqualTo(kea.get(m.name()));
        }
    }

    @Test
    void everyLoggerIsUnderKeaDhcp4() {
        for (Dhcp4Messages m : Dhcp4Messages.values()) {
            assertThat(m.logger().getName()).startsWith("kea-dhcp4.");
            assertThat(m.debugLevel()).isBetween(0, 99);
        }
    }

    /**
     * ruru's own messages, for what Kea has no message (each must be named here with its reason,
     * so no ID is made up by accident).
     */
    static final java.util.Map<String, String> RURU_ONLY = withSocketMessages(java.util.Map.of(
            "DHCPSRV_MEMFILE_LEASE_LOAD_PROGRESS", "ops: progress of a large lease file load; Kea logs none",
            "DHCPSRV_MEMFILE_LEASE_LOAD_DONE", "ops: end of that load with its duration; Kea logs none",
            "DHCPSRV_MEMFILE_WRITE_FAIL", "hardening: a lease-write failure episode starts; Kea has no episodes"
                    + " (a failed append fails each exchange alone)",
            "DHCPSRV_MEMFILE_WRITE_RECOVERED", "hardening: that episode ends with the next good write; Kea has no such message",
            "DHCPSRV_PGSQL_WRITE_FAIL", "pgsql: a lease-database write failure episode starts (as DHCPSRV_MEMFILE_WRITE_FAIL)",
            "DHCPSRV_PGSQL_WRITE_RECOVERED", "pgsql: that episode ends with the next good write",
            "DHCPSRV_MEMFILE_LFC_RECOVERED", "hardening: lease file cleanup works again after DHCPSRV_MEMFILE_LFC_SPAWN_FAIL",
            "DHCP4_RECLAIM_EXPIRED_LEASES_RECOVERED", "hardening: reclamation works again after"
                    + " DHCP4_RECLAIM_EXPIRED_LEASES_FAIL (logged once per episode)",
            "ALLOC_ENGINE_V4_RECLAIMED_LEASES_DELETE_RECOVERED", "hardening: flushing reclaimed leases works again after"
                    + " ALLOC_ENGINE_V4_RECLAIMED_LEASES_DELETE_FAILED (logged once per episode)"));

    /** The sockets' own (ruru.net): what Kea has no socket feature for. */
    private static java.util.Map<String, String> withSocketMessages(java.util.Map<String, String> others) {
        java.util.Map<String, String> all = new java.util.HashMap<>(others);
        all.put("DHCP4_RECEIVE_BUFFER_OVERFLOW", "gso: the kernel dropped queries on a full socket receive buffer"
                + " (SO_RXQ_OVFL); Kea does not read these drops");
        all.put("DHCP4_SEGMENTATION_OFF", "gso: the kernel refused UDP segmentation offload on a socket; Kea sends"
                + " each reply with its own system call");
        return java.util.Map.copyOf(all);
    }

    /** No message ID is made up: every ID the DHCPv4 server writes is one of Kea's (or a declared ruru one). */
    @Test
    void theDhcp4ServerWritesNoInventedMessageIds() throws IOException {
        Map<String, String> kea = kea();
        List<String> invented = new ArrayList<>();
        writtenIds().forEach((id, files) -> {
            boolean kea3 = Stream.of(Dhcp4Messages.values()).anyMatch(x -> x.kea3() && x.name().equals(id));
            if (!kea.containsKey(id) && !kea3 && !RURU_ONLY.containsKey(id)) {
                files.forEach(f -> invented.add(f + ": " + id));
            }
        });
        assertThat(invented).as("message IDs Kea does not have").isEmpty();
    }

    /** A declared ruru-only ID is really not Kea's (else Kea's is the one to use) and is still written. */
    @Test
    void everyRuruOnlyIdIsNotKeasAndStillWritten() throws IOException {
        Map<String, String> kea = kea();
        Map<String, List<String>> written = writtenIds();
        RURU_ONLY.forEach((id, reason) -> {
            assertThat(kea).as("Kea 2.2 has %s: use Kea's message", id).doesNotContainKey(id);
            assertThat(written).as("%s is declared ruru-only but no longer written", id).containsKey(id);
            assertThat(reason).as("reason for %s", id).isNotBlank();
        });
    }

    /** The message IDs in string literals of dhcp4/, net/ and lease/, each with the files it is in. */
    private static Map<String, List<String>> writtenIds() throws IOException {
        Map<String, List<String>> ids = new java.util.TreeMap<>();
        Path main = Path.of("src/main/java/ruru");
        for (String dir : List.of("dhcp4", "net", "lease")) {
            try (Stream<Path> files = Files.walk(main.resolve(dir))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    Matcher m = ID_LITERAL.matcher(Files.readString(f));
                    while (m.find()) {
                        ids.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(main.relativize(f).toString());
                    }
                }
            }
        }
        return ids;
    }

    /** The golden file is what the installed Kea 2.2 says (CI installs it; readelf comes with binutils). */
    @Test
    void theGoldenFileIsWhatTheInstalledKeaCompiledIn() throws Exception {
        Path script = Path.of("src/test/resources/ruru/daemon/logging/extract-kea-messages.py");
        List<String> cmd = new ArrayList<>(List.of("python3", script.toString(), "/usr/sbin/kea-dhcp4"));
        try (Stream<Path> libs = Files.list(Path.of("/usr/lib/x86_64-linux-gnu"))) {
            libs.map(Path::toString).filter(p -> p.matches(".*/libkea-(dhcpsrv|dhcp\\+\\+|hooks|log)\\.so\\.[0-9]+"))
                    .sorted().forEach(cmd::add);
        }
        assertThat(cmd).as("Kea 2.2's binaries (apt-get install kea-dhcp4-server)").hasSize(7);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        try (InputStream in = Dhcp4MessagesTest.class.getResourceAsStream(RESOURCE)) {
            assertThat(new TreeSet<>(List.of(out.split("\n"))))
                    .isEqualTo(new TreeSet<>(List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"))));
        }
    }
}
