package dev.soak.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    static final String TEXT = """
            # A free comment line.
            # HELP http_seconds Request latency with a \\\\ backslash\\nand a newline.
            # TYPE http_seconds histogram
            http_seconds_bucket{path="/a\\"b",le="0.1"} 3
            http_seconds_bucket{path="/a\\"b",le="+Inf"} 7 1700000000000
            http_seconds_sum{path="/a\\"b"} 0.75
            http_seconds_count{path="/a\\"b"} 7
            # TYPE rpc_seconds summary
            rpc_seconds{quantile="0.99"} NaN
            rpc_seconds_sum 1.5e3
            rpc_seconds_count 12

            # TYPE temperature gauge
            temperature{room="lab",} -Inf
            temperature{ room = "hall" } +Inf
            weird_label{msg="line\\nbreak \\\\ slash"} 1
            no_labels 42
            this line is { broken
            """;

    @Test
    void parse_commentsHelpTypeLabelsSpecialValuesTimestamps() {
        PrometheusExposition e = PrometheusText.parse(TEXT);
        assertThat(e.skippedLines()).isEqualTo(1);
        assertThat(e.samples()).hasSize(11);
        assertThat(e.typeByFamily()).containsEntry("http_seconds", "histogram").containsEntry("rpc_seconds", "summary")
                .containsEntry("temperature", "gauge");
        assertThat(e.helpByFamily().get("http_seconds")).isEqualTo("Request latency with a \\ backslash\nand a newline.");

        PrometheusSample inf = e.samples().get(1);
        assertThat(inf.name()).isEqualTo("http_seconds_bucket");
        assertThat(inf.labels()).containsExactly(Map.entry("path", "/a\"b"), Map.entry("le", "+Inf"));
        assertThat(inf.value()).isEqualTo(7.0);
        assertThat(inf.timestampMs()).isEqualTo(OptionalLong.of(1700000000000L));
        assertThat(e.samples().get(0).timestampMs()).isEmpty();

        assertThat(e.value("rpc_seconds", Map.of("quantile", "0.99")).getAsDouble()).isNaN();
        assertThat(e.value("rpc_seconds_sum", Map.of()).getAsDouble()).isEqualTo(1500.0);
        assertThat(e.value("temperature", Map.of("room", "lab")).getAsDouble()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(e.value("temperature", Map.of("room", "hall")).getAsDouble()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(e.series("weird_label").get(0).label("msg")).isEqualTo("line\nbreak \\ slash");
        assertThat(e.value("no_labels", Map.of()).getAsDouble()).isEqualTo(42.0);
    }

    @Test
    void familyOf_histogramAndSummarySuffixes() {
        PrometheusExposition e = PrometheusText.parse(TEXT);
        assertThat(e.familyOf("http_seconds_bucket")).isEqualTo("http_seconds");
        assertThat(e.familyOf("http_seconds_sum")).isEqualTo("http_seconds");
        assertThat(e.familyOf("rpc_seconds_count")).isEqualTo("rpc_seconds");
        assertThat(e.familyOf("no_labels")).isEqualTo("no_labels");
        // a gauge that merely ends in _count is its own family
        assertThat(PrometheusText.parse("# TYPE queue_count gauge\nqueue_count 3\n").familyOf("queue_count")).isEqualTo("queue_count");
    }

    @Test
    void parseSample_malformed_isNull() {
        assertThat(PrometheusText.parseSample("x{a=\"unterminated} 1")).isNull();
        assertThat(PrometheusText.parseSample("x notanumber")).isNull();
        assertThat(PrometheusText.parseSample("x 1 2 3")).isNull();
        assertThat(PrometheusText.parseSample("x 1 notatimestamp")).isNull();
        assertThat(PrometheusText.parseSample("{a=\"b\"} 1")).isNull();
        assertThat(PrometheusText.parseSample("x")).isNull();
    }
}
