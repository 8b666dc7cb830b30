package ruru.wire.v4;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Kea's example configurations in place (the wire module has no JSON dependency, so this is a
 * minimal reader for Kea's JSON with comments) and collects their "option-def" and "option-data"
 * entries. The directory is {@code -Druru.kea.examples=DIR} or shared/kea-reference/examples above the
 * working directory; missing examples fail the test in CI (see missingCorpus).
 */
final class KeaExampleOptions {

    private KeaExampleOptions() {
    }

    static Path examples() {
        String override = System.getProperty("ruru.kea.examples");
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/kea-reference/examples");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw missingCorpus("Kea example configurations not found: no shared/kea-reference/examples above " + start);
    }

    /**
     * Without the corpus: in CI (which always clones beside shared/) the test fails; elsewhere,
     * e.g. a plain clone, it is aborted with a loud message rather than stopping the whole build.
     */
    static RuntimeException missingCorpus(String message) {
        String text = message + " (the project is meant to be cloned beside shared/; or set -Druru.kea.examples=DIR)";
        String ci = System.getenv("CI");
        if (ci != null && !ci.isBlank()) {
            throw new AssertionError(text);
        }
        System.err.println("WARNING: Kea conformance corpus missing, test not run: " + text);
        throw new org.opentest4j.TestAbortedException(text);
    }

    static Object read(Path file) throws IOException {
        return new Reader(Files.readString(file)).value();
    }

    /** Every map under key {@code key} (a list of maps) anywhere in the tree. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> entries(Object tree, String key) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (tree instanceof Map<?, ?> m) {
            for (var e : m.entrySet()) {
                if (e.getKey().equals(key) && e.getValue() instanceof List<?> l) {
                    for (Object o : l) {
                        out.add((Map<String, Object>) o);
                    }
                } else {
                    out.addAll(entries(e.getValue(), key));
                }
            }
        } else if (tree instanceof List<?> l) {
            for (Object o : l) {
                out.addAll(entries(o, key));
            }
        }
        return out;
    }

    private static final class Reader {
        private final String s;
        private int i;

        Reader(String s) {
            this.s = s;
        }

        Object value() {
            skip();
            char c = s.charAt(i);
            if (c == '{') {
                i++;
                Map<String, Object> m = new LinkedHashMap<>();
                skip();
                if (s.charAt(i) == '}') {
                    i++;
                    return m;
                }
                while (true) {
                    skip();
                    String k = string();
                    skip();
                    expect(':');
                    m.put(k, value());
                    skip();
                    if (s.charAt(i) == ',') {
                        i++;
                        skip();
                        if (s.charAt(i) == '}') {
                            i++;
                            return m;
                        }
                        continue;
                    }
                    expect('}');
                    return m;
                }
            }
            if (c == '[') {
                i++;
                List<Object> l = new ArrayList<>();
                skip();
                if (s.charAt(i) == ']') {
                    i++;
                    return l;
                }
                while (true) {
                    l.add(value());
                    skip();
                    if (s.charAt(i) == ',') {
                        i++;
                        continue;
                    }
                    expect(']');
                    return l;
                }
            }
            if (c == '"') {
                return string();
            }
            int start = i;
            while (i < s.length() && ",}] \t\r\n".indexOf(s.charAt(i)) < 0) {
                i++;
            }
            String word = s.substring(start, i);
            return switch (word) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                case "null" -> null;
                default -> word.contains(".") ? (Object) Double.valueOf(word) : (Object) Long.valueOf(word);
            };
        }

        private String string() {
            expect('"');
            StringBuilder sb = new StringBuilder();
            while (s.charAt(i) != '"') {
                char c = s.charAt(i++);
                if (c == '\\') {
                    char n = s.charAt(i++);
                    switch (n) {
                        case 'n' -> sb.append('\n');
                        case 't' -> sb.append('\t');
                        case 'u' -> {
                            sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                            i += 4;
                        }
                        default -> sb.append(n);
                    }
                } else {
                    sb.append(c);
                }
            }
            i++;
            return sb.toString();
        }

        private void expect(char c) {
            if (s.charAt(i) != c) {
                throw new IllegalStateException("expected '" + c + "' at " + i + " got '" + s.charAt(i) + "'");
            }
            i++;
        }

        private void skip() {
            while (i < s.length()) {
                char c = s.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                } else if (c == '#' || (c == '/' && s.charAt(i + 1) == '/')) {
                    while (i < s.length() && s.charAt(i) != '\n') {
                        i++;
                    }
                } else if (c == '/' && s.charAt(i + 1) == '*') {
                    i = s.indexOf("*/", i + 2) + 2;
                } else {
                    return;
                }
            }
        }
    }
}
