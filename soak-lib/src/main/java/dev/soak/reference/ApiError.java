package dev.soak.reference;

/**
 * A request the server answers with an Engram-style error body
 * {@code {"error":{"code":"…","message":"…"}}} and {@link #status()}. Immutable.
 */
final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    ApiError(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    static ApiError badRequest(String code, String message) {
        return new ApiError(400, code, message);
    }
}
