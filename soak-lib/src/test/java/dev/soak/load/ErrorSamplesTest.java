package dev.soak.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ErrorSamplesTest {
    private static ByteBuilder request(String text) {
        ByteBuilder b = new ByteBuilder(64);
        b.append(text.getBytes(StandardCharsets.ISO_8859_1));
        return b;
    }

    private static byte[] body(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void keepsTheFirstFailureOfEachOperationAndClass_andHandsEachOutOnce() {
        ErrorSamples samples = new ErrorSamples(List.of("store", "recall"), Map.of());
        ByteBuilder post = request("POST /api/v1/memories HTTP/1.1\r\nHost: x\r\n\r\n{}");
        byte[] first = body("{\"error\":\"bad\nembedding\"}");
        samples.offer(0, ErrorClass.HTTP_4XX, 400, post, first, first.length);
        byte[] second = body("another");
        samples.offer(0, ErrorClass.HTTP_4XX, 422, post, second, second.length);   // same kind: not kept
        samples.offer(1, ErrorClass.HTTP_4XX, 404, request("GET /r HTTP/1.1\r\n\r\n"), second, 0);
        samples.offer(-1, ErrorClass.REFUSED, 0, post, first, 0);
        samples.offer(0, new IllegalStateException("boom"));

        List<ErrorSample> got = samples.drain();
        assertThat(got).containsExactly(
            new ErrorSample("store", "http_4xx", 400, "POST /api/v1/memories HTTP/1.1", "{\"error\":\"bad embedding\"}"),
            new ErrorSample("recall", "http_4xx", 404, "GET /r HTTP/1.1", ""),
            new ErrorSample("preload", "refused", 0, "POST /api/v1/memories HTTP/1.1", ""),
            new ErrorSample("store", "exception", 0, "", "java.lang.IllegalStateException: boom"));
        assertThat(samples.drain()).isEmpty();
        samples.offer(0, ErrorClass.HTTP_4XX, 400, post, first, first.length);
        assertThat(samples.drain()).as("a kind already shown is not shown again").isEmpty();
        assertThat(samples.firstOf(-1)).map(ErrorSample::errorClass).hasValue("refused");
        assertThat(samples.firstOf(1)).map(ErrorSample::status).hasValue(404);
    }

    @Test
    void environmentValues_areKeptAsTheirPlaceholders_inTheRequestLineAndTheResponse() {
        ErrorSamples samples = new ErrorSamples(List.of("get"),
            Map.of("s3cr3t-token", "{{env:API_TOKEN}}", "s3cr3t", "{{env:SHORT}}", "", "{{env:EMPTY}}"));
        String longPath = "/k/" + "x".repeat(190) + "/s3cr3t-token";
        byte[] echo = body("unknown key s3cr3t-token in " + longPath);
        samples.offer(0, ErrorClass.HTTP_4XX, 404, request("GET " + longPath + " HTTP/1.1\r\n\r\n"), echo,
            echo.length);
        samples.offer(0, new IllegalStateException("bad s3cr3t"));
        List<ErrorSample> got = samples.drain();
        assertThat(got).hasSize(2);
        // the value is replaced before the line is cut, so no part of it is kept at the cut either
        assertThat(got.get(0).request()).startsWith("GET /k/xxx").hasSize(ErrorSamples.REQUEST_CHARS)
            .doesNotContain("s3cr3t").endsWith("/{{");
        assertThat(got.get(0).detail()).startsWith("unknown key {{env:API_TOKEN}} in /k/").doesNotContain("s3cr3t");
        assertThat(got.get(1).detail()).isEqualTo("java.lang.IllegalStateException: bad {{env:SHORT}}");
    }

    @Test
    void describe_readsAsOneLine() {
        assertThat(new ErrorSample("preload", "http_4xx", 400, "POST /api/v1/memories HTTP/1.1", "{\"error\":\"x\"}")
            .describe()).isEqualTo("preload: http_4xx, HTTP 400 to POST /api/v1/memories HTTP/1.1: {\"error\":\"x\"}");
        assertThat(new ErrorSample("get", "refused", 0, "GET / HTTP/1.1", "").describe())
            .isEqualTo("get: refused on GET / HTTP/1.1");
    }

    @Test
    void text_turnsControlCharactersIntoSingleSpaces_andCutsAtTheLimit() {
        assertThat(ErrorSamples.text("  a\r\n\tb  c ")).isEqualTo("a b c");
        assertThat(ErrorSamples.text("ab ".repeat(200))).hasSize(ErrorSamples.DETAIL_CHARS);
    }
}
