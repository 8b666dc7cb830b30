package ruru.daemon.config.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static ruru.daemon.config.schema.Tree.at;
import static ruru.daemon.config.schema.Tree.list;
import static ruru.daemon.config.schema.Tree.map;
import static ruru.daemon.config.schema.Tree.num;
import static ruru.daemon.config.schema.Tree.str;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import ruru.daemon.config.ConfigException;
import ruru.daemon.config.schema.Problem.Category;
import ruru.json.Element;
import ruru.json.MapElement;
import ruru.json.StringElement;

class SchemaTest {

    private static final Schema INNER = Schema.builder()
            .key("name", Kind.string())
            .userContext()
            .build();

    private static final Schema SCHEMA = Schema.builder()
            .key("s", Kind.string())
            .key("addr", Kind.ipv4())
            .key("n", Kind.integer(0, 10))
            .key("big", Kind.integer())
            .key("r", Kind.real())
            .key("b", Kind.bool())
            .key("any", Kind.any())
            .key("params", Kind.anyMap())
            .key("inner", Kind.map(INNER))
            .key("inners", Kind.list(Kind.map(INNER)))
            .key("names", Kind.list(Kind.string()))
            .key("mode", Kind.choice().supported("a", "b").notYet("mode c", "c").build())
            .notYet("teleportation", "beam", "warp")
            .userContext()
            .build();

    private static final Schema PLAIN = Schema.builder().key("x", Kind.integer()).build();

    @Test
    void acceptsEveryDeclaredKindAndKeepsValues() throws ConfigException {
        MapElement in = map("s", "text", "addr", "192.0.2.1", "n", 10, "big", -5L, "r", 0.5, "b", true,
                "any", list(num(1), str("x")), "params", map("whatever", map("deep", true)),
                "inner", map("name", "i"), "inners", list(map("name", "j")), "names", list(str("a")),
                "mode", "b");

        MapElement out = SCHEMA.check(in);

        assertThat(out).isEqualTo(in);
        assertThat(out.position()).isEqualTo(in.position());
        assertThat(out.get("inner").position()).isEqualTo(in.get("inner").position());
    }

    @Test
    void unknownKeyIsSpuriousAtItsValue() {
        StringElement value = str("v");
        MapElement in = map("s", "ok", "foo", value);

        assertThatThrownBy(() -> SCHEMA.check(in))
                .isInstanceOf(ConfigException.class)
                .hasMessage(at("spurious 'foo' parameter", value))
                .extracting(e -> ((ConfigException) e).position()).isEqualTo(value.position());
    }

    @Test
    void unknownKeyWordingCanBeReplaced() {
        Schema global = Schema.builder().unknownKey(k -> "unsupported global configuration parameter: " + k).build();
        Element value = num(1);

        assertThatThrownBy(() -> global.check(map("BOGUS", value)))
                .hasMessage(at("unsupported global configuration parameter: BOGUS", value));
    }

    @Test
    void wrongTypesUseKeasWording() {
        assertWrongType("s", num(1), "'s' parameter is not a string");
        assertWrongType("addr", num(1), "'addr' parameter is not a string");
        assertWrongType("n", str("1"), "'n' parameter is not an integer");
        assertWrongType("n", Tree.real(1.0), "'n' parameter is not an integer");
        assertWrongType("r", num(1), "'r' parameter is not a real");
        assertWrongType("b", str("true"), "'b' parameter is not a boolean");
        assertWrongType("params", list(), "'params' parameter is not a map");
        assertWrongType("inner", list(), "'inner' parameter is not a map");
        assertWrongType("names", map(), "'names' parameter is not a list");
        assertWrongType("mode", num(2), "'mode' parameter is not a string");
    }

    private static void assertWrongType(String key, Element value, String detail) {
        Schema.Result r = SCHEMA.validate(map(key, value));
        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.category()).isEqualTo(Category.WRONG_TYPE);
            assertThat(p.detail()).isEqualTo(detail);
            assertThat(p.position()).isEqualTo(value.position());
        });
    }

    @Test
    void listEntriesAreCheckedOneByOne() {
        Element bad = num(3);
        MapElement in = map("names", list(str("a"), bad, str("c")));

        Schema.Result r = SCHEMA.validate(in);

        assertThat(r.problems()).singleElement().hasToString(at("'names' entry is not a string", bad));
        assertThat(r.normalized().get("names")).isEqualTo(Element.list(Element.of("a"), Element.of("c")));
    }

    @Test
    void integerRangeUsesKeasText() {
        Element value = num(11);
        assertThatThrownBy(() -> SCHEMA.check(map("n", value)))
                .hasMessage(at("The 'n' value (11) is not within expected range: (0 - 10)", value));
        assertThatThrownBy(() -> SCHEMA.check(map("n", -1)))
                .hasMessageStartingWith("The 'n' value (-1) is not within expected range: (0 - 10)");
    }

    @Test
    void enumRefusesUnknownValuesAndNamesNotYetOnes() {
        Element bogus = str("z");
        Element later = str("c");

        Schema.Result r = SCHEMA.validate(map("mode", bogus, "s", "x", "mode2", 1));
        assertThat(r.problems().getFirst()).hasToString(at("'mode' parameter value 'z' is not one of: a, b, c", bogus));
        assertThat(r.problems().getFirst().category()).isEqualTo(Category.BAD_VALUE);

        Problem p = SCHEMA.validate(map("mode", later)).problems().getFirst();
        assertThat(p.category()).isEqualTo(Category.NOT_YET);
        assertThat(p.feature()).contains("mode c");
        assertThat(p).hasToString(at("parameter 'mode' value 'c' is not supported yet by ruru (mode c)", later));
    }

    @Test
    void notYetKeyIsRefusedWithFeatureAndPositionWhateverItsValue() {
        MapElement value = map("anything", list());

        Schema.Result r = SCHEMA.validate(map("s", "ok", "warp", value));

        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.category()).isEqualTo(Category.NOT_YET);
            assertThat(p.feature()).contains("teleportation");
            assertThat(p.position()).isEqualTo(value.position());
            assertThat(p.detail()).isEqualTo("parameter 'warp' is not supported yet by ruru (teleportation)");
        });
        assertThat(r.normalized().has("warp")).isFalse();
    }

    @Test
    void problemsInNestedMapsPointIntoThem() {
        Element deep = num(5);
        MapElement in = map("inners", list(map("name", "a"), map("name", deep)));

        assertThatThrownBy(() -> SCHEMA.check(in)).hasMessage(at("'name' parameter is not a string", deep));
    }

    @Test
    void validateReportsAllProblemsInDocumentOrderAndCheckThrowsTheFirst() {
        Element first = str("x");
        Element second = num(1);
        Element third = num(2);
        MapElement in = map("n", first, "s", second, "beam", third);

        Schema.Result r = SCHEMA.validate(in);

        assertThat(r.problems()).extracting(Problem::position)
                .containsExactly(first.position(), second.position(), third.position());
        assertThat(r.problems()).extracting(Problem::category)
                .containsExactly(Category.WRONG_TYPE, Category.WRONG_TYPE, Category.NOT_YET);
        assertThatThrownBy(() -> SCHEMA.check(in)).hasMessage(at("'n' parameter is not an integer", first));
    }

    @Test
    void commentBecomesUserContext() throws ConfigException {
        StringElement comment = str("a note");

        MapElement out = SCHEMA.check(map("s", "x", "comment", comment));

        assertThat(out.has("comment")).isFalse();
        assertThat(out.get("user-context")).isEqualTo(MapElement.builder().put("comment", "a note").build());
        assertThat(out.get("user-context").position()).isEqualTo(comment.position());
    }

    @Test
    void commentMergesIntoAnExistingUserContext() throws ConfigException {
        MapElement context = map("owner", "ops", "nested", map("comment", 7, "x", list()));

        MapElement out = SCHEMA.check(map("user-context", context, "comment", "why"));

        MapElement merged = (MapElement) out.get("user-context");
        assertThat(merged.keys()).containsExactlyInAnyOrder("owner", "nested", "comment");
        assertThat(merged.get("comment")).isEqualTo(Element.of("why"));
        assertThat(merged.get("nested")).isEqualTo(context.get("nested"));
        assertThat(merged.position()).isEqualTo(context.position());
    }

    @Test
    void commentInNestedMapsIsConvertedToo() throws ConfigException {
        MapElement out = SCHEMA.check(map("inners", list(map("name", "a", "comment", "c"))));

        MapElement entry = (MapElement) ((ruru.json.ListElement) out.get("inners")).get(0);
        assertThat(entry.get("user-context")).isEqualTo(MapElement.builder().put("comment", "c").build());
    }

    @Test
    void userContextContentIsKeptUnchecked() throws ConfigException {
        MapElement context = map("comment", 3, "spurious-looking", map("user-context", 1), "list", list(num(1)));

        MapElement out = SCHEMA.check(map("user-context", context));

        assertThat(out.get("user-context")).isEqualTo(context);
    }

    @Test
    void commentNextToAUserContextCommentIsADuplicate() {
        MapElement context = map("comment", "one");
        StringElement comment = str("two");

        assertThatThrownBy(() -> SCHEMA.check(map("user-context", context, "comment", comment)))
                .hasMessage(at("duplicate user-context/comment entries (previous at " + context.position() + ")",
                        comment));
    }

    @Test
    void commentMustBeAString() {
        Element comment = num(1);
        assertThatThrownBy(() -> SCHEMA.check(map("comment", comment)))
                .hasMessage(at("'comment' parameter is not a string", comment));
    }

    @Test
    void userContextMustBeAMap() {
        Element context = str("not a map");
        assertThatThrownBy(() -> SCHEMA.check(map("user-context", context)))
                .hasMessage(at("'user-context' parameter is not a map", context));
        Element listContext = list();
        assertThatThrownBy(() -> SCHEMA.check(map("user-context", listContext, "comment", "c")))
                .hasMessage(at("'user-context' parameter is not a map", listContext));
    }

    @Test
    void commentAndUserContextAreUnknownWhereKeaHasNoUserContext() {
        Element comment = str("c");
        assertThatThrownBy(() -> PLAIN.check(map("comment", comment)))
                .hasMessage(at("spurious 'comment' parameter", comment));
        Element context = map();
        assertThatThrownBy(() -> PLAIN.check(map("user-context", context)))
                .hasMessage(at("spurious 'user-context' parameter", context));
    }

    @Test
    void openMapsTakeUndeclaredKeysOfTheirKind() throws ConfigException {
        Schema open = Schema.builder().key("enable", Kind.bool()).otherKeys(Kind.any()).build();
        MapElement in = map("enable", true, "custom", map("k", 1), "other", "x");

        assertThat(open.check(in)).isEqualTo(in);
        Element bad = num(1);
        assertThatThrownBy(() -> open.check(map("enable", bad)))
                .hasMessage(at("'enable' parameter is not a boolean", bad));
    }

    @Test
    void unpositionedElementsGiveABareDetail() {
        MapElement in = MapElement.builder().put("n", "x").build();
        assertThatThrownBy(() -> SCHEMA.check(in)).hasMessage("'n' parameter is not an integer");
    }

    @Test
    void builderRefusesAuthoringMistakes() {
        assertThatThrownBy(() -> Schema.builder().key("a", Kind.bool()).key("a", Kind.string()))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Schema.builder().key("comment", Kind.string()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Kind.integer(2, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Status.notYet(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void schemaExposesItsFields() {
        assertThat(SCHEMA.field("warp")).map(Schema.Field::status).contains(Status.notYet("teleportation"));
        assertThat(SCHEMA.field("s")).map(Schema.Field::status).contains(Status.SUPPORTED);
        assertThat(SCHEMA.field("nope")).isEqualTo(Optional.empty());
    }
}
