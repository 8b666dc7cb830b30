package ruru.dhcp4.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import ruru.daemon.config.ConfigException;
import ruru.daemon.config.PathPolicy;
import ruru.daemon.config.schema.Dhcp4Schema;
import ruru.daemon.config.schema.TopLevel;
import ruru.json.Json;
import ruru.json.MapElement;

/**
 * Kea's example configurations, read in place: every one the schema accepts (only supported
 * features) must also pass the typed parser. Paths are unchecked (-X): the examples name files
 * such as /tmp/kea-leases4.csv.
 */
class KeaExamplesParseTest {

    @Test
    void everySchemaAcceptedExampleParses() throws Exception {
        Path dir = ruru.testing.KeaExamples.directory().resolve("kea4");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        Map<String, Dhcp4ServiceConfig> parsed = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        for (Path file : files) {
            MapElement root = (MapElement) Json.parseFile(file, w -> { });
            MapElement raw = TopLevel.check(root, "Dhcp4", w -> { });
            MapElement dhcp4;
            try {
                dhcp4 = Dhcp4Schema.check(raw);
            } catch (ConfigException notYetSupported) {
                continue;
            }
            try {
                parsed.put(file.getFileName().toString(),
                        Dhcp4ServiceConfigParser.parse(dhcp4, new PathPolicy(dir, Map.of(), true),
                                ruru.testing.StandInInterfaces.ALL));
            } catch (ConfigException e) {
                failures.add(file.getFileName() + ": " + e.getMessage());
            }
        }
        System.out.println("Kea examples parsed: " + parsed.keySet());
        assertThat(failures).isEmpty();
        assertThat(parsed.keySet()).contains("advanced.json", "all-options.json", "global-reservations.json",
                "leases-expiration.json", "multiple-options.json", "reservations.json", "several-subnets.json",
                "shared-network.json", "single-subnet.json", "classify.json", "classify2.json", "vendor-specific.json",
                "vivso.json");

        // Spot checks against what the files say.
        Dhcp4ServiceConfig several = parsed.get("several-subnets.json");
        assertThat(several.subnets()).extracting(Subnet4::id).containsExactly(1L, 2L, 3L);
        assertThat(several.subnetById(2).orElseThrow().matchClientId()).isFalse();
        assertThat(several.subnetById(1).orElseThrow().totalAddresses()).isEqualTo(200);
        assertThat(several.echoClientId()).isFalse();
        assertThat(parsed.get("shared-network.json").sharedNetworks()).isNotEmpty();
        assertThat(parsed.get("global-reservations.json").globalReservations()).isNotEmpty();
        Dhcp4ServiceConfig classify = parsed.get("classify2.json");
        assertThat(classify.clientClasses().all()).extracting(c -> c.name())
                .containsExactly("second_subnet", "discovers", "broken", "VoIP", "VoIP_host");
        assertThat(classify.clientClasses().get("second_subnet").additional()).isTrue();
        assertThat(classify.clientClasses().get("VoIP_host").dependsOnKnown()).isTrue();
        assertThat(classify.clientClasses().get("VoIP").payload().serverHostname()).isEqualTo("hal9000");
        assertThat(classify.subnetById(1).orElseThrow().classes().allowed()).containsExactly("VoIP");
        assertThat(classify.subnetById(2).orElseThrow().classes().additional()).containsExactly("second_subnet");
        assertThat(classify.subnetById(4).orElseThrow().pools()).extracting(p -> p.classes().allowed())
                .containsExactly(java.util.List.of("UNKNOWN"), java.util.List.of("KNOWN"));
    }
}
