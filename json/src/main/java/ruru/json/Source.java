package ruru.json;

import java.nio.file.Path;

/**
 * One text being read: the top-level input or an included file. The lexer works on raw bytes so
 * columns count bytes, as Kea's flex lexer does.
 */
final class Source {

    final byte[] data;
    final String name;
    /** Directory that relative include paths resolve against; null means the current directory. */
    final Path baseDir;
    int index;
    int line;
    int col = 1;

    Source(byte[] data, String name, Path baseDir, int firstLine) {
        this.data = data;
        this.name = name;
        this.baseDir = baseDir;
        this.line = firstLine;
    }

    Position position() {
        return new Position(name, line, col);
    }

    boolean atEnd() {
        return index >= data.length;
    }
}
