/**
 * The reference server: an in-memory, Engram-compatible HTTP server with fault injection, the
 * embedded default target of a soak run ({@code [target] kind = "embedded"}).
 *
 * <h2>Routes</h2>
 * <ul>
 * <li>{@code POST /api/v1/memories/remember} and the older {@code POST /api/v1/memories}: JSON
 *     {@code content} (required), {@code embedding} (float array of the server's dimension),
 *     {@code confidence} (0–1, default 0.7), optional {@code id} → 201
 *     {@code {"memory_id":…, "storage_confidence":{…}, …}}.</li>
 * <li>{@code GET /api/v1/memories/recall?embedding=<JSON array>&threshold=&max_results=&space=}:
 *     exact cosine similarity over the newest {@code recall_scan_limit} memories of the space →
 *     {@code {"memories":{"vivid":[…similarity ≥ 0.8], "associated":[…], "reconstructed":[]},
 *     "total_results":n}}; {@code query=<text>} instead of {@code embedding} does a token match.</li>
 * <li>{@code GET /api/v1/memories/search?query=<text>&limit=<k>}: token match (score = fraction of the
 *     query's tokens found in the content, ignoring case) → {@code {"results":[…], "total_results":n}}.</li>
 * <li>{@code POST /api/v1/complete}: {@code partial_episode} ({@code known_fields},
 *     {@code partial_embedding} with nulls, {@code cue_strength}) and {@code config}
 *     ({@code ca1_threshold}) → the best match on the known dimensions fills the masked ones:
 *     {@code {"completed_episode":{…}, "completion_confidence":{…}, "reconstruction_stats":{…}}};
 *     422 when nothing matches and no field is known.</li>
 * <li>Memory space: header {@code X-Memory-Space}, else {@code ?space=}, else the body's
 *     {@code memory_space_id}, else {@code default}. Spaces are isolated.</li>
 * <li>{@code GET /health} → 200 {@code {"status":"healthy",…}}; {@code GET /metrics/prometheus} →
 *     Prometheus text (see {@link dev.soak.reference.ServerMetrics}); {@code GET /admin/faults}
 *     (loopback clients only) → the state of the injected faults.</li>
 * <li>Errors: {@code {"error":{"code":"…","message":"…"}}} with 400 (malformed JSON, wrong embedding
 *     dimension, bad parameter), 404 (unknown route), 405 (wrong method, with {@code Allow}), 413
 *     (body over {@code max_body_bytes}), 414 (query string over it), 422, 500 (injected).</li>
 * </ul>
 * Faults (latency, error rate) apply to the {@code /api/v1} routes only, never to health or metrics.
 *
 * <h2>Stability</h2>
 * The store is a ring per space ({@code capacity_per_space}, oldest overwritten) over at most
 * {@code max_spaces} spaces, the worker pool is fixed and prestarted, and request counters are keyed
 * by a fixed set of routes: with no fault nothing grows per request. Garbage that the young
 * collections promote is reclaimed by a full collection the server requests every
 * {@code full_gc_interval_sec} (default 60, {@link dev.soak.reference.LiveSetCollector}), and the
 * embedded child compacts fully ({@code -XX:MarkSweepDeadRatio=0}), so heap-after-GC is the live set
 * and RSS plateaus. Measured (500 ops/s store/recall/search, 768 dimensions, 30 min, Soak's own
 * detectors): after the 11-min warm-up RSS 197.0–197.2 MB ({@code rss_mb} PASS, 0.67 MB/h) and
 * heap after GC 70.2–71.4 MB.
 */
package dev.soak.reference;
