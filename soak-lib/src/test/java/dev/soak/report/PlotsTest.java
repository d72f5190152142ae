package dev.soak.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.soak.stats.Series;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path tmp;

    @Test
    void everyPlotWithData_isWrittenAsAReadablePng() throws Exception {
        Path dir = SyntheticRun.write(tmp.resolve("run"), Runs.base().withDurationSec(2 * 3600).withOpsPerSec(5).withLeak(20));
        RunData run = RunLoader.load(List.of(dir));
        ReportModel model = RunAnalysis.analyze(run);
        List<Path> files = Plots.writeAll(run, model, tmp.resolve("plots"));
        assertThat(files).extracting(p -> p.getFileName().toString())
                .containsExactly("memory.png", "latency.png", "throughput.png", "resources.png", "cpu.png", "arrival.png");
        for (Path f : files) {
            BufferedImage img = ImageIO.read(f.toFile());
            assertThat(img.getWidth()).isEqualTo(Plots.WIDTH);
            assertThat(img.getHeight()).isEqualTo(Plots.HEIGHT);
        }
        var memory = Plots.charts(run, model).get("memory.png");
        assertThat(new ArrayList<>(memory.getSeriesMap().keySet())).anyMatch(k -> k.startsWith("pss_mb trend"))
                .anyMatch(k -> k.startsWith("90% band")).contains("RSS (MB)", "PSS (MB)");
        // seven legend entries do not fit in one row under the chart: they go to a column on the right
        assertThat(memory.getStyler().getLegendPosition()).isEqualTo(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        var throughput = Plots.charts(run, model).get("throughput.png");
        assertThat(throughput.getSeriesMap().values().stream().filter(s -> s.isShowInLegend()).count()).isLessThanOrEqualTo(4);
        assertThat(throughput.getStyler().getLegendPosition()).isEqualTo(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
        // the error rate's axis runs from 0 to above its largest value and at least 1 %: a run with no errors had an
        // axis from 0 to 0, its line drawn half-way up
        double errMax = throughput.getSeriesMap().get("error rate (%, right axis)").getYMax();
        assertThat(throughput.getStyler().getYAxisMin(1)).isZero();
        assertThat(throughput.getStyler().getYAxisMax(1)).isGreaterThan(errMax).isGreaterThanOrEqualTo(1.0);
    }

    @Test
    void theLoadGeneratorsCpu_isDrawnBesideTheTargets_thinnedToThePlottedMost() throws Exception {
        Path dir = SyntheticRun.write(tmp.resolve("gen"), Runs.base().withDurationSec(2 * 3600).withOpsPerSec(5));
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 2 * Plots.MOST_POINTS; i++) { // a sample every 0.9 s over the two hours
            lines.add(String.format(java.util.Locale.ROOT, "{\"t_sec\":%.1f,\"cpu_percent\":%d,\"heap_after_gc_mb\":5}",
                    0.9 * i, 40 + i % 2 * 20));
        }
        Files.write(dir.resolve("driver.jsonl"), lines);
        RunData run = RunLoader.load(List.of(dir));
        List<double[]> cpu = run.generators().get(0).cpu();
        assertThat(cpu).hasSize(Plots.MOST_POINTS);
        assertThat(cpu.get(0)).containsExactly(0.45, 50.0); // the mean of the first two samples
        assertThat(cpu).allSatisfy(p -> assertThat(p[1]).isEqualTo(50.0));
        var chart = Plots.charts(run, RunAnalysis.analyze(run)).get("cpu.png");
        assertThat(chart.getTitle()).isEqualTo("CPU of the target and of the load generator");
        assertThat(chart.getSeriesMap()).containsOnlyKeys("target CPU (%)", "load generator CPU (%)");
        assertThat(chart.getSeriesMap().get("load generator CPU (%)").getYMax()).isCloseTo(50, within(1e-9));
    }

    @Test
    void theMemorysAndTheHeapsTrends_shareTheChart_eachInAColourOfItsOwn() throws Exception {
        Path dir = SyntheticRun.write(tmp.resolve("heap"), Runs.base().withDurationSec(2 * 3600).withOpsPerSec(5).withLeak(20));
        // the synthetic run has no heap series: give every resource sample one, a third of the RSS
        editResources(dir, n -> n.put("heap_after_gc_mb", n.get("rss_mb").asDouble() / 3));
        RunData run = RunLoader.load(List.of(dir));
        var memory = Plots.charts(run, RunAnalysis.analyze(run)).get("memory.png");
        var trends = memory.getSeriesMap().values().stream()
                .filter(s -> s.getName().contains(" trend ") && !s.getName().contains("band")).toList();
        assertThat(trends).extracting(s -> s.getName().split(" ")[0]).contains("heap_after_gc_mb", "pss_mb");
        assertThat(trends.stream().map(s -> s.getLineColor()).distinct().count()).isEqualTo(trends.size());
        // a flat series lies under its trend line: the line lets it show through
        assertThat(trends).allSatisfy(s -> assertThat(((java.awt.Color) s.getLineColor()).getAlpha()).isLessThan(255));
        var bands = memory.getSeriesMap().values().stream().filter(s -> s.getName().contains("band")).toList();
        assertThat(bands.stream().map(s -> s.getFillColor()).distinct().count()).isEqualTo(bands.size());
    }

    /**
     * A memory that steps up once (a cache resized) is analysed with the level shift removed; its plotted trend steps
     * with it, following both levels, instead of a straight line running between them.
     */
    @Test
    void aLevelShift_isPartOfThePlottedTrend_whichFollowsBothLevels() throws Exception {
        Path dir = SyntheticRun.write(tmp.resolve("step"), Runs.base().withDurationSec(2 * 3600).withOpsPerSec(5).withWarmupMb(0));
        editResources(dir, n -> {
            if (n.get("t_sec").asDouble() >= 3600) {
                n.put("rss_mb", n.get("rss_mb").asDouble() + 80);
                n.put("pss_mb", n.get("pss_mb").asDouble() + 80);
            }
        });
        RunData run = RunLoader.load(List.of(dir));
        ReportModel model = RunAnalysis.analyze(run);
        // the memory tested is the PSS when there is one
        ReportModel.Trend t = model.verdicts().stream().filter(v -> v.metric().equals("pss_mb")).findFirst().orElseThrow()
                .trend();
        assertThat(t.steps()).hasSize(1);
        assertThat(t.steps().get(0).tSec()).isCloseTo(3600, within(600.0));
        assertThat(t.steps().get(0).size()).isCloseTo(80, within(10.0));
        double[][] pss = DetectAdapter.seriesOf(run, run.metrics(), "pss_mb");
        assertThat(t.valueAt(2400)).isCloseTo(medianBetween(pss, 1800, 3000), within(5.0));
        assertThat(t.valueAt(6000)).isCloseTo(medianBetween(pss, 5400, 6600), within(5.0));

        var memory = Plots.charts(run, model).get("memory.png");
        var line = memory.getSeriesMap().values().stream().filter(s -> s.getName().startsWith("pss_mb trend")).findFirst()
                .orElseThrow();
        double[] y = line.getYData();
        double biggestJump = 0;
        for (int i = 1; i < y.length; i++) {
            biggestJump = Math.max(biggestJump, y[i] - y[i - 1]);
        }
        assertThat(biggestJump).as("the line steps up at the shift").isCloseTo(t.steps().get(0).size(), within(1.0));
    }

    @Test
    void aLastIntervalCutShortByTheEndOfTheLoad_isNotPlottedAsARateOrAPercentile() throws Exception {
        Path dir = SyntheticRun.write(tmp.resolve("sliver"), Runs.base().withDurationSec(2 * 3600).withOpsPerSec(5));
        RunData before = RunLoader.load(List.of(dir));
        double p99Max = Plots.charts(before, RunAnalysis.analyze(before)).get("latency.png").getSeriesMap().get("p99").getYMax();
        // the load ends 0.12 s into the next interval: one operation read as a low rate and a wild p99
        double sliverRate = Runs.appendSliver(dir, 0.12, 100 * p99Max);

        RunData run = RunLoader.load(List.of(dir));
        assertThat(run.metrics()).hasSize(before.metrics().size() + 1);
        var charts = Plots.charts(run, RunAnalysis.analyze(run));
        var achieved = charts.get("throughput.png").getSeriesMap().get("achieved (ops/s)");
        assertThat(achieved.getYMin()).as("no drop to the sliver's rate at the end").isGreaterThan(sliverRate);
        assertThat(achieved.getXData()).hasSize(before.metrics().size());
        assertThat(charts.get("arrival.png").getSeriesMap().get("intended per interval (ops/s)").getYMin()).isGreaterThan(sliverRate);
        assertThat(charts.get("latency.png").getSeriesMap().get("p99").getYMax()).isEqualTo(p99Max);
    }

    @Test
    void anIntervalInWhichTheGeneratorPaused_isShadedAndNotRead_andTheReportSaysWhy() throws Exception {
        Path dir = SyntheticRun.write(tmp.resolve("paused"), Runs.base().withDurationSec(2 * 3600).withOpsPerSec(5));
        RunData before = RunLoader.load(List.of(dir));
        double p99Max = Plots.charts(before, RunAnalysis.analyze(before)).get("latency.png").getSeriesMap().get("p99").getYMax();
        // an interval an hour in: the generator paused 2.5 s, and the operations due then show it as a p99 of 2.5 s
        Path metrics = dir.resolve("metrics.jsonl");
        List<String> lines = new ArrayList<>(Files.readAllLines(metrics));
        int k = lines.size() / 2;
        ObjectNode n = (ObjectNode) JSON.readTree(lines.get(k));
        n.put("driver_pause_ms", 2500.0);
        n.put("p99_latency_ms", 100 * p99Max);
        lines.set(k, JSON.writeValueAsString(n));
        Files.write(metrics, lines);

        RunData run = RunLoader.load(List.of(dir));
        ReportModel model = RunAnalysis.analyze(run);
        var latency = Plots.charts(run, model).get("latency.png");
        assertThat(latency.getSeriesMap().get("p99").getYMax()).as("the paused interval is not plotted").isEqualTo(p99Max);
        assertThat(latency.getSeriesMap()).containsKey("load generator paused (its own; not read)");
        assertThat(model.notes()).anyMatch(t -> t.startsWith("1 of " + run.metrics().size() + " load intervals were not"
                + " read as rates or percentiles"));
        assertThat(TextReport.render(run, model, 0)).contains("LOAD GENERATOR PAUSES").contains("2.5 s at ");
    }

    /** Rewrites every record of the run directory's resources.jsonl through {@code edit}. */
    private static void editResources(Path dir, Consumer<ObjectNode> edit) throws IOException {
        Path resources = dir.resolve("resources.jsonl");
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(resources)) {
            ObjectNode n = (ObjectNode) JSON.readTree(line);
            edit.accept(n);
            lines.add(JSON.writeValueAsString(n));
        }
        Files.write(resources, lines);
    }

    private static double medianBetween(double[][] s, double fromSec, double toSec) {
        List<Double> v = new ArrayList<>();
        for (int i = 0; i < s[0].length; i++) {
            if (s[0][i] >= fromSec && s[0][i] <= toSec) {
                v.add(s[1][i]);
            }
        }
        return Series.median(v.stream().mapToDouble(Double::doubleValue).toArray());
    }

    @Test
    void timeAxis_readsInSecondsMinutesOrHours_byTheRunsLength() throws Exception {
        for (var c : List.of(new Object[] {120.0, "s", 1.0}, new Object[] {2 * 3600.0, "min", 60.0},
                new Object[] {8 * 3600.0, "hours", 3600.0})) {
            double sec = (double) c[0];
            Path dir = SyntheticRun.write(tmp.resolve("axis-" + c[1]), Runs.base().withDurationSec(sec).withOpsPerSec(5));
            RunData run = RunLoader.load(List.of(dir));
            var latency = Plots.charts(run, RunAnalysis.analyze(run)).get("latency.png");
            assertThat(latency.getXAxisTitle()).isEqualTo("time since start (" + c[1] + ")");
            double lastX = latency.getSeriesMap().get("p50").getXMax();
            double lastSec = run.metrics().get(run.metrics().size() - 1).tSec();
            assertThat(lastX).isCloseTo(lastSec / (double) c[2], within(1e-9));
        }
    }

    /**
     * A minute of p99s cannot tell a rate: the smoke run's p99 trend had slope bounds of thousands of log units per
     * hour, a band from 10⁻⁶ to 10⁵⁰ ms that, drawn whole, flattened the data and filled the log axis with overlapping
     * labels. It is drawn within a decade of the data, says so, and the axis labels decades only.
     */
    @Test
    void aTrendBandWiderThanTheData_isClippedToADecadeAroundIt_andSaysSo() throws Exception {
        Path dir = SyntheticRun.write(tmp.resolve("short"), Runs.base().withDurationSec(1800).withOpsPerSec(5));
        RunData run = RunLoader.load(List.of(dir));
        ReportModel analysed = RunAnalysis.analyze(run);
        List<ReportModel.MetricVerdict> verdicts = new ArrayList<>();
        for (ReportModel.MetricVerdict v : analysed.verdicts()) {
            ReportModel.Trend t = v.trend();
            verdicts.add(!v.metric().equals("p99_latency_ms") ? v : new ReportModel.MetricVerdict(v.metric(), v.kind(),
                    v.gating(), v.verdict(), v.estimate(), v.lower(), v.upper(), v.confidence(), v.unit(), v.pValue(),
                    v.threshold(), v.extraHoursNeeded(), v.samples(), new ReportModel.Trend(t.fromSec(), t.toSec(),
                    t.pivotSec(), t.pivotValue(), t.slopePerHour(), -5000, 5000, true), v.note()));
        }
        ReportModel model = new ReportModel(analysed.analysisSource(), analysed.warmupEndSec(), analysed.warmupHow(),
                verdicts, analysed.forecasts(), analysed.changePoints(), analysed.notes());
        var latency = Plots.charts(run, model).get("latency.png");
        double lo = Double.POSITIVE_INFINITY, hi = 0;
        for (String name : List.of("p50", "p95", "p99", "p99.9")) {
            lo = Math.min(lo, latency.getSeriesMap().get(name).getYMin());
            hi = Math.max(hi, latency.getSeriesMap().get(name).getYMax());
        }
        var band = latency.getSeriesMap().values().stream().filter(s -> s.getName().contains("band")).findFirst()
                .orElseThrow();
        assertThat(band.getName()).isEqualTo("90% band of the trend (p99_latency_ms, clipped to the plot)");
        // before: 1e-6 to 1e9 ms
        assertThat(band.getYMax()).isCloseTo(hi * 10, within(1e-9 * hi));
        assertThat(band.getYMin()).isCloseTo(lo / 10, within(1e-9 * lo));
        assertThat(latency.getStyler().isYAxisLogarithmicDecadeOnly()).isTrue();

        // the analysed band, within the data, is drawn as it is
        var plain = Plots.charts(run, analysed).get("latency.png");
        assertThat(plain.getSeriesMap()).containsKey("90% band of the trend (p99_latency_ms)");
        assertThat(plain.getStyler().isYAxisLogarithmicDecadeOnly()).isEqualTo(hi / lo >= 100);
    }

    @Test
    void runWithoutResources_hasNoMemoryPlot_butStillLatency() throws Exception {
        Path dir = SyntheticRun.write(tmp.resolve("nores"), Runs.base().withDurationSec(3600).withOpsPerSec(5));
        java.nio.file.Files.delete(dir.resolve("resources.jsonl"));
        RunData run = RunLoader.load(List.of(dir));
        var charts = Plots.charts(run, RunAnalysis.analyze(run));
        assertThat(charts).doesNotContainKeys("memory.png", "resources.png", "cpu.png").containsKeys("latency.png", "throughput.png");
    }

    @Test
    void scenarioArrivalCurve_followsTimeScale() {
        List<String> notes = new ArrayList<>();
        ScenarioFacts f = ScenarioFacts.parse("""
                name = "d"
                [arrival]
                pattern = "diurnal"
                baseline_ops = 20
                peak_multiplier = 3.0
                peak_hour = 14
                trough_hour = 4
                [soak]
                time_scale = 4.0
                warmup_sec = 1200
                [soak.thresholds]
                memory_leak_mb_per_hour = 5.0
                """, notes);
        assertThat(notes).isEmpty();
        assertThat(f.rateAtWallSec(3.5 * 3600)).isCloseTo(60.0, within(1e-9)); // scenario 14:00 = wall 3.5 h
        assertThat(f.rateAtWallSec(1.0 * 3600)).isCloseTo(20.0, within(1e-9));
        assertThat(f.memoryLeakMbPerHour()).isEqualTo(5.0);
        assertThat(f.latencyDriftPctPerHour()).isEqualTo(2.0);
        assertThat(f.warmupSec()).hasValue(1200);
    }
}
