package ruru.control.unix;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Finds the end of one JSON command in a byte stream that arrives in arbitrary chunks, the way
 * Kea's {@code JSONFeed} does for the UNIX control socket: it skips whitespace and comments before
 * the value, insists that the value opens with {@code {} or {@code [}, counts bracket depth
 * (ignoring brackets inside strings and comments) and stops at the end of the first top-level
 * value. It does not validate JSON; the parser does that on {@link #text()}.
 *
 * <p>The bytes it keeps are exactly the ones Kea's feed keeps, because parse-error positions
 * ({@code <wire>:L:C}) and the timeout text's byte count are computed from them: nothing before
 * the opening bracket, no comment text, the newline ending a {@code #} comment and the newlines
 * inside a block comment, but <em>not</em> the newline ending a {@code //} comment.
 *
 * <p>One deliberate difference: Kea leaves a block comment only on {@code *}{@code /} directly
 * after a single {@code *}, so {@code /* x **}{@code /} never ends there and the client times
 * out. Here any run of {@code *} followed by {@code /} ends the comment, as in C.
 *
 * <p>Not thread-safe: one connection feeds it from one thread.
 */
final class JsonFeed {

    enum Status { NEED_MORE, COMPLETE, FAILED }

    private enum State {
        START, WS_BEFORE, HASH_BEFORE, SLASH_BEFORE, LINE_BEFORE, BLOCK_BEFORE, STAR_BEFORE,
        INNER, STRING, ESCAPE, HASH, SLASH, LINE, BLOCK, STAR, DONE, FAILED
    }

    /** The largest array size every JVM allocates. */
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private State state = State.START;
    private long depth;
    private byte[] kept = new byte[256];
    private int size;
    private String error;

    /**
     * Consumes bytes until the value is complete or the feed fails; bytes after that point are
     * ignored, as Kea ignores anything after the first value on a connection.
     */
    Status feed(byte[] data, int offset, int length) {
        int end = offset + length;
        for (int i = offset; i < end && !finished(); i++) {
            step(data[i]);
        }
        return status();
    }

    Status status() {
        return switch (state) {
            case DONE -> Status.COMPLETE;
            case FAILED -> Status.FAILED;
            default -> Status.NEED_MORE;
        };
    }

    /** Bytes kept so far: Kea's "partial command of N bytes". */
    int keptBytes() {
        return size;
    }

    /** The kept text, decoded as UTF-8 (malformed bytes become U+FFFD). */
    String text() {
        return new String(kept, 0, size, StandardCharsets.UTF_8);
    }

    /** Why the feed failed, in Kea's words; null unless {@link Status#FAILED}. */
    String error() {
        return error;
    }

    private boolean finished() {
        return state == State.DONE || state == State.FAILED;
    }

    private void step(byte b) {
        char c = (char) (b & 0xff);
        switch (state) {
            case START -> before(c, "invalid first character ");
            case WS_BEFORE -> before(c, "invalid character ");
            case HASH_BEFORE, LINE_BEFORE -> {
                if (c == '\n') {
                    state = State.WS_BEFORE;
                }
            }
            case SLASH_BEFORE -> slash(c, State.LINE_BEFORE, State.BLOCK_BEFORE);
            case BLOCK_BEFORE -> {
                if (c == '*') {
                    state = State.STAR_BEFORE;
                }
            }
            case STAR_BEFORE -> {
                if (c == '/') {
                    state = State.WS_BEFORE;
                } else if (c != '*') {
                    state = State.BLOCK_BEFORE;
                }
            }
            case INNER -> inner(b, c);
            case STRING -> {
                keep(b);
                if (c == '"') {
                    state = State.INNER;
                } else if (c == '\\') {
                    state = State.ESCAPE;
                }
            }
            case ESCAPE -> {
                keep(b);
                state = State.STRING;
            }
            case HASH -> {
                if (c == '\n') {
                    keep(b);
                    state = State.INNER;
                }
            }
            case SLASH -> slash(c, State.LINE, State.BLOCK);
            case LINE -> {
                if (c == '\n') {
                    state = State.INNER;
                }
            }
            case BLOCK -> {
                if (c == '*') {
                    state = State.STAR;
                } else if (c == '\n') {
                    keep(b);
                }
            }
            case STAR -> {
                if (c == '/') {
                    state = State.INNER;
                } else if (c == '\n') {
                    keep(b);
                    state = State.BLOCK;
                } else if (c != '*') {
                    state = State.BLOCK;
                }
            }
            case DONE, FAILED -> throw new IllegalStateException("feed already finished");
        }
    }

    private void before(char c, String errorPrefix) {
        switch (c) {
            case ' ', '\t', '\r', '\n' -> state = State.WS_BEFORE;
            case '#' -> state = State.HASH_BEFORE;
            case '/' -> state = State.SLASH_BEFORE;
            case '{', '[' -> {
                keep((byte) c);
                depth = 1;
                state = State.INNER;
            }
            default -> fail(errorPrefix + c);
        }
    }

    private void slash(char c, State line, State block) {
        if (c == '/') {
            state = line;
        } else if (c == '*') {
            state = block;
        } else {
            fail("invalid characters /" + c);
        }
    }

    private void inner(byte b, char c) {
        switch (c) {
            case '{', '[' -> {
                keep(b);
                depth++;
            }
            case '}', ']' -> {
                keep(b);
                if (--depth == 0) {
                    state = State.DONE;
                }
            }
            case '"' -> {
                keep(b);
                state = State.STRING;
            }
            case '#' -> state = State.HASH;
            case '/' -> state = State.SLASH;
            default -> keep(b);
        }
    }

    private void fail(String message) {
        error = message;
        state = State.FAILED;
    }

    private void keep(byte b) {
        if (size == kept.length) {
            // No cap, as in Kea: only memory limits a command (FACTS section 2, "Size"). A Java
            // array is the one hard limit left; past it the command cannot be held at all.
            if (kept.length >= MAX_ARRAY) {
                fail("command too large: more than " + MAX_ARRAY + " bytes");
                return;
            }
            kept = Arrays.copyOf(kept, (int) Math.min(2L * kept.length, MAX_ARRAY));
        }
        kept[size++] = b;
    }
}
