package dev.soak.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.soak.scenario.ArrivalPattern;
import dev.soak.scenario.DataSpec;
import dev.soak.scenario.EmbeddingDistribution;
import dev.soak.scenario.Operations;
import dev.soak.scenario.Scenario;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EngramOperationsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A strict fake Engram: checks each request's shape, 400 when wrong, 201 for stores. */
    private static TestServer engram(AtomicInteger stores, Map<String, AtomicInteger> seen, Set<String> spaces,
                                     List<String> problems, int dim) throws Exception {
        return new TestServer(4, ex -> {
            String path = ex.getRequestURI().getPath();
            String query = ex.getRequestURI().getRawQuery();
            byte[] body = ex.getRequestBody().readAllBytes();
            String space = ex.getRequestHeaders().getFirst("X-Memory-Space");
            if (space != null) {
                spaces.add(space);
            }
            int status = 200;
            try {
                switch (path) {
                    case "/api/v1/memories/remember" -> {
                        JsonNode n = JSON.readTree(body);
                        check(n.get("content").isTextual() && n.get("embedding").size() == dim
                                && n.get("confidence").asDouble() > 0, "store body " + n);
                        stores.incrementAndGet();
                        Thread.sleep(1); // a store takes time, so completions spread out as with a real target
                        status = 201;
                    }
                    case "/api/v1/memories/recall" -> {
                        String q = URLDecoder.decode(query, StandardCharsets.UTF_8);
                        String emb = q.substring(q.indexOf("embedding=") + 10, q.indexOf("&threshold"));
                        check(JSON.readTree(emb).size() == dim && q.contains("max_results="), "recall " + q);
                    }
                    case "/api/v1/memories/search" -> check(query.startsWith("query=") && query.contains("&limit="),
                            "search " + query);
                    case "/api/v1/complete" -> {
                        JsonNode pe = JSON.readTree(body).get("partial_episode");
                        JsonNode emb = pe.get("partial_embedding");
                        boolean hasNull = false;
                        for (JsonNode e : emb) {
                            hasNull |= e.isNull();
                        }
                        check(emb.size() == dim && pe.get("known_fields").isObject()
                                && pe.get("cue_strength").isNumber(), "complete " + pe);
                        check(hasNull || dim < 4, "complete without nulls " + pe);
                    }
                    default -> check(false, "unknown path " + path);
                }
                seen.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet();
            } catch (Exception | AssertionError e) {
                problems.add(e.getMessage());
                status = 400;
            }
            ex.getResponseHeaders().add("Content-Type", "application/json");
            TestServer.respond(ex, status, "{\"memory_id\":\"m\"}", false);
        });
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError(what);
        }
    }

    @Test
    void preloadThenMix_allFourOperationsWellFormed_spacesSpread() throws Exception {
        AtomicInteger stores = new AtomicInteger();
        Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
        Set<String> spaces = ConcurrentHashMap.newKeySet();
        List<String> problems = new CopyOnWriteArrayList<>();
        int dim = 16;
        try (TestServer srv = engram(stores, seen, spaces, problems, dim)) {
            DataSpec data = new DataSpec(300, dim, 3, new EmbeddingDistribution.Clustered(4, 0.1));
            Scenario s = TestScenarios.of(new ArrivalPattern.Constant(200),
                    new Operations(Map.of("store", 0.25, "recall", 0.25, "embedding_search", 0.25,
                            "pattern_completion", 0.25), List.of()), data, srv.port(), 1);
            LoadDriver d = LoadDriver.builder(s).seed(5).sampleInterval(Duration.ofMillis(500)).build();
            List<long[]> progress = new CopyOnWriteArrayList<>();
            long stored = d.preload((done, failed, total) -> progress.add(new long[] {done, failed, total}));
            assertThat(stored).isEqualTo(300);
            assertThat(stores.get()).isEqualTo(300);
            assertThat(progress.get(progress.size() - 1)).containsExactly(300, 0, 300);
            assertThat(progress.size()).isGreaterThan(10); // about every 1 %, the last requests in flight included
            assertThat(progress).extracting(p -> p[0]).isSorted();

            RunCapture c = RunCapture.run(d, 1500);
            assertThat(problems).isEmpty();
            assertThat(c.errors()).isZero();
            assertThat(seen.keySet()).containsExactlyInAnyOrder("/api/v1/memories/remember",
                    "/api/v1/memories/recall", "/api/v1/memories/search", "/api/v1/complete");
            assertThat(spaces).containsExactlyInAnyOrder("space-0", "space-1", "space-2");
            assertThat(c.intervals.get(0).perOperation().keySet()).containsExactlyInAnyOrder("store", "recall",
                    "embedding_search", "pattern_completion");
        }
    }

    @Test
    void storeExpects201_a200IsAnError() throws Exception {
        try (TestServer srv = new TestServer(2, ex -> TestServer.respond(ex, 200, "{}", false))) {
            Scenario s = TestScenarios.engram(new ArrivalPattern.Constant(50), srv.port(), Map.of("store", 1.0), 0, 8);
            RunCapture c = RunCapture.run(LoadDriver.builder(s).build(), 600);
            assertThat(c.errors("unexpected_status")).isPositive().isEqualTo(c.ops());
        }
    }
}
