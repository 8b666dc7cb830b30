package ruru.json;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Kea's {@code prettyPrint} (what config-write stores): a 2-space step, one map entry per line with
 * keys sorted, {@code { }} and {@code [ ]} when empty. A list goes one item per line when its FIRST
 * item is a map or a list (Kea looks at that item only), otherwise on one line. No newline at the
 * end, as Kea's {@code Daemon::writeConfigFile} adds none.
 */
final class PrettyWriter {

    private static final int STEP = 2;

    private PrettyWriter() {
    }

    static void write(Element e, Appendable out, int indent) throws IOException {
        switch (e) {
            case ListElement l -> writeList(l.items(), out, indent);
            case MapElement m -> writeMap(m, out, indent);
            default -> CompactWriter.writeScalar(e, out);
        }
    }

    private static void writeList(List<Element> items, Appendable out, int indent) throws IOException {
        if (items.isEmpty()) {
            out.append("[ ]");
            return;
        }
        boolean complex = items.getFirst() instanceof ListElement || items.getFirst() instanceof MapElement;
        out.append(complex ? "[\n" : "[ ");
        boolean first = true;
        for (Element item : items) {
            if (!first) {
                out.append(complex ? ",\n" : ", ");
            }
            first = false;
            if (complex) {
                spaces(out, indent + STEP);
            }
            write(item, out, indent + STEP);
        }
        if (complex) {
            out.append('\n');
            spaces(out, indent);
        } else {
            out.append(' ');
        }
        out.append(']');
    }

    private static void writeMap(MapElement m, Appendable out, int indent) throws IOException {
        if (m.isEmpty()) {
            out.append("{ }");
            return;
        }
        out.append("{\n");
        boolean first = true;
        for (Map.Entry<String, Element> entry : CompactWriter.sortedEntries(m)) {
            if (!first) {
                out.append(",\n");
            }
            first = false;
            spaces(out, indent + STEP);
            // Kea writes the key as it is, unescaped.
            out.append('"').append(entry.getKey()).append("\": ");
            write(entry.getValue(), out, indent + STEP);
        }
        out.append('\n');
        spaces(out, indent);
        out.append('}');
    }

    private static void spaces(Appendable out, int n) throws IOException {
        for (int i = 0; i < n; i++) {
            out.append(' ');
        }
    }
}
