package ruru.daemon.config.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import ruru.daemon.config.schema.Problem.Category;
import ruru.json.Element;
import ruru.json.Json;
import ruru.json.JsonException;
import ruru.json.MapElement;

/**
 * Kea's own example configurations, read in place: each must either be accepted or be refused only
 * because it uses a feature ruru does not implement yet, never for an unknown key or a wrong type
 * (that would mean the schema misses or mistypes a Kea key).
 */
class KeaExamplesTest {

    static Path examplesDir() {
        return ruru.testing.KeaExamples.directory().resolve("kea4");
    }

    @Test
    void everyExampleIsAcceptedOrRefusedOnlyAsNotYetSupported() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(examplesDir())) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(files).as("example files").hasSizeGreaterThanOrEqualTo(20);

        Map<String, List<Problem>> byFile = new LinkedHashMap<>();
        List<String> wrong = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        for (Path file : files) {
            List<Problem> problems;
            try {
                problems = problems(file);
            } catch (JsonException e) {
                // Kea reads every one of its examples, so this is a JSON-layer gap, reported apart.
                unreadable.add(e.getMessage());
                continue;
            }
            byFile.put(file.getFileName().toString(), problems);
            problems.stream().filter(p -> p.category() != Category.NOT_YET)
                    .forEach(p -> wrong.add(file.getFileName() + ": " + p));
        }
        System.out.println(table(byFile));

        assertThat(unreadable).as("examples the JSON parser could not read").isEmpty();
        assertThat(wrong).as("problems other than not-yet-supported features").isEmpty();
        // The plain examples use nothing ruru lacks; if these fail, a supported key went missing.
        assertThat(byFile.get("single-subnet.json")).isEmpty();
        assertThat(byFile.get("several-subnets.json")).isEmpty();
        // all-keys.json uses everything, so it must name the features ruru still lacks.
        assertThat(byFile.get("all-keys.json")).extracting(p -> p.feature().orElseThrow())
                .contains("host database", "configuration backend");
    }

    private static List<Problem> problems(Path file) throws Exception {
        Element root = Json.parseFile(file, w -> { });
        assertThat(root).as(file + " top level").isInstanceOf(MapElement.class);
        List<String> warnings = new ArrayList<>();
        MapElement dhcp4 = TopLevel.check((MapElement) root, "Dhcp4", warnings::add);
        assertThat(warnings).as(file + " top-level warnings").isEmpty();
        return Dhcp4Schema.schema().validate(dhcp4).problems();
    }

    /** One row per file: accepted, or each not-yet feature with where it is first used. */
    private static String table(Map<String, List<Problem>> byFile) throws IOException {
        StringBuilder out = new StringBuilder("\n| file | result | not-yet features (first use) |\n|---|---|---|\n");
        for (Map.Entry<String, List<Problem>> e : byFile.entrySet()) {
            Map<String, String> features = new LinkedHashMap<>();
            for (Problem p : e.getValue()) {
                String where = p.position().line() + ":" + p.position().col();
                features.putIfAbsent(p.feature().orElse("NOT A NOT-YET PROBLEM: " + p.detail()), where);
            }
            out.append("| ").append(e.getKey()).append(" | ")
                    .append(e.getValue().isEmpty() ? "accepted" : "refused (" + e.getValue().size() + ")")
                    .append(" | ");
            List<String> cells = new ArrayList<>();
            features.forEach((f, where) -> cells.add(f + " @" + where));
            out.append(String.join("; ", cells)).append(" |\n");
        }
        return out.toString();
    }
}
