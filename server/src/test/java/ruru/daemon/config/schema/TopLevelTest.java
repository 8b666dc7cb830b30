package ruru.daemon.config.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static ruru.daemon.config.schema.Tree.map;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import ruru.daemon.config.ConfigException;
import ruru.json.MapElement;

class TopLevelTest {

    @Test
    void returnsTheDaemonMapAndWarnsAboutEachOtherElement() throws ConfigException {
        MapElement dhcp4 = map("valid-lifetime", 1);
        MapElement dhcp6 = map();
        MapElement root = map("Dhcp6", dhcp6, "Dhcp4", dhcp4, "Foo", 1);
        List<String> warnings = new ArrayList<>();

        MapElement found = TopLevel.check(root, "Dhcp4", warnings::add);

        assertThat(found).isSameAs(dhcp4);
        assertThat(warnings).containsExactly(
                "ignoring unsupported top-level element 'Dhcp6' (" + dhcp6.position() + ")",
                "ignoring unsupported top-level element 'Foo' (" + root.get("Foo").position() + ")");
    }

    @Test
    void missingOrMistypedDaemonElementUsesKeasTexts() {
        assertThatThrownBy(() -> TopLevel.check(map("Dhcp6", map()), "Dhcp4", w -> { }))
                .isInstanceOf(ConfigException.class).hasMessage("Missing mandatory 'Dhcp4' parameter.");
        assertThatThrownBy(() -> TopLevel.check(map("Dhcp4", Tree.list()), "Dhcp4", w -> { }))
                .hasMessage("'Dhcp4' parameter expected to be a map.");
        assertThatThrownBy(() -> TopLevel.checkCommand(map(), "Dhcp6"))
                .hasMessage("Missing mandatory 'Dhcp6' parameter.");
    }

    @Test
    void commandArgumentsRefuseOtherElementsAsKeaDoes() throws ConfigException {
        MapElement dhcp4 = map();
        assertThat(TopLevel.checkCommand(map("Dhcp4", dhcp4), "Dhcp4")).isSameAs(dhcp4);
        assertThatThrownBy(() -> TopLevel.checkCommand(map("Dhcp4", map(), "Dhcp6", map(), "Foo", 1), "Dhcp4"))
                .hasMessage("Unsupported 'Dhcp6' parameter (and 'Foo').");
        assertThatThrownBy(() -> TopLevel.checkCommand(map("Control-agent", map(), "Dhcp4", map()), "Dhcp4"))
                .hasMessage("Unsupported 'Control-agent' parameter.");
    }
}
