package dev.soak.load;

import java.util.Map;

/**
 * Renders the bytes of one HTTP/1.1 request of an operation and judges its response status.
 * Implementations are immutable and may be shared; rendering state lives in the arguments.
 */
interface RequestRenderer {
    /**
     * Renders the whole request (request line, headers with Host and Content-Length, body).
     *
     * @param seq     the run's sequence number of this operation ({@code {{seq}}})
     * @param rng     seeded for this operation; every random choice of the payload comes from it
     * @param scratch a reusable buffer for the body
     * @param out     receives the request; cleared first
     */
    void render(long seq, SplitMix64 rng, ByteBuilder scratch, ByteBuilder out);

    /** True when {@code status} counts as success. */
    boolean expected(int status);

    /**
     * The values of environment variables this renderer puts into requests ({@code {{env:NAME}}}), each with
     * the placeholder to show in its place wherever a request or response is recorded: a token in a path,
     * or echoed back by the server, must not reach the run directory.
     */
    default Map<String, String> redactions() {
        return Map.of();
    }

    /** True for HEAD requests (the response has headers only). */
    default boolean head() {
        return false;
    }
}
