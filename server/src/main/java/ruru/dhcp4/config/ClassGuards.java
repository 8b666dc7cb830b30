package ruru.dhcp4.config;

import java.util.ArrayList;
import java.util.List;

import ruru.classify.ClassGuard;
import ruru.daemon.config.ConfigException;
import ruru.json.Element;
import ruru.json.ListElement;
import ruru.json.MapElement;
import ruru.dhcp.config.Fields;

/**
 * The class keys of a shared network, subnet or pool: Kea 3.0's {@code client-classes} list and
 * {@code evaluate-additional-classes}, and Kea 2.2's {@code client-class} (one name, empty for
 * none) and {@code require-client-classes}. Class names are not checked against the definitions
 * (Kea does not either; a guard naming an unknown class admits no one).
 */
final class ClassGuards {

    private ClassGuards() {
    }

    /** @param failed Kea's prefix of the level's errors ("subnet configuration failed: " or "") */
    static ClassGuard parse(MapElement m, String failed) throws ConfigException {
        if (m.has("client-class") && m.has("client-classes")) {
            throw new ConfigException(Fields.at(m, "client-classes"), failed
                    + "cannot specify both 'client-class' and 'client-classes'. Use only 'client-classes'");
        }
        if (m.has("require-client-classes") && m.has("evaluate-additional-classes")) {
            throw new ConfigException(Fields.at(m, "evaluate-additional-classes"), failed
                    + "cannot specify both 'require-client-classes' and 'evaluate-additional-classes'."
                    + " Use only the latter.");
        }
        List<String> allowed = new ArrayList<>();
        String single = Fields.string(m, "client-class", "");
        if (!single.isEmpty()) {
            allowed.add(single);
        }
        allowed.addAll(names(m, "client-classes", failed));
        List<String> additional = new ArrayList<>(names(m, "require-client-classes", failed));
        additional.addAll(names(m, "evaluate-additional-classes", failed));
        if (allowed.isEmpty() && additional.isEmpty()) {
            return ClassGuard.OPEN;
        }
        return new ClassGuard(allowed, additional);
    }

    private static List<String> names(MapElement m, String key, String failed) throws ConfigException {
        List<String> out = new ArrayList<>();
        if (!(m.get(key) instanceof ListElement list)) {
            return out;
        }
        for (Element e : list.items()) {
            String name = e.asString().orElseThrow();
            if (name.isEmpty()) {
                throw new ConfigException(e.position(), failed + "invalid class name");
            }
            if (!out.contains(name)) {
                out.add(name);
            }
        }
        return out;
    }
}
