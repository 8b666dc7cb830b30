package ruru.json;

import java.util.SplittableRandom;

/**
 * Seeded generator of standard JSON documents, optionally with Kea comments between tokens. It
 * avoids the places where Kea deliberately differs from standard JSON (escapes above U+00FF,
 * byte escapes, huge numbers, duplicate keys), so two conforming parsers must agree on its output.
 */
final class RandomJson {

    private static final String[] KEY_WORDS = {"subnet4", "pools", "id", "option-data", "name", "data",
        "valid-lifetime", "é-key", "a", "b", "Dhcp4", "user-context", "x y", "数据"};
    private static final String[] STRING_PIECES = {"eth0", "192.0.2.1 - 192.0.2.9", " ", "é", "ü", "€", "😀",
        "\\n", "\\t", "\\\"", "\\\\", "\\/", "\\b", "\\f", "\\r", "\\u0041", "\\u001f", "\\u0000", "\\u007f",
        "x", "<?not?>", "#not a comment", "// nor this", "/* nor this */"};

    private final SplittableRandom random;
    private final boolean comments;

    RandomJson(long seed, boolean comments) {
        this.random = new SplittableRandom(seed);
        this.comments = comments;
    }

    String document() {
        StringBuilder b = new StringBuilder();
        gap(b);
        // The root is a map or list, as in configs and commands (Jackson wants a blank after a root scalar).
        if (random.nextBoolean()) {
            map(b, 1);
        } else {
            list(b, 1);
        }
        gap(b);
        return b.toString();
    }

    private void value(StringBuilder b, int depth) {
        int kind = random.nextInt(depth > 6 ? 6 : 8);
        switch (kind) {
            case 0 -> b.append(random.nextLong(-1_000_000_000_000L, 1_000_000_000_000L));
            case 1 -> b.append(random.nextInt(-5, 1000));
            case 2 -> real(b);
            case 3 -> b.append(random.nextBoolean() ? "true" : "false");
            case 4 -> b.append(random.nextInt(4) == 0 ? "null" : "\"" + string() + "\"");
            case 5 -> b.append('"').append(string()).append('"');
            case 6 -> map(b, depth + 1);
            default -> list(b, depth + 1);
        }
    }

    private void real(StringBuilder b) {
        b.append(random.nextInt(-999, 1000)).append('.').append(random.nextInt(0, 100000));
        if (random.nextBoolean()) {
            b.append(random.nextBoolean() ? 'e' : 'E').append(random.nextBoolean() ? "-" : "+")
                    .append(random.nextInt(0, 20));
        }
    }

    private String string() {
        StringBuilder s = new StringBuilder();
        int n = random.nextInt(0, 5);
        for (int i = 0; i < n; i++) {
            s.append(STRING_PIECES[random.nextInt(STRING_PIECES.length)]);
            // Keep a hex digit from following \\u00XX, so a one-character edit cannot turn it into \\u0XXX.
            s.append('_');
        }
        return s.toString();
    }

    private void map(StringBuilder b, int depth) {
        b.append('{');
        int n = random.nextInt(0, 5);
        java.util.Set<String> used = new java.util.HashSet<>();
        for (int i = 0; i < n; i++) {
            String key = KEY_WORDS[random.nextInt(KEY_WORDS.length)] + random.nextInt(3);
            if (!used.add(key)) {
                continue;
            }
            if (!used.isEmpty() && used.size() > 1) {
                b.append(',');
            }
            gap(b);
            b.append('"').append(key).append('"');
            gap(b);
            b.append(':');
            gap(b);
            value(b, depth);
            gap(b);
        }
        b.append('}');
    }

    private void list(StringBuilder b, int depth) {
        b.append('[');
        int n = random.nextInt(0, 5);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                b.append(',');
            }
            gap(b);
            value(b, depth);
            gap(b);
        }
        b.append(']');
    }

    private void gap(StringBuilder b) {
        switch (random.nextInt(comments ? 8 : 4)) {
            case 0 -> b.append(' ');
            case 1 -> b.append('\n');
            case 2, 3 -> { }
            case 4 -> b.append(" # hash comment\n");
            case 5 -> b.append("// slash comment\n");
            case 6 -> b.append("/* block\n comment */");
            default -> b.append("\t\r\n ");
        }
    }
}
