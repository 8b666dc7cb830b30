package ruru.control.http;

import java.util.Objects;

/** A header added to every response (Kea's {@code http-headers}, e.g. Strict-Transport-Security). */
public record HttpHeader(String name, String value) {
    public HttpHeader {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }
}
