package dev.soak.reference;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Routes and answers the Engram-compatible HTTP API of the reference server (see the package
 * documentation for the routes and shapes). Every failure is answered with
 * {@code {"error":{"code":"…","message":"…"}}} and its status; nothing a client sends stops the
 * server.
 *
 * <p>Thread-safe: one instance serves all worker threads.
 */
final class EngramHandler implements HttpHandler {
    private static final String JSON = "application/json";
    private static final int MAX_RESULTS = 1000;

    /** A route: its name (for metrics), the methods it answers, and whether faults apply to it. */
    private record Route(String name, Set<String> methods, boolean api) {
    }

    private static final Map<String, Route> ROUTES = Map.of(
            "/api/v1/memories/remember", new Route("remember", Set.of("POST"), true),
            "/api/v1/memories", new Route("remember", Set.of("POST"), true),
            "/api/v1/memories/recall", new Route("recall", Set.of("GET"), true),
            "/api/v1/memories/search", new Route("search", Set.of("GET"), true),
            "/api/v1/complete", new Route("complete", Set.of("POST"), true),
            "/health", new Route("health", Set.of("GET"), false),
            "/metrics/prometheus", new Route("metrics", Set.of("GET"), false),
            "/admin/faults", new Route("admin", Set.of("GET"), false));

    private final ReferenceServerOptions options;
    private final Spaces spaces;
    private final FaultInjector faults;
    private final ServerMetrics metrics;
    private final AtomicLong ids = new AtomicLong();
    private final long startNanos = System.nanoTime();

    EngramHandler(ReferenceServerOptions options, Spaces spaces, FaultInjector faults, ServerMetrics metrics) {
        this.options = options;
        this.spaces = spaces;
        this.faults = faults;
        this.metrics = metrics;
    }

    /** A response ready to send. */
    private record Reply(int status, String contentType, byte[] body) {
        static Reply json(int status, Object value) {
            return new Reply(status, JSON, JsonIo.write(value));
        }
    }

    @Override
    public void handle(HttpExchange ex) {
        long t0 = System.nanoTime();
        String routeName = "unknown";
        Reply reply;
        try {
            String path = ex.getRequestURI().getRawPath();
            Route route = ROUTES.get(path);
            if (route == null) {
                throw new ApiError(404, "not_found", "no route " + ex.getRequestMethod() + " " + path
                        + "; routes: POST /api/v1/memories/remember, POST /api/v1/memories, GET /api/v1/memories/recall, "
                        + "GET /api/v1/memories/search, POST /api/v1/complete, GET /health, GET /metrics/prometheus");
            }
            routeName = route.name();
            if (!route.methods().contains(ex.getRequestMethod())) {
                ex.getResponseHeaders().set("Allow", String.join(", ", route.methods()));
                throw new ApiError(405, "method_not_allowed", ex.getRequestMethod() + " is not allowed on "
                        + path + "; use " + String.join(" or ", route.methods()));
            }
            if (route.api()) {
                faults.injectLatency();
                if (faults.nextRequestFails()) {
                    throw new ApiError(500, "injected_fault", "internal error injected on purpose (--error-rate "
                            + options.faults().errorRate() + ")");
                }
            }
            reply = switch (path) {
                case "/api/v1/memories/remember", "/api/v1/memories" -> remember(ex);
                case "/api/v1/memories/recall" -> recall(ex);
                case "/api/v1/memories/search" -> search(ex);
                case "/api/v1/complete" -> complete(ex);
                case "/health" -> health();
                case "/metrics/prometheus" -> new Reply(200, "text/plain; version=0.0.4; charset=utf-8",
                        metrics.exposition(spaces.sizes(), faults.state()).getBytes(StandardCharsets.UTF_8));
                default -> admin(ex);
            };
        } catch (ApiError e) {
            reply = new Reply(e.status(), JSON, JsonIo.error(e.code(), e.getMessage()));
        } catch (RuntimeException | Error e) {
            if (e instanceof OutOfMemoryError oom) {
                throw oom;
            }
            reply = new Reply(500, JSON, JsonIo.error("internal_error", String.valueOf(e)));
        }
        send(ex, reply);
        metrics.record(routeName, reply.status(), System.nanoTime() - t0);
    }

    private static void send(HttpExchange ex, Reply reply) {
        try (ex) {
            ex.getResponseHeaders().set("Content-Type", reply.contentType());
            ex.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(reply.body());
            }
        } catch (IOException e) {
            // the client went away; nothing to answer
        }
    }

    private Reply remember(HttpExchange ex) throws ApiError {
        JsonIo.Remember r = JsonIo.parseRemember(body(ex), spaces.dim());
        if (r.content().length() > options.maxContentChars()) {
            throw ApiError.badRequest("content_too_long", "content has " + r.content().length()
                    + " characters; this server stores at most " + options.maxContentChars() + " (--max-content-chars)");
        }
        if (r.id() != null && (r.id().isEmpty() || r.id().length() > 256)) {
            throw ApiError.badRequest("invalid_id", "id must have 1 to 256 characters");
        }
        float[] embedding = r.embedding();
        if (embedding != null) {
            spaces.checkDim(embedding.length, "embedding");
        } else if (spaces.dim() == 0) {
            throw ApiError.badRequest("missing_field", "field 'embedding' is missing and the server's dimension "
                    + "is not known yet (--embedding-dim 0 adopts the first embedding stored); send an embedding");
        } else {
            embedding = new float[spaces.dim()];
        }
        String spaceName = space(ex, r.space());
        SpaceStore space = spaces.get(spaceName, true);
        String id = r.id() != null ? r.id() : "mem_" + Long.toHexString(ids.getAndIncrement());
        space.put(id, r.content(), embedding, r.confidence());
        faults.onStore();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("memory_id", id);
        out.put("storage_confidence", confidence(r.confidence(), "as given by the client"));
        out.put("consolidation_state", "Recent");
        out.put("memory_space", spaceName);
        out.put("system_message", "Memory stored in space '" + spaceName + "'");
        return Reply.json(201, out);
    }

    private Reply recall(HttpExchange ex) {
        Map<String, String> q = query(ex);
        String raw = q.get("embedding");
        String spaceName = space(ex, null);
        int max = intParam(q, "max_results", 10);
        double threshold = doubleParam(q, "threshold", 0.0);
        List<SpaceStore.Hit> hits;
        if (raw != null) {
            float[] embedding = JsonIo.parseEmbedding(raw, "embedding", spaces.dim());
            spaces.checkDim(embedding.length, "embedding");
            SpaceStore space = spaces.get(spaceName, false);
            hits = space == null ? List.of() : space.recall(embedding, threshold, max);
        } else if (q.get("query") != null) {
            SpaceStore space = spaces.get(spaceName, false);
            hits = space == null ? List.of() : space.search(q.get("query"), max);
        } else {
            throw ApiError.badRequest("missing_parameter", "recall needs 'embedding' (a JSON array of "
                    + "numbers, URL-encoded) or 'query' (text)");
        }
        List<Map<String, Object>> vivid = new ArrayList<>();
        List<Map<String, Object>> associated = new ArrayList<>();
        for (SpaceStore.Hit h : hits) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", h.id());
            m.put("content", h.content());
            m.put("confidence", confidence(h.confidence(), null));
            m.put("similarity_score", h.score());
            (h.score() >= 0.8 ? vivid : associated).add(m);
        }
        Map<String, Object> memories = new LinkedHashMap<>();
        memories.put("vivid", vivid);
        memories.put("associated", associated);
        memories.put("reconstructed", List.of());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("memories", memories);
        out.put("total_results", hits.size());
        out.put("memory_space", spaceName);
        return Reply.json(200, out);
    }

    private Reply search(HttpExchange ex) {
        Map<String, String> q = query(ex);
        String text = q.get("query");
        if (text == null) {
            throw ApiError.badRequest("missing_parameter", "search needs 'query' (text to match)");
        }
        int limit = intParam(q, "limit", 10);
        String spaceName = space(ex, null);
        SpaceStore space = spaces.get(spaceName, false);
        List<SpaceStore.Hit> hits = space == null ? List.of() : space.search(text, limit);
        List<Map<String, Object>> results = new ArrayList<>();
        for (SpaceStore.Hit h : hits) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", h.id());
            m.put("content", h.content());
            m.put("score", h.score());
            m.put("confidence", confidence(h.confidence(), null));
            results.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("results", results);
        out.put("total_results", results.size());
        out.put("query", text);
        out.put("memory_space", spaceName);
        return Reply.json(200, out);
    }

    private Reply complete(HttpExchange ex) {
        JsonIo.Complete c = JsonIo.parseComplete(body(ex));
        String spaceName = space(ex, c.space());
        SpaceStore space = spaces.get(spaceName, false);
        float[] values = c.values();
        boolean[] known = c.known();
        if (values.length > 0) {
            spaces.checkDim(values.length, "partial_embedding");
        } else if (spaces.dim() > 0) {
            values = new float[spaces.dim()];
            known = new boolean[spaces.dim()];
        }
        SpaceStore.Hit match = space == null || values.length == 0 ? null : space.complete(values, known);
        if (match == null && c.knownFields().isEmpty()) {
            throw new ApiError(422, "insufficient_evidence", "no stored memory in space '" + spaceName
                    + "' matches the partial embedding; store memories first or give known_fields");
        }
        int filled = 0;
        for (boolean k : known) {
            filled += k ? 0 : 1;
        }
        double similarity = match == null ? 0 : Math.max(0, match.score());
        double conf = c.cueStrength() * (match == null ? 0.5 : 0.5 + 0.5 * similarity);
        Map<String, Object> episode = new LinkedHashMap<>();
        episode.put("id", match == null ? "completed_" + Long.toHexString(ids.getAndIncrement()) : match.id());
        episode.put("when", c.knownFields().getOrDefault("when", Instant.now().toString()));
        episode.put("what", c.knownFields().getOrDefault("what", match == null ? "" : match.content()));
        episode.put("where_location", c.knownFields().get("where"));
        episode.put("who", c.knownFields().containsKey("who") ? List.of(c.knownFields().get("who")) : null);
        episode.put("encoding_confidence", match == null ? c.cueStrength() : match.confidence());
        Map<String, Object> attribution = new LinkedHashMap<>();
        for (String f : List.of("what", "when", "where", "who")) {
            boolean given = c.knownFields().containsKey(f);
            attribution.put(f, Map.of("source", given ? "recalled" : "reconstructed",
                    "confidence", given ? 1.0 : conf));
        }
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("ca3_iterations", 1);
        stats.put("convergence_achieved", true);
        stats.put("pattern_sources", match == null ? List.of() : List.of(match.id()));
        stats.put("plausibility_score", conf);
        stats.put("filled_dimensions", filled);
        stats.put("cue_similarity", similarity);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("completed_episode", episode);
        out.put("completion_confidence", confidence((float) conf, conf >= c.ca1Threshold()
                ? "above the CA1 threshold" : "below the CA1 threshold"));
        out.put("source_attribution", attribution);
        out.put("metacognitive_confidence", confidence((float) conf, null));
        out.put("reconstruction_stats", stats);
        return Reply.json(200, out);
    }

    private Reply health() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", "healthy");
        out.put("service", "soak-reference");
        out.put("uptime_sec", (System.nanoTime() - startNanos) / 1e9);
        out.put("embedding_dim", spaces.dim());
        out.put("memory_spaces", spaces.sizes());
        return Reply.json(200, out);
    }

    private Reply admin(HttpExchange ex) {
        if (!ex.getRemoteAddress().getAddress().isLoopbackAddress()) {
            throw new ApiError(403, "forbidden", "/admin/faults answers loopback clients only");
        }
        Map<String, Object> out = new LinkedHashMap<>(faults.state());
        out.put("heap_after_gc_bytes", metrics.heapAfterGcBytes());
        return Reply.json(200, out);
    }

    private static Map<String, Object> confidence(float value, String reasoning) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("value", value);
        m.put("category", value > 0.7 ? "High" : value > 0.4 ? "Medium" : "Low");
        if (reasoning != null) {
            m.put("reasoning", reasoning);
        }
        return m;
    }

    private String space(HttpExchange ex, String fromBody) {
        String header = ex.getRequestHeaders().getFirst("X-Memory-Space");
        if (header != null && !header.isBlank()) {
            return header.trim();
        }
        String param = query(ex).get("space");
        if (param != null && !param.isBlank()) {
            return param;
        }
        return fromBody != null && !fromBody.isBlank() ? fromBody : Spaces.DEFAULT_SPACE;
    }

    private Map<String, String> query(HttpExchange ex) {
        String raw = ex.getRequestURI().getRawQuery();
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        if (raw.length() > options.maxBodyBytes()) {
            throw new ApiError(414, "uri_too_long", "the query string has " + raw.length()
                    + " characters; this server accepts at most " + options.maxBodyBytes() + " (--max-body-bytes)");
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                out.putIfAbsent(k, v);
            } catch (IllegalArgumentException e) {
                throw ApiError.badRequest("invalid_parameter", "query parameter '" + pair.substring(0, Math.min(40, pair.length()))
                        + "' is not validly URL-encoded: " + e.getMessage());
            }
        }
        return out;
    }

    private static int intParam(Map<String, String> q, String name, int dflt) {
        String v = q.get(name);
        if (v == null || v.isEmpty()) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return Math.min(n, MAX_RESULTS);
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("invalid_parameter", name + " = '" + v
                    + "' must be a whole number ≥ 0 (values above " + MAX_RESULTS + " are capped)");
        }
    }

    private static double doubleParam(Map<String, String> q, String name, double dflt) {
        String v = q.get(name);
        if (v == null || v.isEmpty()) {
            return dflt;
        }
        try {
            double d = Double.parseDouble(v.trim());
            if (Double.isNaN(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("invalid_parameter", name + " = '" + v + "' must be a number, e.g. 0.5");
        }
    }

    private byte[] body(HttpExchange ex) {
        int max = options.maxBodyBytes();
        String length = ex.getRequestHeaders().getFirst("Content-Length");
        if (length != null) {
            try {
                if (Long.parseLong(length.trim()) > max) {
                    throw tooLarge(length.trim(), max);
                }
            } catch (NumberFormatException e) {
                throw ApiError.badRequest("invalid_header", "Content-Length '" + length + "' is not a number");
            }
        }
        try (InputStream in = ex.getRequestBody()) {
            byte[] b = in.readNBytes(max + 1);
            if (b.length > max) {
                throw tooLarge("more than " + max, max);
            }
            return b;
        } catch (IOException e) {
            throw ApiError.badRequest("invalid_body", "could not read the request body: " + e.getMessage());
        }
    }

    private static ApiError tooLarge(String length, int max) {
        return new ApiError(413, "payload_too_large", "the request body has " + length
                + " bytes; this server accepts at most " + max + " (--max-body-bytes)");
    }
}
