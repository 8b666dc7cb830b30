package ruru.daemon.logging;

import ruru.daemon.config.ConfigException;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import ruru.json.Element;
import ruru.json.Json;
import ruru.json.JsonException;
import ruru.json.ListElement;
import ruru.json.MapElement;
import ruru.json.ParseOptions;

/** Every {@code loggers} list in Kea's shipped example configurations must parse. */
class KeaExamplesLoggersTest {

    static Path examplesDirectory() {
        return ruru.testing.KeaExamples.directory();
    }

    @Test
    void everyExampleLoggersListParses() throws Exception {
        Path examples = examplesDirectory();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(examples)) {
            files = walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        // Kea's examples log to /var/log/kea (its 3.0 default log directory) or to bare names.
        ruru.daemon.config.PathPolicy dirs = new ruru.daemon.config.PathPolicy(Path.of("/etc/kea"), java.util.Map.of(), false);
        int loggerLists = 0;
        int specs = 0;
        List<String> failures = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        for (Path file : files) {
            Element root;
            try {
                root = Json.parseFile(file, w -> { });
            } catch (JsonException e) {
                // The json parser (branch json, b6f8a3f) refuses reals written as ".5", which Kea's
                // all-keys examples use for t1-percent; patch those numbers so the loggers still get
                // checked, and keep the count visible.
                unreadable.add(e.getMessage());
                String text = Files.readString(file).replaceAll("(:\\s*)\\.(\\d)", "$10.$2");
                root = Json.parse(text, ParseOptions.file(file.toString(), w -> { }));
            }
            for (ListElement loggers : findLoggers(root)) {
                loggerLists++;
                try {
                    specs += LoggingConfigParser.parse(loggers, dirs).size();
                } catch (ConfigException e) {
                    failures.add(examples.relativize(file) + ": " + e.getMessage());
                }
            }
        }
        assertThat(failures).isEmpty();
        System.out.println("Kea examples the JSON parser refused before patching '.5': " + unreadable);
        assertThat(files).hasSizeGreaterThan(50);
        assertThat(loggerLists).isGreaterThanOrEqualTo(45);
        assertThat(specs).isGreaterThanOrEqualTo(loggerLists);
    }

    private static List<ListElement> findLoggers(Element e) throws IOException {
        List<ListElement> found = new ArrayList<>();
        collect(e, found);
        return found;
    }

    private static void collect(Element e, List<ListElement> found) {
        if (e instanceof MapElement m) {
            m.entries().forEach((k, v) -> {
                if (k.equals("loggers") && v instanceof ListElement l) {
                    found.add(l);
                } else {
                    collect(v, found);
                }
            });
        } else if (e instanceof ListElement l) {
            l.items().forEach(i -> collect(i, found));
        }
    }
}
