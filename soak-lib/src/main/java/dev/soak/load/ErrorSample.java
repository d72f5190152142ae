package dev.soak.load;

import java.util.Locale;

/**
 * The first failure of one kind, kept so that a run says why requests fail, not only how many: which
 * operation, its {@code errors_by_class} key, the HTTP status (0 when no response came), the request
 * line sent, and the start of the response body or the exception's message.
 *
 * <p>Example: {@code ErrorSample("preload", "http_4xx", 400, "POST /api/v1/memories HTTP/1.1",
 * "{\"error\":\"embedding has 32 dimensions, expected 768\"}")}, described as
 * {@code preload: http_4xx, HTTP 400 to POST /api/v1/memories HTTP/1.1: {"error":"embedding has 32 …"}}.
 * Immutable.
 *
 * @param operation  operation name, or {@code preload}
 * @param errorClass key in {@code errors_by_class} ({@code http_4xx}, {@code refused}, {@code tls_untrusted}, …)
 * @param status     HTTP status, 0 when there was no response
 * @param request    the request line, empty for a Java operation
 * @param detail     the start of the response body (at most {@link ErrorSamples#DETAIL_CHARS} characters, control
 *                   characters as spaces), or the exception; empty when there was neither
 */
public record ErrorSample(String operation, String errorClass, int status, String request, String detail) {
    /** One line for the console and the {@code error_sample} event. */
    public String describe() {
        StringBuilder b = new StringBuilder(operation).append(": ").append(errorClass);
        if (status > 0) {
            b.append(String.format(Locale.ROOT, ", HTTP %d", status));
        }
        if (!request.isEmpty()) {
            b.append(status > 0 ? " to " : " on ").append(request);
        }
        if (!detail.isEmpty()) {
            b.append(": ").append(detail);
        }
        return b.toString();
    }
}
