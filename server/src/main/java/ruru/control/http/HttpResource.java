package ruru.control.http;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * What a listener answers to a GET (the dashboard's files, {@code /metrics}): a status, a media
 * type and the bytes. Commands keep going through POST and {@link HttpCommandHandler#handle}.
 */
public record HttpResource(Status status, String contentType, byte[] body) {

    /** The outcomes a GET can have once the client is authenticated. */
    public enum Status { OK, FORBIDDEN, NOT_FOUND }

    public HttpResource {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(contentType, "contentType");
        body = body.clone();
    }

    public static HttpResource ok(String contentType, byte[] body) {
        return new HttpResource(Status.OK, contentType, body);
    }

    public static HttpResource json(String text) {
        return ok("application/json", text.getBytes(StandardCharsets.UTF_8));
    }

    /** The authenticated client may not see this (a client limited to some commands). */
    public static HttpResource forbidden() {
        return new HttpResource(Status.FORBIDDEN, "application/json", new byte[0]);
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** The bytes without a copy, for the writer. */
    byte[] bytes() {
        return body;
    }
}
