package ruru.control.http;

import ruru.json.MapElement;

/**
 * The statuses this server sends. Error statuses carry Kea's JSON body, {@code result} being the
 * HTTP status code and {@code text} its reason phrase, unwrapped (FACTS section 1.6).
 */
enum HttpStatus {
    OK(200, "OK"),
    BAD_REQUEST(400, "Bad Request"),
    UNAUTHORIZED(401, "Unauthorized"),
    FORBIDDEN(403, "Forbidden"),
    NOT_FOUND(404, "Not Found"),
    REQUEST_TIMEOUT(408, "Request Timeout"),
    PAYLOAD_TOO_LARGE(413, "Payload Too Large"),
    INTERNAL_SERVER_ERROR(500, "Internal Server Error"),
    SERVICE_UNAVAILABLE(503, "Service Unavailable");

    private final int code;
    private final String reason;

    HttpStatus(int code, String reason) {
        this.code = code;
        this.reason = reason;
    }

    int code() {
        return code;
    }

    String reason() {
        return reason;
    }

    /** {@code { "result": 400, "text": "Bad Request" }}. */
    MapElement body() {
        return MapElement.builder().put("result", code).put("text", reason).build();
    }
}
