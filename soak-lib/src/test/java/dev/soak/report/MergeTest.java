package dev.soak.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.soak.checkpoint.IntervalMetrics;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MergeTest {
    @TempDir
    static Path tmp;
    static Path a;
    static Path b;

    @BeforeAll
    static void twoGenerators() throws Exception {
        var spec = SyntheticRun.Spec.healthy().withDurationSec(3600).withOpsPerSec(20);
        a = SyntheticRun.write(tmp.resolve("gen-a"), spec.withSeed(11));
        // the second generator is slower (its latency drifts strongly) and sends half the load
        b = SyntheticRun.write(tmp.resolve("gen-b"), spec.withSeed(12).withDrift(300).withOpsPerSec(10));
    }

    @Test
    void merge_aGeneratorsPause_isTheMergedIntervals_theLongestOfThem() throws Exception {
        var spec = SyntheticRun.Spec.healthy().withDurationSec(1800).withOpsPerSec(10);
        Path x = SyntheticRun.write(tmp.resolve("pause-x"), spec.withSeed(21));
        Path y = SyntheticRun.write(tmp.resolve("pause-y"), spec.withSeed(22));
        setPause(x, 10, 200);
        setPause(y, 10, 1500);
        setPause(x, 20, 300);
        List<IntervalMetrics> merged = RunLoader.load(List.of(x, y)).metrics();
        assertThat(merged.get(10).driverPauseMs()).isEqualTo(1500);
        assertThat(merged.get(20).driverPauseMs()).as("measured by one generator only").isEqualTo(300);
        assertThat(merged.get(15).driverPauseMs()).as("measured by neither").isNaN();
    }

    /** Sets {@code driver_pause_ms} of line {@code k} of the run's metrics.jsonl. */
    private static void setPause(Path dir, int k, double ms) throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        Path metrics = dir.resolve("metrics.jsonl");
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(metrics));
        var n = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(lines.get(k));
        n.put("driver_pause_ms", ms);
        lines.set(k, json.writeValueAsString(n));
        Files.write(metrics, lines);
    }

    @Test
    void merge_addsHistograms_p99OfMergeIsP99OfCombinedHistogram() throws Exception {
        RunData merged = RunLoader.load(List.of(a, b));
        Map<Long, Histogram> combined = new TreeMap<>();
        Histogram whole = LatencyLog.newHistogram();
        for (Path dir : List.of(a, b)) {
            try (InputStream in = Files.newInputStream(dir.resolve("latency.hlog"))) {
                HistogramLogReader r = new HistogramLogReader(in);
                EncodableHistogram h;
                while ((h = r.nextIntervalHistogram()) != null) {
                    if (h.getTag() != null) {
                        continue; // the untagged line is each interval's all-operations total
                    }
                    long bucket = Math.round((h.getStartTimeStamp() / 1000.0 - r.getStartTimeSec()) / 60.0);
                    combined.computeIfAbsent(bucket, k -> LatencyLog.newHistogram()).add((Histogram) h);
                    whole.add((Histogram) h);
                }
            }
        }
        assertThat(merged.metrics()).hasSize(combined.size());
        for (IntervalMetrics m : merged.metrics()) {
            long bucket = Math.round((m.tSec() - m.intervalSec()) / 60.0);
            Histogram h = combined.get(bucket);
            assertThat(m.all().latency().p99Ms()).isEqualTo(h.getValueAtPercentile(99) / 1e6);
            assertThat(m.all().ops()).isEqualTo(h.getTotalCount());
        }
        OperationTable.Row all = OperationTable.rows(merged).stream().filter(r -> r.name().equals("all")).findFirst().orElseThrow();
        assertThat(all.p99Ms()).isEqualTo(whole.getValueAtPercentile(99) / 1e6);
        assertThat(all.exact()).isTrue();
    }

    @Test
    void merge_ofGeneratorsWhoseLoadEndedInACutShortInterval_keepsItShort_soItIsNotReadAsARate(@TempDir Path dir)
            throws Exception {
        var spec = SyntheticRun.Spec.healthy().withDurationSec(3600).withOpsPerSec(20);
        Path one = SyntheticRun.write(dir.resolve("one"), spec.withSeed(21));
        Path two = SyntheticRun.write(dir.resolve("two"), spec.withSeed(22));
        Runs.appendSliver(one, 0.12, 1);
        Runs.appendSliver(two, 0.2, 1);
        RunData merged = RunLoader.load(List.of(one, two));
        IntervalMetrics last = merged.metrics().get(merged.metrics().size() - 1);
        // before: the bucket of the two slivers was given the generators' 60 s, and its rate read as one
        assertThat(last.intervalSec()).isEqualTo(0.2);
        assertThat(last.all().ops()).isEqualTo(2);
        assertThat(dev.soak.checkpoint.FullIntervals.of(merged.metrics())).hasSize(merged.metrics().size() - 1);
    }

    @Test
    void merge_sumsOpsAndErrors_andIsNotAnAverageOfPercentiles() {
        RunData ra = RunLoader.load(List.of(a), true);
        RunData rb = RunLoader.load(List.of(b), true);
        RunData merged = RunLoader.load(List.of(a, b), true);
        IntervalMetrics last = merged.metrics().get(merged.metrics().size() - 1);
        IntervalMetrics la = ra.metrics().get(ra.metrics().size() - 1);
        IntervalMetrics lb = rb.metrics().get(rb.metrics().size() - 1);
        assertThat(last.all().ops()).isEqualTo(la.all().ops() + lb.all().ops());
        assertThat(last.all().errors()).isEqualTo(la.all().errors() + lb.all().errors());
        assertThat(last.all().achievedRate()).isCloseTo(la.all().achievedRate() + lb.all().achievedRate(), within(1e-6));
        double average = (la.all().latency().p99Ms() + lb.all().latency().p99Ms()) / 2;
        assertThat(Math.abs(last.all().latency().p99Ms() - average)).isGreaterThan(0.5);
        assertThat(last.perOperation().get("store").ops())
                .isEqualTo(la.perOperation().get("store").ops() + lb.perOperation().get("store").ops());
        // each operation's percentiles too are those of the generators' histograms added, not the larger of the two
        IntervalMetrics mid = merged.metrics().get(merged.metrics().size() / 2);
        long k = Math.round((mid.tSec() - mid.intervalSec()) / merged.latency().intervalSec());
        var store = merged.latency().bucket(k, java.util.Set.of("store")).get("store");
        assertThat(store.totalCount()).isPositive();
        assertThat(mid.perOperation().get("store").latency()).isEqualTo(RunLoader.summary(store));
        // the report's load (totals only) sums the same per operation over the whole run
        RunData reported = RunLoader.load(List.of(a, b));
        assertThat(reported.metrics()).allSatisfy(m -> assertThat(m.perOperation()).isEmpty());
        long storeOps = 0;
        for (IntervalMetrics m : merged.metrics()) {
            storeOps += m.perOperation().get("store").ops();
        }
        assertThat(reported.operations().ops("store")).isEqualTo(storeOps).isPositive();
        // the worst interval's p99 of either generator (the table's bound when there is no latency.hlog)
        assertThat(reported.operations().worst("store")[2]).isEqualTo(java.util.stream.Stream.of(ra, rb)
                .flatMap(r -> r.metrics().stream()).mapToDouble(m -> m.perOperation().get("store").latency().p99Ms())
                .max().getAsDouble());
    }

    @Test
    void analyze_twoDirectories_writesMergedReport() {
        var result = Analyze.run(new Analyze.Options(List.of(a, b), null, true, false));
        assertThat(result.exitCode()).as(result.summary()).isIn(0, 1, 3);
        assertThat(a.resolve("merged/report.html")).exists();
        assertThat(a.resolve("merged/csv/metrics.csv")).exists();
        assertThat(a.resolve("merged/csv/resources.csv")).exists();
    }

    @Test
    void merge_withAGeneratorThatHasNoLatencyLog_addsWhatTheOtherRecorded(@TempDir Path dir) throws Exception {
        var spec = SyntheticRun.Spec.healthy().withDurationSec(1800).withOpsPerSec(20);
        Path withLog = SyntheticRun.write(dir.resolve("with"), spec.withSeed(21));
        Path without = SyntheticRun.write(dir.resolve("without"), spec.withSeed(22));
        Files.delete(without.resolve("latency.hlog"));
        RunData merged = RunLoader.load(List.of(withLog, without));
        RunData alone = RunLoader.load(List.of(withLog));
        assertThat(merged.latency().wholeRun(null).getTotalCount()).isEqualTo(alone.latency().wholeRun(null).getTotalCount());
        // each merged interval has both generators' operations and the percentiles of the histograms recorded in it
        assertThat(merged.metrics()).hasSameSizeAs(alone.metrics());
        IntervalMetrics fifth = merged.metrics().get(5);
        assertThat(fifth.all().ops()).isEqualTo(alone.metrics().get(5).all().ops()
            + RunLoader.load(List.of(without)).metrics().get(5).all().ops());
        assertThat(fifth.all().latency().p99Ms()).isPositive();
        assertThat(merged.notes()).noneMatch(n -> n.contains("no latency.hlog"));
        assertThat(Analyze.run(Analyze.Options.of(withLog, without)).exitCode()).isIn(0, 1, 3);
    }
}
