package dev.soak.report;

import dev.soak.detect.DurationText;
import dev.soak.checkpoint.FullIntervals;
import dev.soak.checkpoint.IntervalMetrics;
import dev.soak.checkpoint.ResourceSample;
import dev.soak.report.ReportModel.Forecast;
import dev.soak.report.ReportModel.MetricVerdict;
import dev.soak.report.ReportModel.Trend;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * XChart PNG plots of a run, time since the start on every x axis (in s, min or hours by the run's
 * length, see {@link TimeAxis}): {@code memory.png} (RSS, PSS, heap
 * after GC, fitted trend with its confidence band, warm-up shaded), {@code latency.png}
 * (p50/p95/p99/p99.9, log scale, drift trend), {@code throughput.png} (intended vs achieved
 * ops/s, error rate on the right axis), {@code resources.png} (threads, fds, connections, limits,
 * forecast), {@code cpu.png} (the target's and the load generator's) and {@code arrival.png} (the scenario's
 * arrival-rate curve). A plot whose data is absent is not drawn. Rendered headless. Stateless and thread-safe (each call
 * builds its own charts).
 */
public final class Plots {
    static final int WIDTH = 1100;
    static final int HEIGHT = 560;
    /** The most points a line is drawn with: a longer series is drawn at a stride (its data may keep no more). */
    static final int MOST_POINTS = 4000;
    /** Opacity of a trend line (of 255): the samples under it show through. */
    static final int TREND_ALPHA = 170;
    private static final Color TREND = new Color(220, 90, 0);
    /** The heap's trend, beside the RSS's on the same chart: a colour of its own, near the heap's purple. */
    private static final Color HEAP_TREND = new Color(170, 20, 120);
    private static final Color WARMUP = new Color(128, 128, 128, 45);
    private static final Color PAUSED = new Color(230, 160, 0, 70);
    /** The longest generator pauses shaded in the latency plot. */
    private static final int PAUSES_SHADED = 50;
    private static final Color LIMIT = new Color(200, 0, 0);
    private static final Color BLUE = new Color(33, 90, 200);
    private static final Color GREEN = new Color(30, 140, 60);
    private static final Color PURPLE = new Color(130, 60, 180);
    private static final Color GREY = new Color(90, 90, 90);
    private static final BasicStroke DASHED = new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {8f, 6f}, 0f);

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private Plots() {
    }

    /** Builds every chart that has data, by file name ({@code memory.png}, …), in display order. */
    public static Map<String, XYChart> charts(RunData run, ReportModel model) {
        Map<String, XYChart> out = new LinkedHashMap<>();
        TimeAxis axis = TimeAxis.forRun(run.durationSec());
        List<IntervalMetrics> intervals = FullIntervals.of(run.metrics());
        put(out, "memory.png", memory(run, model, axis));
        put(out, "latency.png", latency(intervals, model, axis, DriverPauses.of(run.metrics())));
        put(out, "throughput.png", throughput(intervals, axis));
        put(out, "resources.png", resources(run, model, axis));
        put(out, "cpu.png", cpu(run, axis));
        put(out, "arrival.png", arrival(run, intervals, axis));
        return out;
    }

    /** PNG bytes of every chart, by file name. */
    public static Map<String, byte[]> render(RunData run, ReportModel model) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        charts(run, model).forEach((name, chart) -> {
            try {
                out.put(name, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
            } catch (IOException e) {
                throw new IllegalStateException("cannot render " + name, e);
            }
        });
        return out;
    }

    /** Writes every chart into {@code plotsDir} (created), returning the files written. */
    public static List<Path> writeAll(RunData run, ReportModel model, Path plotsDir) throws IOException {
        return write(render(run, model), plotsDir);
    }

    static List<Path> write(Map<String, byte[]> pngs, Path plotsDir) throws IOException {
        Files.createDirectories(plotsDir);
        List<Path> files = new ArrayList<>();
        for (var e : pngs.entrySet()) {
            Path f = plotsDir.resolve(e.getKey());
            Files.write(f, e.getValue());
            files.add(f);
        }
        return files;
    }

    private static void put(Map<String, XYChart> out, String name, XYChart chart) {
        if (chart != null && !chart.getSeriesMap().isEmpty()) {
            fitLegend(chart);
            out.put(name, chart);
        }
    }

    /**
     * A legend of more than four entries does not fit in one row under a {@value #WIDTH}-pixel chart
     * (its ends were cut off): it moves to a column on the right.
     */
    static void fitLegend(XYChart c) {
        long entries = c.getSeriesMap().values().stream().filter(s -> s.isShowInLegend()).count();
        if (entries > 4) {
            c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
            c.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        }
    }

    // ---------------------------------------------------------------------------------------------

    static XYChart memory(RunData run, ReportModel model, TimeAxis axis) {
        List<ResourceSample> r = run.resources();
        XYChart c = chart("Memory of the target process", "memory (MB)", axis);
        color(line(c, axis, "RSS (MB)", r, ResourceSample::tSec, ResourceSample::rssMb, null), BLUE);
        color(line(c, axis, "PSS (MB)", r, ResourceSample::tSec, ResourceSample::pssMb, null), GREEN);
        color(line(c, axis, "heap after GC (MB)", r, ResourceSample::tSec, ResourceSample::heapAfterGcMb, null), PURPLE);
        if (c.getSeriesMap().isEmpty()) {
            return null;
        }
        double[] shown = shownRange(c);
        for (MetricVerdict v : model.verdicts()) {
            if (v.kind() == ReportModel.Kind.LEAK && v.trend() != null) {
                trend(c, axis, shown, v.metric() + " trend " + Fmt.rate(v.estimate(), v.unit()) + " " + v.unit() + " (" + v.verdict() + ")", v.trend(), v.confidence(),
                        v.metric().startsWith("heap") ? HEAP_TREND : TREND);
            }
        }
        warmup(c, axis, model.warmupEndSec());
        return c;
    }

    /**
     * {@code m}: the run's load intervals that are read as rates and percentiles ({@link FullIntervals}); {@code pauses}:
     * the load generator's own, shaded where their intervals were left out.
     */
    static XYChart latency(List<IntervalMetrics> m, ReportModel model, TimeAxis axis, List<DriverPauses.Pause> pauses) {
        XYChart c = chart("Latency per interval (from intended start)", "latency (ms, log scale)", axis);
        c.getStyler().setYAxisLogarithmic(true);
        c.getStyler().setYAxisLogarithmicDecadeOnly(false);
        color(line(c, axis, "p50", m, IntervalMetrics::tSec, x -> positive(x.all().latency().p50Ms()), null), BLUE);
        color(line(c, axis, "p95", m, IntervalMetrics::tSec, x -> positive(x.all().latency().p95Ms()), null), GREEN);
        color(line(c, axis, "p99", m, IntervalMetrics::tSec, x -> positive(x.all().latency().p99Ms()), null), PURPLE);
        color(line(c, axis, "p99.9", m, IntervalMetrics::tSec, x -> positive(x.all().latency().p999Ms()), null), GREY);
        if (c.getSeriesMap().isEmpty()) {
            return null;
        }
        double[] shown = shownRange(c);
        for (MetricVerdict v : model.verdicts()) {
            if (v.kind() == ReportModel.Kind.DRIFT && v.trend() != null && v.metric().startsWith("p99")) {
                trend(c, axis, shown, v.metric() + " drift " + Fmt.rate(v.estimate(), v.unit()) + " " + v.unit() + " (" + v.verdict() + ")", v.trend(), v.confidence(),
                        TREND);
            }
        }
        warmup(c, axis, model.warmupEndSec());
        pauses(c, axis, pauses);
        // XChart labels each of 1–9 in every decade, whose upper ones overlap; over two decades or more, decades only
        double[] range = yRange(c);
        c.getStyler().setYAxisLogarithmicDecadeOnly(range[1] / range[0] >= 100);
        return c;
    }

    /** {@code m}: the run's load intervals that are read as rates ({@link FullIntervals}). */
    static XYChart throughput(List<IntervalMetrics> m, TimeAxis axis) {
        XYChart c = chart("Throughput: intended vs achieved, and error rate", "operations per second", axis);
        color(line(c, axis, "achieved (ops/s)", m, IntervalMetrics::tSec, x -> x.all().achievedRate(), null), BLUE);
        color(line(c, axis, "intended (ops/s)", m, IntervalMetrics::tSec, x -> x.all().intendedRate(), DASHED), GREY);
        if (c.getSeriesMap().isEmpty()) {
            return null;
        }
        XYSeries err = line(c, axis, "error rate (%, right axis)", m, IntervalMetrics::tSec,
                x -> x.all().ops() > 0 ? 100.0 * x.all().errors() / x.all().ops() : Double.NaN, null);
        if (err != null) {
            err.setYAxisGroup(1);
            err.setLineColor(new Color(200, 0, 0, 150));
            err.setLineWidth(1f);
            c.setYAxisGroupTitle(1, "error rate (%)");
            c.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
            c.getStyler().setYAxisMin(1, 0.0);
            // no errors at all: XChart centred the 0 % line on an axis from 0 to 0; at least 0–1 % puts it at the floor
            c.getStyler().setYAxisMax(1, Math.max(1.0, 1.15 * err.getYMax()));
        }
        c.getStyler().setYAxisMin(0, 0.0);
        headroom(c);
        return c;
    }

    static XYChart resources(RunData run, ReportModel model, TimeAxis axis) {
        List<ResourceSample> r = run.resources();
        XYChart c = chart("Threads, open file descriptors and connections", "count", axis);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        c.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        Map<String, Color> colors = Map.of("open_fds", BLUE, "threads", GREEN, "network_connections", PURPLE);
        XYSeries fds = color(line(c, axis, "open fds", r, ResourceSample::tSec, ResourceSample::openFds, null), BLUE);
        color(line(c, axis, "threads", r, ResourceSample::tSec, ResourceSample::threads, null), GREEN);
        color(line(c, axis, "connections", r, ResourceSample::tSec, ResourceSample::networkConnections, null), PURPLE);
        if (c.getSeriesMap().isEmpty()) {
            return null;
        }
        double maxSeen = r.stream().mapToDouble(s -> Math.max(nz(s.openFds()), Math.max(nz(s.threads()), nz(s.networkConnections())))).max().orElse(1);
        double endSec = run.durationSec();
        double horizonSec = endSec * 1.5;
        for (Forecast f : model.forecasts()) {
            if (!List.of("open_fds", "threads", "network_connections").contains(f.resource()) || f.trend() == null) {
                continue;
            }
            boolean limitOnScale = !Double.isNaN(f.limit()) && f.limit() <= 4 * Math.max(maxSeen, 1);
            double untilSec = horizonSec;
            if (limitOnScale && f.hoursToLimit() > 0 && Double.isFinite(f.hoursToLimit())) {
                untilSec = Math.min(horizonSec, endSec + f.hoursToLimit() * 3600);
            }
            String label = f.resource().replace("network_connections", "connections").replace("open_fds", "fds") + " forecast "
                    + Fmt.sig(f.slopePerHour()) + "/h" + (Double.isNaN(f.limit()) ? "" : limitText(f));
            // from the forecast's own "now" (its fit at the end, level shifts included) at its rate: a line through
            // the median point of the whole series sat off the data after a step
            double now = Double.isFinite(f.current()) ? f.current() : f.trend().valueAt(endSec);
            XYSeries s = c.addSeries(label, new double[] {axis.x(endSec), axis.x(untilSec)},
                    new double[] {now, now + f.slopePerHour() * (untilSec - endSec) / 3600});
            s.setMarker(SeriesMarkers.NONE);
            s.setLineStyle(DASHED);
            s.setLineColor(colors.getOrDefault(f.resource(), TREND));
            if (limitOnScale) {
                XYSeries lim = c.addSeries(f.limitSource() + " = " + Fmt.sig(f.limit()),
                        new double[] {0, axis.x(horizonSec)}, new double[] {f.limit(), f.limit()});
                lim.setMarker(SeriesMarkers.NONE);
                lim.setLineColor(LIMIT);
                lim.setLineStyle(DASHED);
            } else if (!Double.isNaN(f.limit()) && fds != null && f.resource().equals("open_fds")) {
                fds.setLabel("open fds (limit " + Fmt.sig(f.limit()) + " off scale)");
            }
        }
        c.getStyler().setYAxisMin(0.0);
        warmup(c, axis, model.warmupEndSec());
        return c;
    }

    /**
     * The target's CPU and, beside it, the load generator's own ({@link GeneratorFootprint#cpu()}): a generator short of
     * CPU sends late and measures its own queueing as the target's latency.
     */
    static XYChart cpu(RunData run, TimeAxis axis) {
        List<GeneratorFootprint> generators = run.generators().stream().filter(g -> !g.cpu().isEmpty()).toList();
        XYChart c = chart(generators.isEmpty() ? "CPU of the target process" : "CPU of the target and of the load generator",
                "CPU (%, 100 = one core)", axis);
        color(line(c, axis, generators.isEmpty() ? "CPU (%)" : "target CPU (%)", run.resources(), ResourceSample::tSec,
                ResourceSample::cpuPercent, null), BLUE);
        if (c.getSeriesMap().isEmpty()) {
            return null;
        }
        for (GeneratorFootprint g : generators) {
            String name = "load generator CPU (%)" + (generators.size() > 1 ? " " + g.directory().getFileName() : "");
            color(line(c, axis, name, g.cpu(), p -> p[0], p -> p[1], DASHED), GREY);
        }
        c.getStyler().setYAxisMin(0.0);
        return c;
    }

    /** {@code intervals}: the run's load intervals that are read as rates ({@link FullIntervals}). */
    static XYChart arrival(RunData run, List<IntervalMetrics> intervals, TimeAxis axis) {
        XYChart c = chart("Arrival rate: the scenario's curve and what the driver intended", "operations per second", axis);
        double end = run.durationSec();
        if (run.scenario().arrival().isPresent() && end > 0) {
            int n = 400;
            double[] x = new double[n + 1], y = new double[n + 1];
            for (int i = 0; i <= n; i++) {
                double t = end * i / n;
                x[i] = axis.x(t);
                y[i] = run.scenario().rateAtWallSec(t);
            }
            XYSeries s = c.addSeries("scenario " + run.scenario().arrival().get().patternName() + " curve (ops/s)", x, y);
            s.setMarker(SeriesMarkers.NONE);
        }
        XYSeries pts = line(c, axis, "intended per interval (ops/s)", intervals, IntervalMetrics::tSec, x -> x.all().intendedRate(), null);
        if (pts != null) {
            pts.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
            pts.setMarker(SeriesMarkers.CIRCLE);
            pts.setMarkerColor(new Color(255, 140, 0, 110));
        }
        if (c.getSeriesMap().isEmpty()) {
            return null;
        }
        c.getStyler().setYAxisMin(0.0);
        headroom(c);
        return c;
    }

    // ---------------------------------------------------------------------------------------------

    private static XYChart chart(String title, String yTitle, TimeAxis axis) {
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(axis.title())
                .yAxisTitle(yTitle).build();
        org.knowm.xchart.style.XYStyler s = c.getStyler();
        s.setLegendPosition(Styler.LegendPosition.OutsideS);
        s.setLegendLayout(Styler.LegendLayout.Horizontal);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotGridLinesColor(new Color(225, 225, 225));
        s.setAntiAlias(true);
        c.getStyler().setXAxisDecimalPattern("0.##");
        c.getStyler().setXAxisMin(0.0);
        c.getStyler().setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        c.getStyler().setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        return c;
    }

    /** Adds a line of the non-NaN points; null when there is none. */
    private static <T> XYSeries line(XYChart c, TimeAxis axis, String name, List<T> rows, ToDoubleFunction<T> t, ToDoubleFunction<T> v, BasicStroke stroke) {
        double[][] s = DetectAdapter.series(rows, t, v);
        if (s[0].length == 0) {
            return null;
        }
        int stride = Math.max(1, s[0].length / MOST_POINTS);
        double[] x = new double[(s[0].length + stride - 1) / stride], y = new double[x.length];
        for (int i = 0, k = 0; i < s[0].length && k < x.length; i += stride, k++) {
            x[k] = axis.x(s[0][i]);
            y[k] = s[1][i];
        }
        XYSeries series = c.addSeries(name, x, y);
        series.setMarker(x.length <= 30 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        series.setLineWidth(1.6f);
        if (stroke != null) {
            series.setLineStyle(stroke);
        }
        return series;
    }

    /**
     * The fitted line, drawn in {@code color}, over its confidence band in a translucent shade of it; at each of
     * the trend's level shifts the line rises or falls straight up or down. Both are drawn within {@code shown}
     * ({@link #shownRange}, of the data before any trend was added).
     */
    private static void trend(XYChart c, TimeAxis axis, double[] shown, String name, Trend t, double confidence,
                              Color color) {
        List<Double> secs = trendTimes(t, 50);
        int n = secs.size() - 1;
        double[] x = new double[n + 1], y = new double[n + 1];
        double[] bx = new double[2 * (n + 1)], by = new double[2 * (n + 1)];
        for (int i = 0; i <= n; i++) {
            double sec = secs.get(i);
            x[i] = axis.x(sec);
            y[i] = t.valueAt(sec);
            bx[i] = x[i];
            by[i] = t.upperAt(sec);
            bx[2 * n + 1 - i] = x[i];
            by[2 * n + 1 - i] = t.lowerAt(sec);
        }
        boolean clipped = false;
        for (double[] a : new double[][] {y, by}) {
            for (int i = 0; i < a.length; i++) {
                double v = Double.isNaN(a[i]) ? shown[0] : Math.min(shown[1], Math.max(shown[0], a[i]));
                clipped |= a == by && v != a[i];
                a[i] = v;
            }
        }
        XYSeries band = c.addSeries(String.format(Locale.ROOT, "%.0f%% band of the trend", 100 * confidence) + " (" + name.split(" ")[0]
                + (clipped ? ", clipped to the plot" : "") + ")", bx, by);
        band.setXYSeriesRenderStyle(XYSeriesRenderStyle.PolygonArea);
        Color shade = new Color(color.getRed(), color.getGreen(), color.getBlue(), 50);
        band.setFillColor(shade);
        band.setLineColor(shade);
        band.setMarker(SeriesMarkers.NONE);
        XYSeries line = c.addSeries(name, x, y);
        line.setMarker(SeriesMarkers.NONE);
        // translucent: a flat series lies under its trend, and an opaque line hid it (the accelerated run's RSS)
        line.setLineColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), TREND_ALPHA));
        line.setLineWidth(3f);
    }

    /**
     * The y range a trend and its band are drawn within: the range of the chart's series on axis group 0 (call it
     * before adding a trend) widened by as much again
     * on either side (at least a tenth of its largest magnitude), or by a decade on a log axis. A band wider than that
     * says only that the rate is unknown (a minute's p99 trend spans 10⁻⁶ to 10⁵⁰ ms): drawn whole, it flattened
     * the data to a line and filled the log axis with overlapping tick labels; clipped, the legend says so.
     */
    private static double[] shownRange(XYChart c) {
        boolean log = c.getStyler().isYAxisLogarithmic();
        double[] r = yRange(c);
        double lo = r[0], hi = r[1];
        if (!(hi >= lo)) {
            return log ? new double[] {1e-6, 1e9} : new double[] {-Double.MAX_VALUE, Double.MAX_VALUE};
        }
        if (log) {
            return new double[] {lo / 10, hi * 10};
        }
        double pad = Math.max(hi - lo, 0.1 * Math.max(Math.abs(lo), Math.abs(hi)));
        return new double[] {lo - pad, hi + pad};
    }

    /** {min, max} of the finite values (positive ones on a log axis) of the chart's series on axis group 0; NaNs if none. */
    private static double[] yRange(XYChart c) {
        boolean log = c.getStyler().isYAxisLogarithmic();
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (XYSeries s : c.getSeriesMap().values()) {
            if (s.getYAxisGroup() == 0) {
                for (double v : s.getYData()) {
                    if (Double.isFinite(v) && (!log || v > 0)) {
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                    }
                }
            }
        }
        return hi >= lo ? new double[] {lo, hi} : new double[] {Double.NaN, Double.NaN};
    }

    /**
     * {@code n + 1} evenly spaced times over the trend's span and, for each level shift within it, a time just before
     * the shift beside the shift's own, so that the line steps there instead of slanting between grid points.
     */
    private static List<Double> trendTimes(Trend t, int n) {
        double span = t.toSec() - t.fromSec();
        List<Double> secs = new ArrayList<>();
        for (int i = 0; i <= n; i++) {
            secs.add(t.fromSec() + span * i / n);
        }
        for (ReportModel.Step st : t.steps()) {
            if (st.tSec() > t.fromSec() && st.tSec() <= t.toSec()) {
                secs.add(Math.max(t.fromSec(), st.tSec() - Math.max(1e-6, 1e-9 * span)));
                secs.add(st.tSec());
            }
        }
        Collections.sort(secs);
        return secs;
    }

    /** Shades [0, warmupSec] over the data's y range. */
    private static void warmup(XYChart c, TimeAxis axis, double warmupSec) {
        if (!(warmupSec > 0)) {
            return;
        }
        double[] range = yRange(c);
        double lo = range[0], hi = range[1];
        if (!(hi > lo)) {
            return;
        }
        if (!c.getStyler().isYAxisLogarithmic()) {
            Double axisMin = c.getStyler().getYAxisMin();
            lo = axisMin != null ? axisMin : Math.min(lo, 0) < 0 ? lo : Math.max(0, lo - 0.05 * (hi - lo));
        }
        double h = axis.x(warmupSec);
        XYSeries w = c.addSeries("warm-up (cut at " + DurationText.clock(warmupSec) + ")", new double[] {0, h, h, 0},
                new double[] {lo, lo, hi, hi});
        w.setXYSeriesRenderStyle(XYSeriesRenderStyle.PolygonArea);
        w.setFillColor(WARMUP);
        w.setLineColor(WARMUP);
        w.setMarker(SeriesMarkers.NONE);
    }

    /**
     * Shades the intervals in which the load generator paused (the {@value #PAUSES_SHADED} longest pauses), at least
     * half a percent of the axis wide so that one second shows on a day.
     */
    private static void pauses(XYChart c, TimeAxis axis, List<DriverPauses.Pause> pauses) {
        double[] range = yRange(c);
        if (pauses.isEmpty() || !(range[1] > range[0])) {
            return;
        }
        double xMax = c.getSeriesMap().values().stream().flatMapToDouble(x -> java.util.Arrays.stream(x.getXData()))
                .filter(Double::isFinite).max().orElse(0);
        double minWidth = 0.005 * Math.max(xMax, axis.x(pauses.stream().mapToDouble(DriverPauses.Pause::endSec).max()
                .orElse(0)));
        boolean first = true;
        for (DriverPauses.Pause p : pauses.subList(0, Math.min(PAUSES_SHADED, pauses.size()))) {
            double x0 = axis.x(p.startSec());
            double x1 = Math.max(axis.x(p.endSec()), x0 + minWidth);
            XYSeries s = c.addSeries(first ? "load generator paused (its own; not read)" : "generator pause " + DurationText
                    .clock(p.startSec()), new double[] {x0, x1, x1, x0}, new double[] {range[0], range[0], range[1], range[1]});
            s.setXYSeriesRenderStyle(XYSeriesRenderStyle.PolygonArea);
            s.setFillColor(PAUSED);
            s.setLineColor(PAUSED);
            s.setMarker(SeriesMarkers.NONE);
            s.setShowInLegend(first);
            first = false;
        }
    }

    /** Y axis (group 0) up to 15 % above the largest value, so a flat line gets tick labels around it. */
    private static void headroom(XYChart c) {
        double max = c.getSeriesMap().values().stream().filter(s -> s.getYAxisGroup() == 0).mapToDouble(XYSeries::getYMax)
                .filter(Double::isFinite).max().orElse(Double.NaN);
        if (max > 0) {
            c.getStyler().setYAxisMax(0, max * 1.15);
        }
    }

    /** When the forecast reaches the limit; a growth that is not significant does not approach it. */
    private static String limitText(Forecast f) {
        double h = f.hoursToLimit();
        return f.reached() ? ", limit reached" : Double.isFinite(h) ? ", limit in " + Fmt.num(h, 1) + " h"
                : f.growthNotSignificant() ? ", not significant: limit not approached" : ", limit: never";
    }

    private static XYSeries color(XYSeries s, Color c) {
        if (s != null) {
            s.setLineColor(c);
            s.setMarkerColor(c);
        }
        return s;
    }

    private static double positive(double v) {
        return v > 0 ? v : Double.NaN;
    }

    private static double nz(double v) {
        return Double.isNaN(v) ? 0 : v;
    }

    static double[] finite(double[] v) {
        return Arrays.stream(v).filter(Double::isFinite).toArray();
    }
}
