package dev.soak.load;

/** Why an operation failed; {@link #key()} is the name in {@code errors_by_class}. */
enum ErrorClass {
    /** The target refused the TCP connection (nothing listening). */
    REFUSED("refused"),
    /** No complete response within the request timeout (connect, send or receive). */
    TIMEOUT("timeout"),
    /** A 4xx status. */
    HTTP_4XX("http_4xx"),
    /** A 5xx status. */
    HTTP_5XX("http_5xx"),
    /** A 1xx–3xx status that was not expected (Engram store expects 201, a template its {@code expect_status}). */
    UNEXPECTED_STATUS("unexpected_status"),
    /** Another network failure: reset, early close, malformed response. */
    IO("io"),
    /** A Java operation threw. */
    EXCEPTION("exception");

    static final ErrorClass[] VALUES = values();

    private final String key;

    ErrorClass(String key) {
        this.key = key;
    }

    String key() {
        return key;
    }
}
