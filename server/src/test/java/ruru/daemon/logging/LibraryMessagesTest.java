package ruru.daemon.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import ruru.testing.KeaMessageFiles;

/**
 * The shared libraries' table ({@link LibraryMessages}) against the message tables compiled into
 * Kea 2.2: libkea-dhcpsrv and libkea-hooks (kea-2.2-messages.tsv) and the lease_cmds, stat_cmds and
 * libkea-cfgclient (the command channel) and libkea-eval libraries
 * ({@code kea-2.2-library-messages.tsv}, re-extracted here from the installed
 * Kea so it cannot drift).
 */
class LibraryMessagesTest {

    static final String LIBRARIES = "/ruru/daemon/logging/kea-2.2-library-messages.tsv";
    static final String DAEMON = "/ruru/daemon/logging/kea-2.2-messages.tsv";
    static final String HOOKS = "/usr/lib/x86_64-linux-gnu/kea/hooks/";
    /** Kea 3's own messages (not in Kea 2.2), with the texts of Kea 3's message manual. */
    static final String KEA3 = "/ruru/daemon/logging/kea-3-library-messages.tsv";

    static Map<String, String> table(String resource) throws IOException {
        return KeaMessageFiles.table(resource);
    }

    @Test
    void everyMessageHasKeasIdAndText() throws IOException {
        Map<String, String> kea = table(DAEMON);
        kea.putAll(table(LIBRARIES));
        Map<String, String> kea3 = table(KEA3);
        assertThat(kea3.keySet()).as("Kea 3's only").doesNotContainAnyElementsOf(kea.keySet());
        kea.putAll(kea3);
        for (LibraryMessages m : LibraryMessages.values()) {
            assertThat(kea).as("Kea 2.2 or 3 has %s", m.name()).containsKey(m.name());
            assertThat(m.text()).as("text of %s", m.name()).isEqualTo(kea.get(m.name()));
            assertThat(m.in("kea-dhcp4").logger().getName()).isEqualTo("kea-dhcp4." + m.component());
            assertThat(m.in("kea-dhcp6").name()).isEqualTo(m.name());
        }
    }

    @Test
    void theGoldenFileIsWhatTheInstalledKeaCompiledIn() throws Exception {
        List<String> cmd = new ArrayList<>(List.of(HOOKS + "libdhcp_lease_cmds.so", HOOKS + "libdhcp_stat_cmds.so"));
        try (Stream<Path> libs = Files.list(Path.of("/usr/lib/x86_64-linux-gnu"))) {
            libs.map(Path::toString).filter(p -> p.matches(".*/libkea-(cfgclient|eval)\\.so\\.[0-9]+")).sorted().forEach(cmd::add);
        }
        assertThat(cmd).as("Kea 2.2's libraries (apt-get install kea-dhcp4-server)").hasSize(4);
        KeaMessageFiles.assertExtractedFrom(LIBRARIES, cmd);
    }
}
