package ruru.classify.expr;

/**
 * A span of an expression as Bison's {@code location} holds it: lines and columns from 1, the end
 * column exclusive. Printed as Kea prints it: {@code <string>:1.8-10}, {@code <string>:1.15}.
 */
public record Location(int beginLine, int beginColumn, int endLine, int endColumn) {

    /** The span from the start of {@code first} to the end of {@code last}. */
    static Location span(Location first, Location last) {
        return new Location(first.beginLine, first.beginColumn, last.endLine, last.endColumn);
    }

    /** The empty span at the end of {@code previous} (Bison's location of an empty rule). */
    static Location after(Location previous) {
        return new Location(previous.endLine, previous.endColumn, previous.endLine, previous.endColumn);
    }

    @Override
    public String toString() {
        int endCol = endColumn > 0 ? endColumn - 1 : 0;
        StringBuilder b = new StringBuilder("<string>:").append(beginLine).append('.').append(beginColumn);
        if (beginLine < endLine) {
            b.append('-').append(endLine).append('.').append(endCol);
        } else if (beginColumn < endCol) {
            b.append('-').append(endCol);
        }
        return b.toString();
    }
}
