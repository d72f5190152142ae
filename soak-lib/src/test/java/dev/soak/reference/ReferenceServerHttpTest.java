package dev.soak.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every route and error path of the reference server, over real HTTP on 127.0.0.1. */
class ReferenceServerHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int DIM = 8;
    private static ReferenceServer server;
    private static HttpClient client;

    @BeforeAll
    static void start() {
        server = ReferenceServer.start(ReferenceServerOptions.builder().embeddingDim(DIM).capacityPerSpace(5)
                .recallScanLimit(5).maxSpaces(16).maxBodyBytes(4096).maxContentChars(100).threads(2).build());
        client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> send(String method, String pathAndQuery, String body, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.endpoint() + pathAndQuery))
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return send("POST", path, body, Map.of("Content-Type", "application/json"));
    }

    private static HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return send("GET", pathAndQuery, null, Map.of());
    }

    private static JsonNode json(HttpResponse<String> r) throws IOException {
        return JSON.readTree(r.body());
    }

    private static String vec(float... v) {
        return Arrays.toString(v);
    }

    private static float[] unit(int i) {
        float[] v = new float[DIM];
        v[i] = 1;
        return v;
    }

    private static String remember(String space, String content, float[] v) throws Exception {
        var r = send("POST", "/api/v1/memories/remember", "{\"content\":\"" + content + "\",\"embedding\":" + vec(v)
                + ",\"confidence\":0.9}", Map.of("X-Memory-Space", space));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return json(r).get("memory_id").asText();
    }

    private static JsonNode recall(String space, float[] v, double threshold, int max) throws Exception {
        var r = get("/api/v1/memories/recall?embedding=" + URLEncoder.encode(vec(v), StandardCharsets.UTF_8)
                + "&threshold=" + threshold + "&max_results=" + max + "&space=" + space);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r);
    }

    private static void assertError(HttpResponse<String> r, int status, String code) throws IOException {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        JsonNode err = json(r).get("error");
        assertThat(err.get("code").asText()).isEqualTo(code);
        assertThat(err.get("message").asText()).isNotBlank();
    }

    @Test
    void remember_bothPaths_return201WithMemoryId() throws Exception {
        var a = post("/api/v1/memories/remember", "{\"content\":\"a\",\"embedding\":" + vec(unit(0)) + ",\"confidence\":0.5}");
        var b = post("/api/v1/memories", "{\"content\":\"b\",\"confidence\":0.5,\"embedding\":" + vec(unit(1)) + "}");
        assertThat(a.statusCode()).isEqualTo(201);
        assertThat(b.statusCode()).isEqualTo(201);
        assertThat(json(a).get("memory_id").asText()).isNotBlank().isNotEqualTo(json(b).get("memory_id").asText());
        assertThat(json(a).at("/storage_confidence/value").asDouble()).isEqualTo(0.5);
    }

    @Test
    void recall_ranksByCosineAndHonoursThresholdAndMaxResults() throws Exception {
        String space = "recall";
        String x = remember(space, "x axis", unit(0));
        String y = remember(space, "y axis", unit(1));
        float[] xy = unit(0);
        xy[1] = 1;
        String d = remember(space, "diagonal", xy);
        float[] q = unit(0);
        q[1] = 0.1f;
        JsonNode all = recall(space, q, -1, 10);
        assertThat(all.get("total_results").asInt()).isEqualTo(3);
        assertThat(all.at("/memories/vivid/0/id").asText()).isEqualTo(x);
        assertThat(all.at("/memories/vivid/0/similarity_score").asDouble()).isCloseTo(1 / Math.sqrt(1.01), org.assertj.core.data.Offset.offset(1e-5));
        assertThat(all.at("/memories/associated/0/id").asText()).isEqualTo(d);
        assertThat(all.at("/memories/associated/1/id").asText()).isEqualTo(y);
        assertThat(recall(space, q, 0.5, 10).get("total_results").asInt()).isEqualTo(2);
        assertThat(recall(space, q, -1, 1).get("total_results").asInt()).isEqualTo(1);
    }

    @Test
    void spaces_areIsolated_headerOrQueryParameter() throws Exception {
        remember("alpha", "only in alpha", unit(2));
        assertThat(recall("alpha", unit(2), 0.9, 10).get("total_results").asInt()).isEqualTo(1);
        assertThat(recall("beta", unit(2), 0.9, 10).get("total_results").asInt()).isZero();
        var viaParam = post("/api/v1/memories/remember?space=beta", "{\"content\":\"only in beta\",\"embedding\":" + vec(unit(2)) + "}");
        assertThat(viaParam.statusCode()).isEqualTo(201);
        assertThat(recall("beta", unit(2), 0.9, 10).at("/memories/vivid/0/content").asText()).isEqualTo("only in beta");
        assertThat(recall("alpha", unit(2), 0.9, 10).at("/memories/vivid/0/content").asText()).isEqualTo("only in alpha");
    }

    @Test
    void store_isARing_oldestEvictedAtCapacity() throws Exception {
        String space = "ring";
        for (int i = 0; i < 7; i++) {
            remember(space, "item" + i, unit(3));
        }
        JsonNode r = recall(space, unit(3), 0.5, 100);
        assertThat(r.get("total_results").asInt()).isEqualTo(5);
        assertThat(r.toString()).doesNotContain("\"item0\"").doesNotContain("\"item1\"").contains("\"item6\"");
    }

    @Test
    void search_matchesTokensIgnoringCase_limit() throws Exception {
        var s = "search";
        remember(s, "The quick brown fox", unit(4));
        remember(s, "a lazy dog", unit(4));
        remember(s, "Brown bread and a DOG", unit(4));
        var r = send("GET", "/api/v1/memories/search?query=" + URLEncoder.encode("brown dog", StandardCharsets.UTF_8)
                + "&limit=5", null, Map.of("X-Memory-Space", s));
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode j = json(r);
        assertThat(j.get("total_results").asInt()).isEqualTo(3);
        assertThat(j.at("/results/0/content").asText()).isEqualTo("Brown bread and a DOG");
        assertThat(j.at("/results/0/score").asDouble()).isEqualTo(1.0);
        var limited = send("GET", "/api/v1/memories/search?query=brown&limit=1", null, Map.of("X-Memory-Space", s));
        assertThat(json(limited).get("total_results").asInt()).isEqualTo(1);
    }

    @Test
    void complete_fillsMaskedDimensionsFromBestMatch() throws Exception {
        var s = "complete";
        float[] stored = {1, 2, 3, 4, 5, 6, 7, 8};
        String id = remember(s, "breakfast at noon", stored);
        remember(s, "unrelated", new float[] {-1, 0, 0, 0, 0, 0, 0, 0});
        String body = "{\"partial_episode\":{\"known_fields\":{\"where\":\"kitchen\"},"
                + "\"partial_embedding\":[1,2,3,4,null,null,null,null],\"cue_strength\":0.8},\"config\":{\"ca1_threshold\":0.5}}";
        var r = send("POST", "/api/v1/complete", body, Map.of("X-Memory-Space", s));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode j = json(r);
        assertThat(j.at("/completed_episode/id").asText()).isEqualTo(id);
        assertThat(j.at("/completed_episode/what").asText()).isEqualTo("breakfast at noon");
        assertThat(j.at("/completed_episode/where_location").asText()).isEqualTo("kitchen");
        assertThat(j.at("/reconstruction_stats/filled_dimensions").asInt()).isEqualTo(4);
        assertThat(j.at("/completion_confidence/value").asDouble()).isCloseTo(0.8, org.assertj.core.data.Offset.offset(1e-4));
        var empty = send("POST", "/api/v1/complete", "{\"partial_episode\":{\"partial_embedding\":[1,null,0,0,0,0,0,0]}}",
                Map.of("X-Memory-Space", "nothing-here"));
        assertError(empty, 422, "insufficient_evidence");
    }

    @Test
    void spaces_areBounded() throws Exception {
        try (ReferenceServer small = ReferenceServer.start(ReferenceServerOptions.builder().embeddingDim(DIM)
                .maxSpaces(2).build())) {
            String body = "{\"content\":\"s\",\"embedding\":" + vec(unit(0)) + "}";
            URI uri = URI.create(small.endpoint() + "/api/v1/memories");
            for (String space : new String[] {"one", "two", "one"}) {
                var r = client.send(HttpRequest.newBuilder(uri).header("X-Memory-Space", space)
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).isEqualTo(201);
            }
            var third = client.send(HttpRequest.newBuilder(uri).header("X-Memory-Space", "three")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertError(third, 400, "too_many_memory_spaces");
            var invalid = client.send(HttpRequest.newBuilder(uri).header("X-Memory-Space", "bad name!")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertError(invalid, 400, "invalid_memory_space");
        }
    }

    @Test
    void health_andPrometheus() throws Exception {
        var h = get("/health");
        assertThat(h.statusCode()).isEqualTo(200);
        assertThat(json(h).get("status").asText()).isEqualTo("healthy");
        get("/nope");
        var m = get("/metrics/prometheus");
        assertThat(m.statusCode()).isEqualTo(200);
        assertThat(m.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(m.body()).containsPattern("(?m)^jvm_memory_used_bytes\\{area=\"heap\"\\} \\d+$")
                .containsPattern("(?m)^jvm_threads_current \\d+$")
                .containsPattern("(?m)^soak_reference_requests_total\\{route=\"health\",status=\"200\"\\} [1-9]\\d*$")
                .containsPattern("(?m)^soak_reference_requests_total\\{route=\"unknown\",status=\"404\"\\} [1-9]\\d*$");
        if (System.getProperty("os.name").startsWith("Linux")) {
            assertThat(m.body()).containsPattern("(?m)^process_resident_memory_bytes [1-9]\\d+$")
                    .containsPattern("(?m)^process_open_fds [1-9]\\d*$")
                    .containsPattern("(?m)^process_threads [1-9]\\d*$");
        }
    }

    @Test
    void errors_haveEngramShapeAndRightStatus_andServerKeepsServing() throws Exception {
        assertError(get("/api/v1/nothing"), 404, "not_found");
        var wrongMethod = get("/api/v1/memories/remember");
        assertError(wrongMethod, 405, "method_not_allowed");
        assertThat(wrongMethod.headers().firstValue("Allow")).contains("POST");
        assertError(send("DELETE", "/health", null, Map.of()), 405, "method_not_allowed");
        assertError(post("/api/v1/memories/remember", "{\"content\": \"x\", \"embedding\": [1,2"), 400, "invalid_json");
        assertError(post("/api/v1/memories/remember", "not json"), 400, "invalid_json");
        assertError(post("/api/v1/memories/remember", "{\"embedding\":" + vec(unit(0)) + "}"), 400, "missing_field");
        assertError(post("/api/v1/memories/remember", "{\"content\":\"x\",\"embedding\":[1,2,3]}"), 400, "invalid_embedding_dimension");
        assertError(post("/api/v1/memories/remember", "{\"content\":\"x\",\"embedding\":[1,\"a\",3]}"), 400, "invalid_json");
        assertError(get("/api/v1/memories/recall?embedding=%5B1%2C2%5D"), 400, "invalid_embedding_dimension");
        assertError(get("/api/v1/memories/recall?embedding=%5B1%2C"), 400, "invalid_json");
        assertError(get("/api/v1/memories/recall?embedding=" + URLEncoder.encode(vec(unit(0)), StandardCharsets.UTF_8)
                + "&max_results=many"), 400, "invalid_parameter");
        assertError(post("/api/v1/memories/remember", "{\"content\":\"" + "x".repeat(5000) + "\"}"), 413, "payload_too_large");
        assertError(post("/api/v1/memories/remember", "{\"content\":\"" + "x".repeat(101) + "\",\"embedding\":"
                + vec(unit(0)) + "}"), 400, "content_too_long");
        assertError(get("/api/v1/memories/search?query=" + "x".repeat(5000)), 414, "uri_too_long");
        assertError(post("/api/v1/complete", "{\"partial_episode\":{\"partial_embedding\":[1,null]}}"), 400,
                "invalid_embedding_dimension");
        // garbage on a raw socket must not stop the server
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.getOutputStream().write("\u0001\u0002 nonsense\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
        }
        assertThat(get("/health").statusCode()).isEqualTo(200);
        assertThat(recall("default", unit(0), -1, 1).has("memories")).isTrue();
    }
}
