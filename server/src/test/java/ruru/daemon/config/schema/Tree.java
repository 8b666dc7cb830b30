package ruru.daemon.config.schema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import ruru.json.BoolElement;
import ruru.json.DoubleElement;
import ruru.json.Element;
import ruru.json.IntElement;
import ruru.json.ListElement;
import ruru.json.MapElement;
import ruru.json.Position;
import ruru.json.StringElement;

/**
 * Builds positioned element trees in code: every element gets its own line in {@code t.json}, so a
 * test can assert that an error points at exactly the element it built.
 */
final class Tree {

    private static final AtomicInteger LINE = new AtomicInteger(1);

    private Tree() {
    }

    static Position next() {
        return new Position("t.json", LINE.getAndIncrement(), 7);
    }

    static StringElement str(String v) {
        return new StringElement(v, next());
    }

    static IntElement num(long v) {
        return new IntElement(v, next());
    }

    static DoubleElement real(double v) {
        return new DoubleElement(v, next());
    }

    static BoolElement bool(boolean v) {
        return new BoolElement(v, next());
    }

    static ListElement list(Element... items) {
        return new ListElement(List.of(items), next());
    }

    /** Alternating keys and values; plain Java values are wrapped. */
    static MapElement map(Object... kv) {
        if (kv.length % 2 != 0) {
            throw new IllegalArgumentException("odd key/value count");
        }
        Map<String, Element> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], wrap(kv[i + 1]));
        }
        return new MapElement(m, next());
    }

    static Element wrap(Object v) {
        return switch (v) {
            case Element e -> e;
            case String s -> str(s);
            case Integer n -> num(n);
            case Long n -> num(n);
            case Double d -> real(d);
            case Boolean b -> bool(b);
            default -> throw new IllegalArgumentException("cannot wrap " + v);
        };
    }

    /** The message a ConfigException at {@code at} carries. */
    static String at(String detail, Element at) {
        return detail + " (" + at.position() + ")";
    }
}
