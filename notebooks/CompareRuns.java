///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS dev.soak:soak-lib:0.1.0-SNAPSHOT
//JAVA_OPTIONS -Djava.awt.headless=true

// Notebook 2: compare two runs (a baseline and a candidate build, say).
//
//   ./jbang notebooks/CompareRuns.java                          # two synthetic runs it generates
//   ./jbang notebooks/CompareRuns.java runs/v1.4 runs/v1.5      # your baseline and candidate
//
// It loads both run directories, runs the shared analysis on each, prints their verdicts side by
// side with the difference of the growth rates (and a rough interval for it), compares whole-run
// latency percentiles computed from the added latency.hlog histograms (never from averaged
// percentiles), and overlays RSS and p99 of both runs in one plot each.

import dev.soak.checkpoint.IntervalMetrics;
import dev.soak.checkpoint.ResourceSample;
import dev.soak.report.LatencyLog;
import dev.soak.report.ReportModel;
import dev.soak.report.RunAnalysis;
import dev.soak.report.RunData;
import dev.soak.report.RunLoader;
import dev.soak.report.SyntheticRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.HdrHistogram.Histogram;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

public class CompareRuns {
    /** Baseline: healthy. Candidate: leaks 15 MB/h and its latency drifts 6 %/h. 3 hours each. */
    static final SyntheticRun.Spec BASELINE = SyntheticRun.Spec.healthy().withDurationSec(3 * 3600).withOpsPerSec(10).withName("baseline");
    static final SyntheticRun.Spec CANDIDATE = BASELINE.withLeak(15).withDrift(6).withSeed(2).withName("candidate");

    public static void main(String[] args) throws Exception {
        Path a, b;
        if (args.length >= 2) {
            a = Path.of(args[0]);
            b = Path.of(args[1]);
        } else {
            Path tmp = Files.createTempDirectory("soak-compare");
            a = SyntheticRun.write(tmp.resolve("baseline"), BASELINE);
            b = SyntheticRun.write(tmp.resolve("candidate"), CANDIDATE);
        }
        Path out = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "soak-notebooks", "compare-runs"));
        RunData ra = RunLoader.load(List.of(a)), rb = RunLoader.load(List.of(b));
        ReportModel ma = RunAnalysis.analyze(ra), mb = RunAnalysis.analyze(rb);

        System.out.printf(Locale.ROOT, "A = %s (%s, %.2f h)%nB = %s (%s, %.2f h)%n%n", a, ma.overall(), ra.durationSec() / 3600, b,
                mb.overall(), rb.durationSec() / 3600);
        System.out.printf(Locale.ROOT, "%-16s %-13s %-13s %12s %12s %24s%n", "metric", "verdict A", "verdict B", "rate A", "rate B",
                "B - A (rough 90% interval)");
        for (ReportModel.MetricVerdict va : ma.verdicts()) {
            mb.verdicts().stream().filter(v -> v.metric().equals(va.metric())).findFirst().ifPresent(vb -> {
                // independent runs: half-widths add in quadrature (a rough interval for the difference)
                double diff = vb.estimate() - va.estimate();
                double half = Math.hypot((va.upper() - va.lower()) / 2, (vb.upper() - vb.lower()) / 2);
                System.out.printf(Locale.ROOT, "%-16s %-13s %-13s %7.2f %-4s %7.2f %-4s %+8.2f [%+.2f, %+.2f]%n", va.metric(), va.verdict(),
                        vb.verdict(), va.estimate(), va.unit(), vb.estimate(), vb.unit(), diff, diff - half, diff + half);
            });
        }

        System.out.printf(Locale.ROOT, "%nwhole-run latency (ms) from the added histograms:%n%-10s %10s %8s %8s %8s %8s%n", "run", "ops", "p50", "p99",
                "p99.9", "max");
        for (var e : List.of(java.util.Map.entry("A", ra), java.util.Map.entry("B", rb))) {
            Histogram h = e.getValue().latency().wholeRun(null);
            System.out.printf(Locale.ROOT, "%-10s %10d %8.2f %8.2f %8.2f %8.2f%n", e.getKey(), h.getTotalCount(), LatencyLog.percentileMs(h, 50),
                    LatencyLog.percentileMs(h, 99), LatencyLog.percentileMs(h, 99.9), h.getMaxValue() / LatencyLog.NANOS_PER_MS);
        }

        Path rssPng = out.resolve("rss-a-vs-b.png");
        BitmapEncoder.saveBitmap(overlay("RSS: A vs B", "RSS (MB)", ra.resources(), rb.resources(), ResourceSample::tSec, ResourceSample::rssMb, false),
                rssPng.toString(), BitmapEncoder.BitmapFormat.PNG);
        Path p99Png = out.resolve("p99-a-vs-b.png");
        BitmapEncoder.saveBitmap(overlay("p99 latency per interval: A vs B", "p99 (ms, log scale)", ra.metrics(), rb.metrics(), IntervalMetrics::tSec,
                m -> m.all().latency().p99Ms(), true), p99Png.toString(), BitmapEncoder.BitmapFormat.PNG);
        System.out.println("\nplots: " + rssPng + ", " + p99Png);
        System.out.println("""

                What you will see (synthetic runs): A passes; B fails with a leak near 15 MB/h and a p99
                drift near 6 %/h, and the B − A interval of each rate excludes 0. B's whole-run p99 is
                higher than A's. Swap in your own two run directories to compare builds.""");
    }

    static <T> XYChart overlay(String title, String yTitle, List<T> a, List<T> b, ToDoubleFunction<T> t, ToDoubleFunction<T> v, boolean log) {
        XYChart c = new XYChartBuilder().width(1000).height(480).title(title).xAxisTitle("time since start (hours)").yAxisTitle(yTitle).build();
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        c.getStyler().setXAxisDecimalPattern("0.##");
        c.getStyler().setYAxisLogarithmic(log);
        add(c, "A", a, t, v);
        add(c, "B", b, t, v);
        return c;
    }

    static <T> void add(XYChart c, String name, List<T> rows, ToDoubleFunction<T> t, ToDoubleFunction<T> v) {
        List<T> ok = rows.stream().filter(r -> v.applyAsDouble(r) > 0).toList();
        if (!ok.isEmpty()) {
            c.addSeries(name, ok.stream().mapToDouble(r -> t.applyAsDouble(r) / 3600).toArray(), ok.stream().mapToDouble(v).toArray())
                    .setMarker(SeriesMarkers.NONE);
        }
    }
}
