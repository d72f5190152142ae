package dev.soak.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.soak.scenario.ArrivalPattern;
import dev.soak.scenario.HttpRequestTemplate;
import dev.soak.scenario.Operations;
import dev.soak.scenario.Scenario;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReproducibilityTest {

    private static Scenario engram() {
        return TestScenarios.engram(new ArrivalPattern.Poisson(100), 7432, Map.of("store", 1.0, "recall", 2.0,
                "embedding_search", 1.0, "pattern_completion", 1.0), 0, 8);
    }

    @Test
    void sameSeed_sameOperationsAndPayloads_differentSeedDiffers() {
        LoadDriver a = LoadDriver.builder(engram()).seed(42).build();
        LoadDriver b = LoadDriver.builder(engram()).seed(42).build();
        LoadDriver c = LoadDriver.builder(engram()).seed(43).build();
        int differ = 0;
        for (long n = 0; n < 200; n++) {
            assertThat(b.describe(n)).isEqualTo(a.describe(n));
            differ += c.describe(n).equals(a.describe(n)) ? 0 : 1;
        }
        assertThat(differ).isGreaterThan(190);
    }

    private static Map<String, String> runAndCollect(long seed) throws Exception {
        Map<String, String> bySeq = new java.util.concurrent.ConcurrentHashMap<>();
        try (TestServer srv = new TestServer(2, ex -> {
            String q = ex.getRequestURI().getQuery(); // seq=N&id=UUID&n=K
            bySeq.put(q.substring(0, q.indexOf('&')), q);
            TestServer.respond(ex, 200, "", false);
        })) {
            Scenario s = TestScenarios.template(new ArrivalPattern.Poisson(200), srv.port(), "get", "GET",
                    "/r?seq={{seq}}&id={{uuid}}&n={{randInt:0:1000000}}", "", List.of());
            RunCapture.run(LoadDriver.builder(s).seed(seed).build(), 800);
        }
        return bySeq;
    }

    @Test
    void sameSeed_sameRequestsOnTheWire() throws Exception {
        Map<String, String> a = runAndCollect(9);
        Map<String, String> b = runAndCollect(9);
        Map<String, String> c = runAndCollect(10);
        java.util.Set<String> common = new java.util.HashSet<>(a.keySet());
        common.retainAll(b.keySet());
        common.retainAll(c.keySet());
        assertThat(common.size()).isGreaterThan(50);
        for (String seq : common) {
            assertThat(b.get(seq)).isEqualTo(a.get(seq));
            assertThat(c.get(seq)).isNotEqualTo(a.get(seq));
        }
    }

    @Test
    void templatePlaceholders_expandPerRequest() {
        HttpRequestTemplate t = new HttpRequestTemplate("put", 1, "PUT", "/items/{{uuid}}?n={{randInt:5:7}}",
                "{\"seq\":{{seq}},\"v\":{{embedding}}}", Map.of("X-Req", "r-{{seq}}"), List.of(200, 204));
        Scenario s = TestScenarios.of(new ArrivalPattern.Constant(10), new Operations(Map.of("put", 1.0), List.of(t)),
                TestScenarios.data(0, 4), 8080, 1);
        LoadDriver d = LoadDriver.builder(s).seed(1).build();
        String r = d.describe(17);
        assertThat(r).startsWith("put\nPUT /items/");
        assertThat(r).containsPattern("PUT /items/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"
                + "\\?n=[5-7] HTTP/1.1\r\n");
        assertThat(r).contains("Host: 127.0.0.1:8080\r\n").contains("X-Req: r-17\r\n");
        String body = r.substring(r.indexOf("\r\n\r\n") + 4);
        assertThat(body).matches("\\{\"seq\":17,\"v\":\\[-?\\d\\.\\d{4}(,-?\\d\\.\\d{4}){3}]}");
        assertThat(r).contains("Content-Length: " + body.length() + "\r\n");
    }

    @Test
    void unknownPlaceholder_namesTemplateAndKey() {
        HttpRequestTemplate t = new HttpRequestTemplate("bad", 1, "GET", "/{{nope}}", "", Map.of(), List.of());
        Scenario s = TestScenarios.of(new ArrivalPattern.Constant(10), new Operations(Map.of("bad", 1.0), List.of(t)),
                TestScenarios.data(0, 4), 8080, 1);
        assertThatThrownBy(() -> LoadDriver.builder(s).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"bad\"").hasMessageContaining("path").hasMessageContaining("{{nope}}");
    }
}
