package ruru.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IncludeTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    private static Element parseFile(Path p) throws JsonException {
        return Json.parseFile(p, w -> { });
    }

    @Test
    void includeStandsForAValue() throws Exception {
        write("sub.json", "{ \"pool\": \"10.0.0.1 - 10.0.0.9\" }");
        Path main = write("kea.conf", "{ \"a\": <?include \"sub.json\"?>, \"b\": 2 }");
        assertThat(parseFile(main)).isEqualTo(MapElement.builder()
                .put("a", MapElement.builder().put("pool", "10.0.0.1 - 10.0.0.9").build()).put("b", 2).build());
    }

    @Test
    void includeSplicesMembersAndItemsLikeKeasLexer() throws Exception {
        write("members.json", "\"x\": 1,\n\"y\": 2");
        write("items.json", "2, 3");
        Path main = write("kea.conf", "{ <?include \"members.json\"?>, \"l\": [1, <?include \"items.json\"?>] }");
        assertThat(parseFile(main)).isEqualTo(MapElement.builder().put("x", 1).put("y", 2)
                .put("l", Element.list(Element.of(1), Element.of(2), Element.of(3))).build());
    }

    @Test
    void positionsInsideAnIncludedFileNameThatFile() throws Exception {
        Path sub = write("conf.d/sub.json", "# comment\n  { \"k\": true }");
        Path main = write("kea.conf", "{\n \"a\": <?include \"conf.d/sub.json\"?>\n}");
        MapElement a = (MapElement) ((MapElement) parseFile(main)).get("a");
        assertThat(a.position()).isEqualTo(new Position(sub.toString(), 2, 3));
        assertThat(a.get("k").position()).isEqualTo(new Position(sub.toString(), 2, 10));
    }

    @Test
    void relativePathsResolveAgainstTheIncludingFile() throws Exception {
        write("a/b/leaf.json", "42");
        write("a/mid.json", "[<?include \"b/leaf.json\"?>]");
        Path main = write("kea.conf", "{\"v\": <?include \"a/mid.json\"?>}");
        assertThat(parseFile(main)).isEqualTo(MapElement.builder().put("v", Element.list(Element.of(42))).build());
    }

    @Test
    void absolutePathsWork() throws Exception {
        Path leaf = write("leaf.json", "\"abs\"");
        Path main = write("x/kea.conf", "[<?include \"" + leaf + "\"?>]");
        assertThat(parseFile(main)).isEqualTo(Element.list(Element.of("abs")));
    }

    @Test
    void blanksAreAllowedInsideTheDirective() throws Exception {
        write("v.json", "7");
        Path main = write("kea.conf", "[<?  include\n \"v.json\"  ?>]");
        assertThat(parseFile(main)).isEqualTo(Element.list(Element.of(7)));
    }

    @Test
    void missingFileIsAnErrorAtTheDirective() throws Exception {
        Path main = write("kea.conf", "{\n  \"a\": <?include \"nope.json\"?> }");
        assertThatThrownBy(() -> parseFile(main)).isInstanceOf(JsonException.class)
                .hasMessage(main + ":2:8: cannot open include file " + dir.resolve("nope.json") + ": no such file");
    }

    @Test
    void errorInsideAnIncludedFileIsPositionedThere() throws Exception {
        Path sub = write("sub.json", "{\n  \"a\": 1\n  \"b\": 2 }");
        Path main = write("kea.conf", "[<?include \"sub.json\"?>]");
        assertThatThrownBy(() -> parseFile(main)).isInstanceOf(JsonException.class)
                .hasMessage(sub + ":3:3: syntax error, unexpected string \"b\", expecting ',' or '}'");
    }

    @Test
    void duplicateAcrossFilesNamesBothFiles() throws Exception {
        Path sub = write("sub.json", "\"a\": 2");
        Path main = write("kea.conf", "{\"a\": 1, <?include \"sub.json\"?>}");
        assertThatThrownBy(() -> parseFile(main)).isInstanceOf(JsonException.class)
                .hasMessage(sub + ":1:1: duplicate a entries in JSON map (previous at " + main + ":1:2)");
    }

    @Test
    void tenNestedLevelsAreFineElevenAreTooDeep() throws Exception {
        write("f10.json", "10");
        for (int i = 9; i >= 0; i--) {
            write("f" + i + ".json", "[<?include \"f" + (i + 1) + ".json\"?>]");
        }
        // f0 is the top file: it includes f1 ... f10, ten nested includes.
        Element e = parseFile(dir.resolve("f0.json"));
        for (int i = 0; i < 10; i++) {
            e = ((ListElement) e).get(0);
        }
        assertThat(e).isEqualTo(Element.of(10));

        write("f10.json", "[<?include \"f11.json\"?>]");
        write("f11.json", "11");
        assertThatThrownBy(() -> parseFile(dir.resolve("f0.json"))).isInstanceOf(JsonException.class)
                .hasMessage(dir.resolve("f10.json") + ":1:2: too many nested includes (more than 10 levels): f11.json");
    }

    @Test
    void cycleHitsTheDepthLimit() throws Exception {
        Path a = write("a.json", "[<?include \"b.json\"?>]");
        write("b.json", "[<?include \"a.json\"?>]");
        assertThatThrownBy(() -> parseFile(a)).isInstanceOf(JsonException.class)
                .hasMessageContaining("too many nested includes");
        Path self = write("self.json", "[<?include \"self.json\"?>]");
        assertThatThrownBy(() -> parseFile(self)).isInstanceOf(JsonException.class)
                .hasMessage(self + ":1:2: too many nested includes (more than 10 levels): self.json");
    }

    @Test
    void malformedDirectives() throws Exception {
        assertThat(directiveError("[<?includ \"x\"?>]")).isEqualTo("1:4: include directive opened at kea.conf:1:2: expected include");
        assertThat(directiveError("[<?include x?>]")).isEqualTo("1:12: include directive: expected a quoted file name");
        assertThat(directiveError("[<?include \"x\n\"?>]")).isEqualTo("1:2: include directive: file name not closed or empty");
        assertThat(directiveError("[<?include \"\"?>]")).isEqualTo("1:2: include directive: file name not closed or empty");
        assertThat(directiveError("[<?include \"x\"]")).isEqualTo("1:15: include directive opened at kea.conf:1:2: expected ?>");
        assertThat(directiveError("[<?include \"x\"")).isEqualTo("1:15: include directive opened at kea.conf:1:2: expected ?>");
    }

    private static String directiveError(String text) {
        try {
            Json.parse(text, ParseOptions.file("kea.conf", w -> { }));
        } catch (JsonException e) {
            return e.position().line() + ":" + e.position().col() + ": " + e.detail();
        }
        throw new AssertionError("accepted " + text);
    }

    @Test
    void parseWithFileOriginResolvesAgainstTheCurrentDirectory() throws Exception {
        // The working directory of the test run holds pom.xml; include a file relative to it.
        Path cwdFile = Path.of("target", "include-test-" + ProcessHandle.current().pid() + ".json");
        Files.createDirectories(cwdFile.getParent());
        Files.writeString(cwdFile, "{\"from\": \"cwd\"}");
        try {
            Element e = Json.parse("[<?include \"" + cwdFile + "\"?>]", ParseOptions.file("kea.conf", w -> { }));
            assertThat(e).isEqualTo(Element.list(MapElement.builder().put("from", "cwd").build()));
        } finally {
            Files.deleteIfExists(cwdFile);
        }
    }

    @Test
    void extraCommaInIncludedFileWarnsWithItsPosition() throws Exception {
        Path sub = write("sub.json", "[1,]");
        Path main = write("kea.conf", "{\"a\": <?include \"sub.json\"?>}");
        List<JsonWarning> warnings = new ArrayList<>();
        Json.parseFile(main, warnings::add);
        assertThat(warnings).extracting(JsonWarning::position).containsExactly(new Position(sub.toString(), 1, 3));
    }

    @Test
    void missingTopFileIsAJsonException() {
        assertThatThrownBy(() -> parseFile(dir.resolve("absent.conf"))).isInstanceOf(JsonException.class)
                .hasMessageContaining("absent.conf").hasMessageContaining("no such file");
    }
}
