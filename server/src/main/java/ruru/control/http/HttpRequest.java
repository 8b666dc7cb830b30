package ruru.control.http;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One received HTTP request: request line, header fields in arrival order, and the body bytes
 * (exactly Content-Length of them).
 */
record HttpRequest(String method, String target, HttpVersion version, List<Field> headers, byte[] body) {

    record Field(String name, String value) {
    }

    HttpRequest {
        headers = List.copyOf(headers);
    }

    /** The first value of a header, matched case-insensitively (RFC 9110 section 5.1). */
    Optional<String> header(String name) {
        for (Field f : headers) {
            if (f.name().equalsIgnoreCase(name)) {
                return Optional.of(f.value());
            }
        }
        return Optional.empty();
    }

    /**
     * HTTP/1.0 always closes (Kea answers 1.0 in 1.0 and closes); HTTP/1.1 keeps the connection
     * unless the client sent {@code Connection: close}.
     */
    boolean keepAlive() {
        if (version == HttpVersion.HTTP_1_0) {
            return false;
        }
        for (Field f : headers) {
            if (f.name().equalsIgnoreCase("Connection")) {
                for (String token : f.value().split(",")) {
                    if (token.strip().equalsIgnoreCase("close")) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** application/json, with or without parameters such as charset (RFC 9110 section 8.3.1). */
    boolean isJson() {
        return header("Content-Type").map(v -> {
            int semicolon = v.indexOf(';');
            String type = (semicolon < 0 ? v : v.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
            return type.equals("application/json");
        }).orElse(false);
    }
}
