package dev.soak.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.soak.scenario.EmbeddingDistribution;
import dev.soak.scenario.HttpRequestTemplate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateRendererTest {
    private static final EmbeddingPool POOL = new EmbeddingPool(new EmbeddingDistribution.Uniform(), 4, 7, 8);

    private static String render(HttpRequestTemplate t, long seq) {
        ByteBuilder scratch = new ByteBuilder(256);
        ByteBuilder out = new ByteBuilder(256);
        new TemplateRenderer(t, "127.0.0.1:8080", POOL).render(seq, new SplitMix64(1), scratch, out);
        return out.toString();
    }

    @Test
    void placeholders_areExpandedPerRequest_andAnEnvironmentVariableIsSentAsItIs() {
        String home = System.getenv("HOME");
        assumeTrue(home != null && !home.isEmpty(), "HOME is set");
        HttpRequestTemplate t = new HttpRequestTemplate("put", 1, "PUT", "/items/{{seq}}?n={{randInt:5:5}}",
            "{\"v\": {{embedding}}, \"home\": \"{{ env:HOME }}\"}", Map.of("X-Home", "at {{env:HOME}}"), List.of());
        String request = render(t, 42);
        assertThat(request).startsWith("PUT /items/42?n=5 HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n")
            .contains("\r\nX-Home: at " + home + "\r\n")
            .contains("\"home\": \"" + home + "\"}");
        String body = request.substring(request.indexOf("\r\n\r\n") + 4);
        assertThat(request).contains("Content-Length: " + body.length() + "\r\n");
        assertThat(body).doesNotContain("{{");
        assertThat(new TemplateRenderer(t, "127.0.0.1:8080", POOL).redactions())
            .as("the value, for error samples to keep as its placeholder")
            .containsExactly(Map.entry(home, "{{env:HOME}}"));
    }

    @Test
    void anUnsetVariable_isRefusedWhenTheRendererIsBuilt_namingTheTemplateAndTheVariable() {
        HttpRequestTemplate t = new HttpRequestTemplate("get", 1, "GET", "/", "",
            Map.of("Authorization", "Bearer {{env:SOAK_TEST_VARIABLE_THAT_IS_NEVER_SET}}"), List.of());
        assertThatThrownBy(() -> render(t, 1)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("name = \"get\"").hasMessageContaining("headers.Authorization")
            .hasMessageContaining("SOAK_TEST_VARIABLE_THAT_IS_NEVER_SET is not set");
    }
}
