package dev.soak.load;

import dev.soak.scenario.EngramOperation;
import java.nio.charset.StandardCharsets;

/**
 * Request renderers for the four Engram operations (DESIGN.md "Engram HTTP API"):
 * <ul>
 *   <li>store: {@code POST /api/v1/memories/remember} {@code {"content","embedding","confidence"}}, expects 201;</li>
 *   <li>recall: {@code GET /api/v1/memories/recall?embedding=[..]&threshold=0.5&max_results=10}, expects 2xx;</li>
 *   <li>embedding_search: {@code GET /api/v1/memories/search?query=<two words>&limit=10}, expects 2xx;</li>
 *   <li>pattern_completion: {@code POST /api/v1/complete} {@code {"partial_episode":{"known_fields",
 *       "partial_embedding" (about half null),"cue_strength"},"config":{}}}, expects 2xx.</li>
 * </ul>
 * With more than one memory space each request carries {@code X-Memory-Space: space-<k>}, k
 * uniform in [0, memory_spaces). Stateless; safe to share.
 */
final class EngramRenderers {
    private static final byte[] POST = bytes("POST");
    private static final byte[] GET = bytes("GET");
    private static final String[] WORDS = {"alpha", "bravo", "cache", "delta", "echo", "memory", "river", "signal",
        "stone", "tango", "vector", "window", "yellow", "zebra", "orbit", "pulse"};

    private EngramRenderers() {
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** The renderer of {@code op} against {@code hostHeaderValue} (host[:port]). */
    static RequestRenderer of(EngramOperation op, String hostHeaderValue, int memorySpaces, EmbeddingPool pool) {
        byte[] host = bytes("Host: " + hostHeaderValue + "\r\n");
        return switch (op) {
            case STORE -> new Base(host, memorySpaces, 201) {
                @Override
                void target(long seq, SplitMix64 rng, ByteBuilder out) {
                    out.appendAscii("POST /api/v1/memories/remember");
                }

                @Override
                boolean body(long seq, SplitMix64 rng, ByteBuilder body) {
                    body.appendAscii("{\"content\":\"soak memory ").appendLong(seq).appendAscii("\",\"embedding\":")
                            .append(pool.json(rng.nextInt(pool.size()))).appendAscii(",\"confidence\":")
                            .appendFixed(0.5 + 0.49 * rng.nextDouble(), 2).appendByte('}');
                    return true;
                }
            };
            case RECALL -> new Base(host, memorySpaces, 0) {
                @Override
                void target(long seq, SplitMix64 rng, ByteBuilder out) {
                    out.appendAscii("GET /api/v1/memories/recall?embedding=")
                            .append(pool.urlEncoded(rng.nextInt(pool.size())))
                            .appendAscii("&threshold=0.5&max_results=10");
                }
            };
            case EMBEDDING_SEARCH -> new Base(host, memorySpaces, 0) {
                @Override
                void target(long seq, SplitMix64 rng, ByteBuilder out) {
                    out.appendAscii("GET /api/v1/memories/search?query=").appendAscii(WORDS[rng.nextInt(WORDS.length)])
                            .appendByte('+').appendAscii(WORDS[rng.nextInt(WORDS.length)]).appendAscii("&limit=10");
                }
            };
            case PATTERN_COMPLETION -> new Base(host, memorySpaces, 0) {
                @Override
                void target(long seq, SplitMix64 rng, ByteBuilder out) {
                    out.appendAscii("POST /api/v1/complete");
                }

                @Override
                boolean body(long seq, SplitMix64 rng, ByteBuilder body) {
                    body.appendAscii("{\"partial_episode\":{\"known_fields\":{\"what\":\"soak memory ")
                            .appendLong(rng.nextLong(0, Math.max(0, seq))).appendAscii("\"},\"partial_embedding\":")
                            .append(pool.partialJson(rng.nextInt(pool.size()))).appendAscii(",\"cue_strength\":")
                            .appendFixed(0.5 + 0.5 * rng.nextDouble(), 2).appendAscii("},\"config\":{}}");
                    return true;
                }
            };
        };
    }

    /** Request line, Host, optional X-Memory-Space, optional JSON body; status check. */
    private abstract static class Base implements RequestRenderer {
        private final byte[] host;
        private final int memorySpaces;
        private final int expectedStatus; // 0 = any 2xx

        Base(byte[] host, int memorySpaces, int expectedStatus) {
            this.host = host;
            this.memorySpaces = memorySpaces;
            this.expectedStatus = expectedStatus;
        }

        /** Writes "METHOD target" (no version). */
        abstract void target(long seq, SplitMix64 rng, ByteBuilder out);

        /** Writes the body; false when there is none. */
        boolean body(long seq, SplitMix64 rng, ByteBuilder body) {
            return false;
        }

        @Override
        public final void render(long seq, SplitMix64 rng, ByteBuilder scratch, ByteBuilder out) {
            out.clear();
            target(seq, rng, out);
            out.appendAscii(" HTTP/1.1\r\n").append(host);
            if (memorySpaces > 1) {
                out.appendAscii("X-Memory-Space: space-").appendLong(rng.nextInt(memorySpaces)).appendAscii("\r\n");
            }
            scratch.clear();
            if (body(seq, rng, scratch)) {
                out.appendAscii("Content-Type: application/json\r\nContent-Length: ").appendLong(scratch.length())
                        .appendAscii("\r\n\r\n").append(scratch);
            } else {
                out.appendAscii("\r\n");
            }
        }

        @Override
        public final boolean expected(int status) {
            return expectedStatus == 0 ? status >= 200 && status < 300 : status == expectedStatus;
        }
    }
}
