package ruru.daemon.logging;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ruru.json.Element;
import ruru.json.ListElement;
import ruru.json.MapElement;
import ruru.json.StringElement;

/**
 * Hides secrets before a configuration is logged, as Kea's {@code redactConfig} does: the value of
 * every key named {@code password} or {@code secret}, or ending in {@code -password} or
 * {@code -secret} (database passwords, TSIG secrets, basic-auth passwords), becomes
 * {@code "*****"} at any depth.
 */
public final class Redaction {

    public static final String MASK = "*****";

    private Redaction() {
    }

    public static boolean isSecret(String key) {
        return key.equals("password") || key.equals("secret")
                || key.endsWith("-password") || key.endsWith("-secret");
    }

    /** A copy with secrets masked; the input is never changed (elements are immutable). */
    public static Element redact(Element element) {
        return switch (element) {
            case MapElement map -> {
                Map<String, Element> copy = new LinkedHashMap<>();
                for (Map.Entry<String, Element> e : map.entries().entrySet()) {
                    copy.put(e.getKey(), isSecret(e.getKey())
                            ? new StringElement(MASK, e.getValue().position())
                            : redact(e.getValue()));
                }
                yield new MapElement(copy, map.position());
            }
            case ListElement list -> {
                List<Element> copy = new ArrayList<>(list.size());
                for (Element item : list.items()) {
                    copy.add(redact(item));
                }
                yield new ListElement(copy, list.position());
            }
            default -> element;
        };
    }
}
