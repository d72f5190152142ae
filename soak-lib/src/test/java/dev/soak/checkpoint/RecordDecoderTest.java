package dev.soak.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link RecordDecoder} against the tree decoders Soak used before ({@link TreeDecoders}: Jackson's {@code readTree},
 * then field lookups): the same record for every line and checkpoint object, the same rejection for every bad one.
 */
class RecordDecoderTest {
    private static final double NAN = Double.NaN;

    @Test
    void metrics_randomIntervals_roundTripAndMatchTheTreeDecoder() {
        SplittableRandom r = new SplittableRandom(20261202);
        for (int k = 0; k < 500; k++) {
            Map<String, OperationMetrics> per = new LinkedHashMap<>();
            int ops = r.nextInt(5);
            for (int i = 0; i < ops; i++) {
                per.put(List.of("store", "recall", "embedding_search", "pattern_completion", "x,\"y\"").get(i), op(r));
            }
            IntervalMetrics m = new IntervalMetrics(r.nextDouble() * 1e6, r.nextInt(4) == 0 ? NAN : 10, op(r),
                r.nextInt(3) == 0 ? 0 : r.nextLong(1_000_000), r.nextInt(50), per,
                r.nextInt(3) == 0 ? NAN : r.nextDouble() * 3000);
            String line = text(RunJson.metrics(m));
            assertThat(RecordDecoder.metrics(line, true)).isEqualTo(m).isEqualTo(tree(line, true));
            assertThat(RecordDecoder.metrics(line, false)).isEqualTo(tree(line, false));
            assertThat(RecordDecoder.metrics(line, false).perOperation()).isEmpty();
            assertThat(RecordDecoder.metrics(line, false).all().errorsByClass()).isEmpty();
        }
    }

    @Test
    void resources_randomSamples_roundTripAndMatchTheTreeDecoder() {
        SplittableRandom r = new SplittableRandom(7);
        for (int k = 0; k < 500; k++) {
            double[] v = new double[14];
            for (int i = 0; i < v.length; i++) {
                v[i] = i > 0 && r.nextInt(4) == 0 ? NAN : i == 4 || i == 5 ? r.nextInt(10_000) : r.nextDouble() * 1e4;
            }
            ResourceSample s = new ResourceSample(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10],
                v[11], v[12], v[13]);
            String line = text(RunJson.resources(s));
            assertThat(RecordDecoder.resources(line)).isEqualTo(s).isEqualTo(TreeDecoders.resources(line, NAN));
        }
    }

    /** Lines no writer of Soak makes, read as the tree decoders read them. */
    private static final List<String> ODD_METRICS = List.of(
        "{\"t_sec\":1}",
        "{\"t_sec\":\"x\",\"t_sec\":2.5}",
        "{\"t_sec\":3,\"ops\":2.7,\"errors\":\"3\",\"late\":-1.5,\"dropped\":true,\"interval_sec\":null}",
        "{\"t_sec\":4,\"ops\":99999999999999999999999,\"errors\":-7,\"intended_rate\":1e400,\"achieved_rate\":-0.0}",
        "{\"t_sec\":5,\"errors_by_class\":{\"timeout\":2,\"io\":\"x\",\"refused\":1.9,\"timeout\":4,\"io\":{}}}",
        "{\"t_sec\":6,\"errors_by_class\":{\"io\":1,\"http_5xx\":2,\"io\":[1]}}",
        "{\"t_sec\":7,\"errors_by_class\":[1,2]}",
        "{\"t_sec\":8,\"errors_by_class\":{\"a\":1},\"errors_by_class\":{\"b\":2}}",
        "{\"t_sec\":9,\"per_operation\":{\"a\":{\"ops\":1},\"b\":5,\"c\":{\"ops\":2},\"c\":[1],\"d\":{}}}",
        "{\"t_sec\":10,\"per_operation\":[],\"ops\":3}",
        "{\"t_sec\":11,\"per_operation\":{\"a\":{\"ops\":1}},\"per_operation\":{\"b\":{\"errors\":1,"
            + "\"errors_by_class\":{\"io\":1}}}}",
        "{\"t_sec\":12,\"per_operation\":{\"a\":{\"ops\":1,\"per_operation\":{\"x\":{\"ops\":9}},\"late\":4}}}",
        "{\"t_sec\":13,\"extra\":{\"p99_latency_ms\":5,\"t_sec\":\"no\"},\"list\":[{\"ops\":1},[2,3]],\"s\":\"a\\\"b,}\"}",
        "{\"t_sec\":14,\"p99_latency_ms\":null,\"uncorrected_p99_latency_ms\":3,\"uncorrected_x\":1,\"uncorrected_\":2,"
            + "\"p99_latency_ms\":\"7\",\"max_latency_ms\":8,\"uncorrected_max_latency_ms\":9.5}",
        "{\"t_sec\":15,\"p50_latency_ms\":1,\"p50_latency_ms\":{}}",
        "{\"t_sec\":16} trailing garbage",
        "{\"t_sec\":17}{\"t_sec\":18}",
        "{\"t_sec\":19,\"per_operation\":{\"a\":{\"ops\":1,\"p99_latency_ms\":2}}}   ");

    private static final List<String> BAD_METRICS = List.of(
        "{}",
        "{\"ops\":1}",
        "{\"t_sec\":\"1\"}",
        "{\"t_sec\":1,\"t_sec\":null}",
        "{\"t_sec\":[1]}",
        "[1,2]",
        "null",
        "5",
        "\"text\"",
        "garbage",
        "{\"t_sec\":1,}",
        "{\"t_sec\":1,\"ops\":NaN}",
        "{\"t_sec\":1,\"per_operation\":{\"a\":{\"ops\":1",
        "{\"t_sec\":1,\"per_operation\":{\"a\":{\"ops\":1,}}}",
        "{\"t_sec\":1,\"errors_by_class\":{\"io\":1",
        "{\"t_sec\":2,\"rss_m");

    @Test
    void metrics_oddLines_readAsTheTreeDecoderReadsThem() {
        for (String line : ODD_METRICS) {
            for (boolean detail : new boolean[] {true, false}) {
                assertThat(RecordDecoder.metrics(line, detail)).as("%s, detail %s", line, detail)
                    .isEqualTo(tree(line, detail));
            }
        }
        IntervalMetrics m = RecordDecoder.metrics(ODD_METRICS.get(4), true);
        assertThat(m.all().errorsByClass()).isEqualTo(Map.of("timeout", 4L, "refused", 1L));
        assertThat(RecordDecoder.metrics(ODD_METRICS.get(8), true).perOperation()).containsOnlyKeys("a", "d");
        assertThat(RecordDecoder.metrics(ODD_METRICS.get(13), true).all().uncorrected().maxMs()).isEqualTo(9.5);
    }

    @Test
    void metrics_badLines_rejectedWithTheTreeDecodersMessage() {
        for (String line : BAD_METRICS) {
            for (boolean detail : new boolean[] {true, false}) {
                String expected = treeError(() -> tree(line, detail));
                assertThatThrownBy(() -> RecordDecoder.metrics(line, detail)).as("%s, detail %s", line, detail)
                    .isInstanceOf(IllegalArgumentException.class).hasMessage(expected);
            }
        }
    }

    @Test
    void resources_oddAndBadLines_asTheTreeDecoder() {
        List<String> odd = List.of(
            "{\"t_sec\":1,\"rss_mb\":\"12\",\"threads\":3,\"open_fds\":null,\"unknown\":{\"rss_mb\":5},\"pss_mb\":[1]}",
            "{\"t_sec\":2,\"rss_mb\":10,\"rss_mb\":true,\"heap_after_gc_mb\":1e400,\"memory_limit_mb\":4096}",
            "{\"cpu_percent\":99.5,\"t_sec\":3}");
        for (String line : odd) {
            assertThat(RecordDecoder.resources(line)).as(line).isEqualTo(TreeDecoders.resources(line, NAN));
        }
        for (String line : BAD_METRICS) {
            String expected = treeError(() -> TreeDecoders.resources(line, NAN));
            assertThatThrownBy(() -> RecordDecoder.resources(line)).as(line)
                .isInstanceOf(IllegalArgumentException.class).hasMessage(expected);
        }
    }

    @Test
    void checkpointObjects_withoutTSec_takeTheCheckpointsTime_asTheTreeDecoderDid() {
        List<String> objects = List.of("{}", "{\"ops\":3,\"p99_latency_ms\":2.5,\"per_operation\":{\"a\":{\"ops\":3}}}",
            "{\"t_sec\":12,\"rss_mb\":5}", "{\"rss_mb\":5,\"threads\":7}");
        for (String o : objects) {
            var node = RunJson.parse(o);
            assertThat(RecordDecoder.metrics(node, 3600)).as(o).isEqualTo(TreeDecoders.metrics(node, 3600, true));
            assertThat(RecordDecoder.resources(node, 3600)).as(o).isEqualTo(TreeDecoders.resources(node, 3600));
        }
        assertThat(RecordDecoder.metrics(RunJson.parse("{}"), 3600).tSec()).isEqualTo(3600);
        for (String bad : List.of("{\"t_sec\":\"x\"}", "{\"t_sec\":null}")) {
            var node = RunJson.parse(bad);
            String expected = treeError(() -> TreeDecoders.metrics(node, 3600, true));
            assertThatThrownBy(() -> RecordDecoder.metrics(node, 3600)).hasMessage(expected);
            assertThatThrownBy(() -> RecordDecoder.resources(node, 3600)).hasMessage(expected);
        }
        assertThatThrownBy(() -> RecordDecoder.metrics(RunJson.parse("[1]"), 3600)).hasMessage("not a JSON object");
    }

    /** The tree decoder's reading of {@code line}; without {@code detail}, its totals with no error classes. */
    private static IntervalMetrics tree(String line, boolean detail) {
        return TreeDecoders.metrics(line, NAN, detail);
    }

    private static String treeError(Runnable decode) {
        try {
            decode.run();
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        throw new AssertionError("the tree decoder accepted it");
    }

    private static String text(com.fasterxml.jackson.databind.JsonNode n) {
        byte[] line = RunJson.line(n);
        return new String(line, 0, line.length - 1, StandardCharsets.UTF_8);
    }

    private static OperationMetrics op(SplittableRandom r) {
        Map<String, Long> byClass = new LinkedHashMap<>();
        List<String> classes = new ArrayList<>(List.of("timeout", "refused", "http_5xx", "io"));
        for (int i = r.nextInt(3); i > 0; i--) {
            // a class with no errors is not written (JsonLinesFormatTest), so a round trip holds those with some
            byClass.put(classes.remove(r.nextInt(classes.size())), 1 + r.nextLong(999));
        }
        return new OperationMetrics(r.nextLong(1L << 40), r.nextInt(100), byClass, r.nextInt(5) == 0 ? NAN
            : r.nextDouble() * 300, r.nextDouble() * 300, latency(r), latency(r));
    }

    private static LatencySummary latency(SplittableRandom r) {
        double[] v = new double[6];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextInt(6) == 0 ? NAN : r.nextDouble() * Math.pow(10, r.nextInt(-3, 5));
        }
        return new LatencySummary(v[0], v[1], v[2], v[3], v[4], v[5]);
    }
}
