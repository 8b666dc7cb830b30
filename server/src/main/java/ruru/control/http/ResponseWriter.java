package ruru.control.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import ruru.json.Element;
import ruru.json.Json;

/**
 * Writes a response the way Kea's does: the request's HTTP version, Content-Length,
 * Content-Type application/json, Date, the configured http-headers, and the body in Kea's
 * compact JSON form.
 */
final class ResponseWriter {

    /** RFC 9110 section 5.6.7 IMF-fixdate (two-digit day, GMT). */
    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US);

    private final List<HttpHeader> extraHeaders;

    ResponseWriter(List<HttpHeader> extraHeaders) {
        this.extraHeaders = List.copyOf(extraHeaders);
    }

    static String date() {
        return IMF_FIXDATE.format(ZonedDateTime.now(ZoneOffset.UTC));
    }

    /**
     * @param challengeRealm non-null on 401: adds {@code WWW-Authenticate: Basic realm="..."}
     * @param close          adds {@code Connection: close} on HTTP/1.1 (1.0 closes by default)
     */
    byte[] render(HttpVersion version, HttpStatus status, Element body, String challengeRealm, boolean close) {
        byte[] json = Json.toCompact(body).getBytes(StandardCharsets.UTF_8);
        String challenge = challengeRealm == null ? "" : "WWW-Authenticate: Basic realm=\"" + challengeRealm + "\"\r\n";
        return assemble(version, status, "application/json", json, "", challenge, close);
    }

    /**
     * A GET's resource: its own media type, never cached (figures and the session change), not
     * sniffed, and confined to this origin's own files (the dashboard loads nothing from elsewhere).
     */
    byte[] render(HttpVersion version, HttpResource resource, boolean close) {
        return assemble(version, HttpStatus.OK, resource.contentType(), resource.bytes(),
                "Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n"
                        + "Content-Security-Policy: default-src 'self'; frame-ancestors 'none'\r\n", "", close);
    }

    private byte[] assemble(HttpVersion version, HttpStatus status, String contentType, byte[] body, String before,
            String after, boolean close) {
        StringBuilder head = new StringBuilder(384);
        head.append(version.text()).append(' ').append(status.code()).append(' ').append(status.reason()).append("\r\n");
        head.append("Content-Length: ").append(body.length).append("\r\n");
        head.append("Content-Type: ").append(contentType).append("\r\n");
        head.append("Date: ").append(date()).append("\r\n");
        head.append(before);
        for (HttpHeader h : extraHeaders) {
            head.append(h.name()).append(": ").append(h.value()).append("\r\n");
        }
        head.append(after);
        if (close && version == HttpVersion.HTTP_1_1) {
            head.append("Connection: close\r\n");
        }
        head.append("\r\n");
        byte[] h = head.toString().getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[h.length + body.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(body, 0, all, h.length, body.length);
        return all;
    }

    static void write(OutputStream out, byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }
}
