package ruru.json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Kea's {@code Element::toJSON} form. Maps print as {@code { "a": 1, "b": 2 }} with keys in byte
 * order (std::map of std::string), lists as {@code [ 1, 2 ]}, empty ones as {@code {  }} and
 * {@code [  ]}. Kea writes map keys without escaping them; so does this writer, byte for byte.
 */
final class CompactWriter {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private CompactWriter() {
    }

    static void write(Element e, Appendable out) throws IOException {
        switch (e) {
            case MapElement m -> {
                out.append("{ ");
                boolean first = true;
                for (Map.Entry<String, Element> entry : sortedEntries(m)) {
                    if (!first) {
                        out.append(", ");
                    }
                    first = false;
                    out.append('"').append(entry.getKey()).append("\": ");
                    write(entry.getValue(), out);
                }
                out.append(" }");
            }
            case ListElement l -> {
                out.append("[ ");
                boolean first = true;
                for (Element item : l.items()) {
                    if (!first) {
                        out.append(", ");
                    }
                    first = false;
                    write(item, out);
                }
                out.append(" ]");
            }
            default -> writeScalar(e, out);
        }
    }

    static void writeScalar(Element e, Appendable out) throws IOException {
        switch (e) {
            case StringElement s -> writeString(s.value(), out);
            case IntElement i -> out.append(Long.toString(i.value()));
            case DoubleElement d -> out.append(CppDouble.keaJson(d.value()));
            case BoolElement b -> out.append(b.value() ? "true" : "false");
            case NullElement n -> out.append("null");
            default -> throw new IllegalArgumentException("not a scalar: " + e.typeName());
        }
    }

    static String toString(Element e) {
        StringBuilder b = new StringBuilder();
        try {
            write(e, b);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return b.toString();
    }

    /** Map entries ordered as std::map orders std::string keys: unsigned byte order of the UTF-8. */
    static List<Map.Entry<String, Element>> sortedEntries(MapElement m) {
        List<Map.Entry<String, Element>> entries = new ArrayList<>(m.entries().entrySet());
        entries.sort((a, b) -> Utf8Order.compare(a.getKey(), b.getKey()));
        return entries;
    }

    /**
     * Kea escapes {@code " \ \b \f \n \r \t} by name and every other byte below 0x20, 0x7f and every
     * byte from 0x80 of the UTF-8 encoding as <code>&#92;u00xx</code> (lowercase hex), one byte at a time.
     */
    static void writeString(String s, Appendable out) throws IOException {
        out.append('"');
        int n = s.length();
        int plainFrom = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
                continue;
            }
            out.append(s, plainFrom, i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x80) {
                        escapeByte(c, out);
                    } else {
                        int cp = Character.codePointAt(s, i);
                        if (Character.isSupplementaryCodePoint(cp)) {
                            i++;
                        } else if (Character.isSurrogate(c)) {
                            cp = 0xfffd; // a lone surrogate has no UTF-8 form; Java's encoder substitutes too
                        }
                        escapeUtf8(cp, out);
                    }
                }
            }
            plainFrom = i + 1;
        }
        out.append(s, plainFrom, n);
        out.append('"');
    }

    private static void escapeUtf8(int cp, Appendable out) throws IOException {
        if (cp < 0x800) {
            escapeByte(0xc0 | cp >> 6, out);
        } else if (cp < 0x10000) {
            escapeByte(0xe0 | cp >> 12, out);
            escapeByte(0x80 | (cp >> 6 & 0x3f), out);
        } else {
            escapeByte(0xf0 | cp >> 18, out);
            escapeByte(0x80 | (cp >> 12 & 0x3f), out);
            escapeByte(0x80 | (cp >> 6 & 0x3f), out);
        }
        escapeByte(0x80 | (cp & 0x3f), out);
    }

    private static void escapeByte(int b, Appendable out) throws IOException {
        out.append("\\u00").append(HEX[b >> 4 & 0xf]).append(HEX[b & 0xf]);
    }
}
