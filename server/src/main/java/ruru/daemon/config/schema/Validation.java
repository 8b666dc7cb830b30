package ruru.daemon.config.schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import ruru.daemon.config.schema.Problem.Category;
import ruru.json.BoolElement;
import ruru.json.DoubleElement;
import ruru.json.Element;
import ruru.json.IntElement;
import ruru.json.ListElement;
import ruru.json.MapElement;
import ruru.json.StringElement;

/**
 * One walk of a map against its {@link Schema}: collects problems in document order and builds
 * the normalized copy. Messages follow Kea's texts where Kea has one.
 */
final class Validation {

    private final List<Problem> problems = new ArrayList<>();
    /** The positions of the maps being walked, innermost first. */
    private final java.util.ArrayDeque<ruru.json.Position> maps = new java.util.ArrayDeque<>();

    List<Problem> problems() {
        return problems;
    }

    MapElement map(Schema schema, MapElement map) {
        maps.push(map.position());
        try {
            return walk(schema, map);
        } finally {
            maps.pop();
        }
    }

    private MapElement walk(Schema schema, MapElement map) {
        Map<String, Element> out = new LinkedHashMap<>();
        StringElement comment = null;
        MapElement userContext = null;
        for (Map.Entry<String, Element> e : map.entries().entrySet()) {
            String key = e.getKey();
            Element value = e.getValue();
            if (schema.allowsUserContext() && key.equals("user-context")) {
                if (value instanceof MapElement m) {
                    userContext = m;
                    out.put(key, m);
                } else {
                    wrongType(key, "map", value, false);
                }
                continue;
            }
            if (schema.allowsUserContext() && key.equals("comment")) {
                if (value instanceof StringElement s) {
                    comment = s;
                } else {
                    wrongType(key, "string", value, false);
                }
                continue;
            }
            Optional<Schema.Field> field = schema.field(key);
            if (field.isEmpty()) {
                if (schema.otherKeys().isPresent()) {
                    put(out, key, value(key, schema.otherKeys().get(), value, false));
                } else {
                    add(Category.UNKNOWN_KEY, schema.unplacedKeywordErrors() ? ruru.json.Position.NONE : value.position(),
                            schema.unknownKeyMessage(key));
                }
                continue;
            }
            if (field.get().status() instanceof Status.NotYet n && n.isOff(value)) {
                out.put(key, value);
                continue;
            }
            if (field.get().status() instanceof Status.NotYet n) {
                add(Category.NOT_YET, value,
                        "parameter '" + key + "' is not supported yet by ruru (" + n.feature() + ")", n.feature());
                continue;
            }
            int mark = problems.size();
            put(out, key, value(key, field.get().kind(), value, false));
            if (schema.unplacedKeywordErrors() && problems.size() == mark + 1
                    && problems.get(mark).category() == Category.WRONG_TYPE
                    && problems.get(mark).position().equals(value.position())) {
                Problem p = problems.get(mark);
                problems.set(mark, new Problem(p.category(), ruru.json.Position.NONE, p.detail(), p.feature()));
            }
        }
        if (comment != null) {
            foldComment(out, comment, userContext);
        }
        return new MapElement(out, map.position(), map.keyPositions());
    }

    /**
     * Kea's grammar turns {@code "comment": "x"} into {@code "user-context": {"comment": "x"}}, merged
     * with an explicit user-context; a second comment is its "duplicate user-context/comment" error.
     */
    private void foldComment(Map<String, Element> out, StringElement comment, MapElement userContext) {
        if (userContext == null) {
            out.put("user-context", new MapElement(Map.of("comment", comment), comment.position()));
        } else if (userContext.has("comment")) {
            add(Category.BAD_VALUE, comment, "duplicate user-context/comment entries (previous at "
                    + userContext.position() + ")", null);
        } else {
            out.put("user-context", userContext.with("comment", comment));
        }
    }

    /** The checked (and for maps and lists normalized) value, or null after recording a problem. */
    private Element value(String key, Kind kind, Element value, boolean entry) {
        return switch (kind) {
            case Kind.Str s -> value instanceof StringElement ? value : wrongType(key, kind.typeName(), value, entry);
            case Kind.Real r -> value instanceof DoubleElement ? value : wrongType(key, kind.typeName(), value, entry);
            case Kind.Bool b -> value instanceof BoolElement ? value : wrongType(key, kind.typeName(), value, entry);
            case Kind.AnyValue a -> value;
            case Kind.AnyMap a -> value instanceof MapElement ? value : wrongType(key, kind.typeName(), value, entry);
            case Kind.Int i -> integer(key, i, value, entry);
            case Kind.Choice c -> choice(key, c, value, entry);
            case Kind.MapOf m -> value instanceof MapElement map ? map(m.schema(), map)
                    : wrongType(key, kind.typeName(), value, entry);
            case Kind.ListOf l -> list(key, l, value, entry);
        };
    }

    private Element integer(String key, Kind.Int kind, Element value, boolean entry) {
        if (!(value instanceof IntElement i)) {
            return wrongType(key, kind.typeName(), value, entry);
        }
        if (i.value() < kind.min() || i.value() > kind.max()) {
            // SimpleParser::getInteger's range text.
            add(Category.BAD_VALUE, value, "The '" + key + "' value (" + i.value()
                    + ") is not within expected range: (" + kind.min() + " - " + kind.max() + ")", null);
            return null;
        }
        return value;
    }

    private Element choice(String key, Kind.Choice kind, Element value, boolean entry) {
        if (!(value instanceof StringElement s)) {
            return wrongType(key, kind.typeName(), value, entry);
        }
        Status status = kind.values().get(s.value());
        if (status == null) {
            add(Category.BAD_VALUE, value, "'" + key + "' " + (entry ? "entry" : "parameter") + " value '"
                    + s.value() + "' is not one of: " + String.join(", ", kind.values().keySet()), null);
            return null;
        }
        if (status instanceof Status.NotYet n) {
            add(Category.NOT_YET, value, "parameter '" + key + "' value '" + s.value()
                    + "' is not supported yet by ruru (" + n.feature() + ")", n.feature());
            return null;
        }
        return value;
    }

    private Element list(String key, Kind.ListOf kind, Element value, boolean entry) {
        Kind.ListTexts texts = kind.texts();
        if (!(value instanceof ListElement l)) {
            if (texts.notList() != null) {
                add(Category.WRONG_TYPE, ruru.json.Position.NONE, texts.notList().formatted(value.position()));
                return null;
            }
            return wrongType(key, kind.typeName(), value, entry);
        }
        int mark = problems.size();
        List<Element> items = new ArrayList<>(l.size());
        for (Element item : l.items()) {
            if (texts.entryNotMap() != null && kind.item() instanceof Kind.MapOf && !(item instanceof MapElement)) {
                String text = texts.entryNotMap().formatted(item.position());
                add(Category.WRONG_TYPE, ruru.json.Position.NONE, texts.entryNamesParent() && !maps.isEmpty()
                        ? text + " (" + maps.peek() + ")" : text);
                continue;
            }
            Element checked = value(key, kind.item(), item, true);
            if (checked != null) {
                items.add(checked);
            }
        }
        if (texts.appendOwnPosition()) {
            for (int i = mark; i < problems.size(); i++) {
                Problem p = problems.get(i);
                problems.set(i, new Problem(p.category(), l.position(), p.toString(), p.feature()));
            }
        }
        return new ListElement(items, l.position());
    }

    /** {@code SimpleParser::checkKeywords}' text: {@code 'x' parameter is not an integer}. */
    private Element wrongType(String key, String expected, Element value, boolean entry) {
        String article = expected.equals("integer") ? "an " : "a ";
        add(Category.WRONG_TYPE, value, "'" + key + "' " + (entry ? "entry" : "parameter") + " is not "
                + article + expected, null);
        return null;
    }

    private void add(Category category, ruru.json.Position at, String detail) {
        problems.add(new Problem(category, at, detail, Optional.empty()));
    }

    private void add(Category category, Element at, String detail, String feature) {
        problems.add(new Problem(category, at.position(), detail, Optional.ofNullable(feature)));
    }

    private static void put(Map<String, Element> out, String key, Element value) {
        if (value != null) {
            out.put(key, value);
        }
    }
}
