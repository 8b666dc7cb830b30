package ruru.classify;

import java.util.List;
import java.util.Set;

/**
 * Kea's built-in class names: implicitly defined, so {@code member()} and guards may name them
 * without a definition. {@code DROP} is special but not built in (it must be defined to be used).
 * A prefix needs something after it ({@code HA_} alone is not a class).
 */
public final class BuiltinClasses {

    public static final String ALL = "ALL";
    public static final String KNOWN = "KNOWN";
    public static final String UNKNOWN = "UNKNOWN";
    public static final String DROP = "DROP";
    public static final String BOOTP = "BOOTP";
    public static final String VENDOR_CLASS = "VENDOR_CLASS_";
    public static final String SPAWN = "SPAWN_";

    private static final Set<String> NAMES = Set.of(ALL, KNOWN, UNKNOWN, BOOTP, "SKIP_DDNS");
    private static final List<String> PREFIXES = List.of(VENDOR_CLASS, "HA_", "AFTER_", "EXTERNAL_", SPAWN);
    /** Built-in classes whose definition may not carry a test (Kea: "test expression must be empty"). */
    private static final Set<String> NO_TEST = Set.of(ALL, KNOWN, UNKNOWN, BOOTP);

    private BuiltinClasses() {
    }

    public static boolean isBuiltIn(String name) {
        if (NAMES.contains(name)) {
            return true;
        }
        for (String p : PREFIXES) {
            if (name.length() > p.length() && name.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    public static boolean testForbidden(String name) {
        return NO_TEST.contains(name);
    }

    /** The class a template spawns for a value. */
    public static String spawned(String template, String value) {
        return SPAWN + template + "_" + value;
    }
}
