package ruru.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class FlagsTest {

    @Test
    void runWithAllOptions() throws Exception {
        Flags f = Flags.parse(List.of("-d", "-p", "1067", "-P", "1068", "-X", "-c", "kea.json"));
        assertThat(f.mode()).isEqualTo(Flags.Mode.RUN);
        assertThat(f.configFile()).contains(Path.of("kea.json"));
        assertThat(f.debug()).isTrue();
        assertThat(f.serverPort()).contains(1067);
        assertThat(f.clientPort()).contains(1068);
        assertThat(f.noPathChecks()).isTrue();
    }

    @Test
    void checkModes() throws Exception {
        assertThat(Flags.parse(List.of("-t", "a.json")).mode()).isEqualTo(Flags.Mode.CHECK);
        assertThat(Flags.parse(List.of("-T", "a.json")).mode()).isEqualTo(Flags.Mode.CHECK_DEEP);
    }

    @Test
    void versionFlagsWinOverRunAndNeedNoFile() throws Exception {
        assertThat(Flags.parse(List.of("-v")).mode()).isEqualTo(Flags.Mode.VERSION);
        assertThat(Flags.parse(List.of("-c", "a.json", "-V")).mode()).isEqualTo(Flags.Mode.EXTENDED_VERSION);
        assertThat(Flags.parse(List.of("-W", "-v")).mode()).isEqualTo(Flags.Mode.BUILD_REPORT);
    }

    @Test
    void errors() {
        assertThatThrownBy(() -> Flags.parse(List.of())).hasMessageContaining("no configuration file");
        assertThatThrownBy(() -> Flags.parse(List.of("-c", "a", "-t", "b"))).hasMessageContaining("only one of");
        assertThatThrownBy(() -> Flags.parse(List.of("--config", "a"))).hasMessageContaining("unknown option --config");
        assertThatThrownBy(() -> Flags.parse(List.of("a.json"))).hasMessageContaining("unexpected argument a.json");
        assertThatThrownBy(() -> Flags.parse(List.of("-p", "x", "-c", "a"))).hasMessageContaining("port must be");
        assertThatThrownBy(() -> Flags.parse(List.of("-t"))).hasMessageContaining("needs a value");
    }
}
