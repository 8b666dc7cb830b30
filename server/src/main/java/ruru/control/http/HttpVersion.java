package ruru.control.http;

/** The two versions served; a reply carries the request's version (Kea does the same). */
enum HttpVersion {
    HTTP_1_0("HTTP/1.0"),
    HTTP_1_1("HTTP/1.1");

    private final String text;

    HttpVersion(String text) {
        this.text = text;
    }

    String text() {
        return text;
    }

    static HttpVersion parse(String text) {
        for (HttpVersion v : values()) {
            if (v.text.equals(text)) {
                return v;
            }
        }
        return null;
    }
}
