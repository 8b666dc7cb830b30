package ruru.control.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads HTTP/1.x requests from a blocking socket against deadlines. Each read's SO_TIMEOUT is
 * the time left until the deadline, so a client trickling one byte a second (slow loris) still
 * hits the header deadline (5 s), and the whole request the 10 s one. Sizes are bounded: the
 * header section by {@link #MAX_HEADER_BYTES}, the body by the server's limit. The header section
 * is handed to a check ({@link HeadersRead}) before a single body byte is read: that is where
 * credentials are checked and the body's memory reserved.
 */
final class RequestReader {

    /** Request line plus header fields; far beyond what curl, kea-shell or an HA peer send. */
    static final int MAX_HEADER_BYTES = 16 * 1024;
    static final int MAX_HEADER_FIELDS = 100;

    /** Why a request could not be read; the connection answers {@code status} (if any) and closes. */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        final HttpStatus status;
        final HttpVersion version;
        /** The whole answer when it is more than a status (401 with its challenge). */
        final transient RequestProcessor.Outcome outcome;

        Failure(HttpStatus status, HttpVersion version, String why) {
            super(why, null, false, false);
            this.status = status;
            this.version = version;
            this.outcome = null;
        }

        Failure(RequestProcessor.Outcome outcome, HttpVersion version, String why) {
            super(why, null, false, false);
            this.status = outcome.status();
            this.version = version;
            this.outcome = outcome;
        }
    }

    /** A request's header section, before its body. */
    record Head(String method, String target, HttpVersion version, List<HttpRequest.Field> fields, int length) {

        Head {
            fields = List.copyOf(fields);
        }

        /** The first value of a header, matched case-insensitively. */
        java.util.Optional<String> header(String name) {
            return new HttpRequest(method, target, version, fields, new byte[0]).header(name);
        }
    }

    /**
     * Called once the headers are in, before the body is read: may refuse the request (a Failure
     * with its status), or let it through (and answer Expect: 100-continue).
     */
    @FunctionalInterface
    interface HeadersRead {
        void accept(Head head) throws IOException, Failure;
    }

    private final Socket socket;
    private final InputStream in;
    private final long maxBody;
    private byte[] buf = new byte[8192];

    private int start;
    private int end;

    RequestReader(Socket socket, InputStream in, long maxBody) {
        this.socket = socket;
        this.in = in;
        this.maxBody = maxBody;
    }

    /**
     * Waits up to {@code millis} for the next request's first byte. False on end of stream or
     * when the wait runs out: an idle keep-alive connection is closed without an answer.
     */
    boolean awaitData(long millis) throws IOException {
        if (end > start) {
            return true;
        }
        try {
            return fill(System.nanoTime() + millis * 1_000_000L);
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    /** True once some byte of a request has arrived. */
    boolean hasBufferedBytes() {
        return end > start;
    }

    /**
     * Reads one complete request. Returns null when the stream ends cleanly before any byte of it.
     *
     * @throws SocketTimeoutException when the deadline passes first (the caller answers 408)
     */
    HttpRequest read(long headerDeadlineNanos, long deadlineNanos, HeadersRead onHeaders) throws IOException, Failure {
        int headerEnd = -1;
        int scanned = start;
        while (headerEnd < 0) {
            headerEnd = findHeaderEnd(scanned);
            if (headerEnd >= 0) {
                break;
            }
            scanned = Math.max(start, end - 3);
            if (end - start >= MAX_HEADER_BYTES) {
                throw new Failure(HttpStatus.BAD_REQUEST, null, "header section larger than " + MAX_HEADER_BYTES);
            }
            boolean empty = end == start;
            if (!fill(Math.min(headerDeadlineNanos, deadlineNanos))) {
                if (empty) {
                    return null;
                }
                throw new Failure((HttpStatus) null, null, "connection closed inside the request headers");
            }
        }
        String head = new String(buf, start, headerEnd - start, StandardCharsets.ISO_8859_1);
        start = bodyStart(headerEnd);
        String[] lines = head.split("\r?\n", -1);
        String[] requestLine = lines[0].split(" ", -1);
        HttpVersion version = requestLine.length == 3 ? HttpVersion.parse(requestLine[2]) : null;
        if (version == null || requestLine[0].isEmpty() || requestLine[1].isEmpty()
                || !requestLine[0].chars().allMatch(HttpSocketConfigParser::isTokenChar)) {
            throw new Failure(HttpStatus.BAD_REQUEST, version, "malformed request line");
        }
        List<HttpRequest.Field> fields = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || !line.substring(0, colon).chars().allMatch(HttpSocketConfigParser::isTokenChar)) {
                throw new Failure(HttpStatus.BAD_REQUEST, version, "malformed header field");
            }
            fields.add(new HttpRequest.Field(line.substring(0, colon), line.substring(colon + 1).strip()));
            if (fields.size() > MAX_HEADER_FIELDS) {
                throw new Failure(HttpStatus.BAD_REQUEST, version, "too many header fields");
            }
        }
        long length = contentLength(fields, version);
        if (length > maxBody) {
            throw new Failure(HttpStatus.PAYLOAD_TOO_LARGE, version, "body of " + length + " bytes");
        }
        onHeaders.accept(new Head(requestLine[0], requestLine[1], version, fields, (int) length));
        byte[] body = readBody((int) length, deadlineNanos, version);
        return new HttpRequest(requestLine[0], requestLine[1], version, fields, body);
    }

    /** Content-Length, 0 when absent. Chunked bodies are refused: Kea's clients never send them. */
    private static long contentLength(List<HttpRequest.Field> fields, HttpVersion version) throws Failure {
        long length = -1;
        for (HttpRequest.Field f : fields) {
            if (f.name().equalsIgnoreCase("Transfer-Encoding")) {
                throw new Failure(HttpStatus.BAD_REQUEST, version, "Transfer-Encoding is not supported");
            }
            if (f.name().equalsIgnoreCase("Content-Length")) {
                long value;
                try {
                    if (f.value().isEmpty() || !f.value().chars().allMatch(Character::isDigit)
                            || f.value().length() > 18) {
                        throw new NumberFormatException();
                    }
                    value = Long.parseLong(f.value());
                } catch (NumberFormatException e) {
                    throw new Failure(HttpStatus.BAD_REQUEST, version, "bad Content-Length");
                }
                // RFC 9112 section 6.3: differing lengths make the framing unknowable.
                if (length >= 0 && length != value) {
                    throw new Failure(HttpStatus.BAD_REQUEST, version, "conflicting Content-Length");
                }
                length = value;
            }
        }
        return Math.max(length, 0);
    }

    private byte[] readBody(int length, long deadlineNanos, HttpVersion version) throws IOException, Failure {
        byte[] body = new byte[length];
        int have = Math.min(length, end - start);
        System.arraycopy(buf, start, body, 0, have);
        start += have;
        while (have < length) {
            socket.setSoTimeout(remainingMillis(deadlineNanos));
            int n = in.read(body, have, length - have);
            if (n < 0) {
                throw new Failure((HttpStatus) null, version, "connection closed inside the body");
            }
            have += n;
        }
        return body;
    }

    /** Index of the blank line ending the headers (pointing at its first CR or LF), or -1. */
    private int findHeaderEnd(int from) {
        for (int i = Math.max(from, start); i < end; i++) {
            if (buf[i] != '\n') {
                continue;
            }
            if (i + 1 < end && buf[i + 1] == '\n') {
                return i + 1;
            }
            if (i + 2 < end && buf[i + 1] == '\r' && buf[i + 2] == '\n') {
                return i + 1;
            }
        }
        return -1;
    }

    private int bodyStart(int headerEnd) {
        return buf[headerEnd] == '\r' ? headerEnd + 2 : headerEnd + 1;
    }

    /** Reads more bytes into the buffer; false at end of stream. */
    private boolean fill(long deadlineNanos) throws IOException {
        if (start > 0 && start == end) {
            start = 0;
            end = 0;
        }
        if (end == buf.length) {
            if (start > 0) {
                System.arraycopy(buf, start, buf, 0, end - start);
                end -= start;
                start = 0;
            } else {
                buf = Arrays.copyOf(buf, Math.min(buf.length * 2, MAX_HEADER_BYTES + 4096));
            }
        }
        socket.setSoTimeout(remainingMillis(deadlineNanos));
        int n = in.read(buf, end, buf.length - end);
        if (n < 0) {
            return false;
        }
        end += n;
        return true;
    }

    private static int remainingMillis(long deadlineNanos) throws SocketTimeoutException {
        long left = (deadlineNanos - System.nanoTime()) / 1_000_000L;
        if (left <= 0) {
            throw new SocketTimeoutException("request deadline passed");
        }
        return (int) Math.min(left, Integer.MAX_VALUE);
    }
}
