package dev.soak.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.soak.checkpoint.RunEvent;
import dev.soak.report.ReportModel.ChangePoint;
import dev.soak.report.ReportModel.Forecast;
import dev.soak.report.ReportModel.Kind;
import dev.soak.report.ReportModel.MetricVerdict;
import dev.soak.report.ReportModel.Step;
import dev.soak.report.ReportModel.Trend;
import dev.soak.report.ReportModel.Verdict;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code report.json}: every verdict (estimate, interval, p-value, threshold, extra time, and the
 * fitted trend drawn in the plots, with the level shifts it steps at as {@code trend.steps}),
 * forecasts, change points, stalls ({@link Stalls}: {@code start_sec}, {@code duration_sec}, {@code intended_ops},
 * {@code max_latency_ms_after}, {@code driver_pause_ms}, {@code generators}), the load generator's own pauses
 * ({@link DriverPauses}: {@code driver_pause_max_ms}, {@code driver_pauses} with {@code start_sec}, {@code end_sec},
 * {@code longest_ms}) and footprint ({@link GeneratorFootprint}: {@code generators}, each with its first and last RSS,
 * heap after GC, threads and open fds, its collection time and mean CPU, and {@code heap_after_gc_trend}, the leak
 * test of its own heap, where made), events, the per-operation table and what was missing or skipped.
 * Numbers that are not known are absent; ±∞ is the string {@code "Infinity"} / {@code "-Infinity"}.
 * {@code format_version} 1. {@link #readModel} reads the analysis part back. Stateless.
 */
public final class ReportJson {
    /** Version of the report.json layout. */
    public static final int FORMAT_VERSION = 1;

    private ReportJson() {
    }

    static ObjectNode toJson(RunData run, ReportModel model, int exitCode) {
        ObjectNode root = RunFiles.JSON.createObjectNode();
        root.put("format_version", FORMAT_VERSION);
        ArrayNode dirs = root.putArray("directories");
        run.directories().forEach(d -> dirs.add(d.toString()));
        root.put("scenario", run.scenario().name());
        root.put("status", run.status());
        root.put("aborted", run.aborted());
        num(root, "duration_sec", run.durationSec());
        root.put("overall", RunAnalysis.overall(run, model).name());
        root.put("verdicts_overall", model.overall().name());
        root.put("exit_code", exitCode);
        root.put("leak_detected", model.leakDetected());
        root.put("drift_detected", model.driftDetected());
        root.put("exhaustion_predicted", model.exhaustionPredicted());
        ObjectNode counts = root.putObject("counts");
        counts.put("resource_samples", run.resources().size());
        counts.put("load_intervals", run.metrics().size());
        counts.put("events", run.events().size());
        counts.put("histogram_intervals", run.latency().bucketCount());
        ObjectNode a = root.putObject("analysis");
        a.put("source", model.analysisSource());
        num(a, "warmup_end_sec", model.warmupEndSec());
        a.put("warmup_how", model.warmupHow());
        ArrayNode an = a.putArray("notes");
        model.notes().forEach(an::add);
        ArrayNode vs = root.putArray("verdicts");
        for (MetricVerdict v : model.verdicts()) {
            ObjectNode o = vs.addObject();
            o.put("metric", v.metric());
            o.put("kind", v.kind().name());
            o.put("gating", v.gating());
            o.put("verdict", v.verdict().name());
            num(o, "estimate", v.estimate());
            num(o, "lower", v.lower());
            num(o, "upper", v.upper());
            num(o, "confidence", v.confidence());
            o.put("unit", v.unit());
            num(o, "p_value", v.pValue());
            num(o, "threshold", v.threshold());
            num(o, "extra_hours_needed", v.extraHoursNeeded());
            o.put("samples", v.samples());
            o.put("note", v.note());
            trend(o, v.trend());
        }
        ArrayNode fs = root.putArray("forecasts");
        for (Forecast f : model.forecasts()) {
            ObjectNode o = fs.addObject();
            o.put("resource", f.resource());
            num(o, "limit", f.limit());
            o.put("limit_source", f.limitSource());
            num(o, "current", f.current());
            num(o, "slope_per_hour", f.slopePerHour());
            num(o, "hours_to_limit", f.hoursToLimit());
            num(o, "hours_lower", f.hoursLower());
            num(o, "hours_upper", f.hoursUpper());
            num(o, "horizon_hours", f.horizonHours());
            o.put("exhausting", f.exhausting());
            o.put("note", f.note());
            trend(o, f.trend());
        }
        ArrayNode cs = root.putArray("change_points");
        for (ChangePoint c : model.changePoints()) {
            ObjectNode o = cs.addObject();
            o.put("metric", c.metric());
            num(o, "t_sec", c.tSec());
            num(o, "shift", c.shift());
            o.put("unit", c.unit());
        }
        ArrayNode ss = root.putArray("stalls");
        for (Stalls.Stall st : Stalls.of(run.metrics())) {
            ObjectNode o = ss.addObject();
            num(o, "start_sec", st.startSec());
            num(o, "duration_sec", st.durationSec());
            o.put("intended_ops", st.intendedOps());
            num(o, "max_latency_ms_after", st.maxLatencyMsAfter());
            num(o, "driver_pause_ms", st.driverPauseMs());
            o.put("generators", st.generators());
        }
        num(root, "driver_pause_max_ms", DriverPauses.longestMs(run.metrics()));
        ArrayNode gs = root.putArray("generators");
        for (GeneratorFootprint g : run.generators()) {
            ObjectNode o = gs.addObject();
            o.put("directory", g.directory().toString());
            o.put("samples", g.samples());
            num(o, "span_sec", g.spanSec());
            num(o, "rss_first_mb", g.rssFirstMb());
            num(o, "rss_last_mb", g.rssLastMb());
            num(o, "heap_after_gc_first_mb", g.heapFirstMb());
            num(o, "heap_after_gc_last_mb", g.heapLastMb());
            num(o, "heap_used_max_mb", g.heapUsedMaxMb());
            num(o, "gc_sec", g.gcSec());
            num(o, "cpu_mean_percent", g.cpuMeanPercent());
            num(o, "threads_first", g.threadsFirst());
            num(o, "threads_last", g.threadsLast());
            num(o, "open_fds_first", g.fdsFirst());
            num(o, "open_fds_last", g.fdsLast());
            o.put("shares_target_jvm", g.sharesTargetJvm());
            o.put("heap_from_sec", g.heapFromSec());
            g.heapTrend().ifPresent(t -> {
                ObjectNode h = o.putObject("heap_after_gc_trend");
                // the names of the verdicts' fields above
                h.put("verdict", t.verdict().name());
                num(h, "estimate", t.ratePerHour());
                num(h, "lower", t.ciLowPerHour());
                num(h, "upper", t.ciHighPerHour());
                num(h, "confidence", t.confidence());
                h.put("unit", t.rateUnit());
                num(h, "p_value", t.pValue());
                num(h, "threshold", t.thresholdPerHour());
                h.put("note", t.explanation());
            });
        }
        ArrayNode ps = root.putArray("driver_pauses");
        for (DriverPauses.Pause p : DriverPauses.of(run.metrics())) {
            ObjectNode o = ps.addObject();
            num(o, "start_sec", p.startSec());
            num(o, "end_sec", p.endSec());
            num(o, "longest_ms", p.longestMs());
        }
        ArrayNode es = root.putArray("events");
        for (RunEvent e : run.events()) {
            ObjectNode o = es.addObject();
            num(o, "t_sec", e.tSec());
            o.put("type", e.type());
            o.put("level", e.level());
            o.put("message", e.message());
            if (!e.details().isEmpty()) {
                o.set("details", RunFiles.JSON.valueToTree(new java.util.TreeMap<>(e.details()))); // as events.jsonl: by key
            }
        }
        ArrayNode ops = root.putArray("operations");
        for (OperationTable.Row r : OperationTable.rows(run)) {
            ObjectNode o = ops.addObject();
            o.put("operation", r.name());
            o.put("ops", r.ops());
            o.put("errors", r.errors());
            num(o, "error_rate", r.errorRate());
            num(o, "p50_latency_ms", r.p50Ms());
            num(o, "p90_latency_ms", r.p90Ms());
            num(o, "p99_latency_ms", r.p99Ms());
            num(o, "p999_latency_ms", r.p999Ms());
            num(o, "max_latency_ms", r.maxMs());
            o.put("exact", r.exact());
        }
        ArrayNode missing = root.putArray("missing_or_skipped");
        run.notes().forEach(missing::add);
        return root;
    }

    static String render(RunData run, ReportModel model, int exitCode) {
        try {
            return RunFiles.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(toJson(run, model, exitCode)) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise report.json", e);
        }
    }

    /**
     * Reads the analysis part of a {@code report.json} back.
     *
     * @throws BadInputException when the file cannot be read or is not a report.json
     */
    public static ReportModel readModel(Path reportJson) {
        JsonNode root;
        try {
            root = RunFiles.JSON.readTree(reportJson.toFile());
        } catch (IOException e) {
            throw new BadInputException(reportJson + " cannot be read as JSON (" + ScenarioFacts.oneLine(e.getMessage()) + ")", e);
        }
        if (root == null || !root.has("verdicts")) {
            throw new BadInputException(reportJson + " is not a report.json (no 'verdicts'); pass the report.json written by analyze.java");
        }
        List<MetricVerdict> verdicts = new ArrayList<>();
        for (JsonNode o : root.path("verdicts")) {
            verdicts.add(new MetricVerdict(o.path("metric").asText(), Kind.valueOf(o.path("kind").asText()), o.path("gating").asBoolean(),
                    Verdict.valueOf(o.path("verdict").asText()), d(o, "estimate"), d(o, "lower"), d(o, "upper"), d(o, "confidence"),
                    o.path("unit").asText(), d(o, "p_value"), d(o, "threshold"), d(o, "extra_hours_needed"), o.path("samples").asInt(),
                    trend(o.path("trend")), o.path("note").asText("")));
        }
        List<Forecast> forecasts = new ArrayList<>();
        for (JsonNode o : root.path("forecasts")) {
            forecasts.add(new Forecast(o.path("resource").asText(), d(o, "limit"), o.path("limit_source").asText(""), d(o, "current"),
                    d(o, "slope_per_hour"), d(o, "hours_to_limit"), d(o, "hours_lower"), d(o, "hours_upper"),
                    d(o, "horizon_hours"), o.path("exhausting").asBoolean(false), trend(o.path("trend")),
                    o.path("note").asText("")));
        }
        List<ChangePoint> cps = new ArrayList<>();
        for (JsonNode o : root.path("change_points")) {
            cps.add(new ChangePoint(o.path("metric").asText(), d(o, "t_sec"), d(o, "shift"), o.path("unit").asText("")));
        }
        List<String> notes = new ArrayList<>();
        root.path("analysis").path("notes").forEach(n -> notes.add(n.asText()));
        JsonNode a = root.path("analysis");
        return new ReportModel(a.path("source").asText(), d(a, "warmup_end_sec"), a.path("warmup_how").asText(""), verdicts,
                forecasts, cps, notes);
    }

    private static void trend(ObjectNode o, Trend t) {
        if (t == null) {
            return;
        }
        ObjectNode n = o.putObject("trend");
        num(n, "from_sec", t.fromSec());
        num(n, "to_sec", t.toSec());
        num(n, "pivot_sec", t.pivotSec());
        num(n, "pivot_value", t.pivotValue());
        num(n, "slope_per_hour", t.slopePerHour());
        num(n, "slope_lower_per_hour", t.slopeLowerPerHour());
        num(n, "slope_upper_per_hour", t.slopeUpperPerHour());
        n.put("log_scale", t.logScale());
        if (!t.steps().isEmpty()) {
            ArrayNode steps = n.putArray("steps");
            for (Step st : t.steps()) {
                ObjectNode o2 = steps.addObject();
                num(o2, "t_sec", st.tSec());
                num(o2, "size", st.size());
            }
        }
    }

    private static Trend trend(JsonNode n) {
        if (!n.isObject()) {
            return null;
        }
        List<Step> steps = new ArrayList<>();
        n.path("steps").forEach(st -> steps.add(new Step(d(st, "t_sec"), d(st, "size"))));
        return new Trend(d(n, "from_sec"), d(n, "to_sec"), d(n, "pivot_sec"), d(n, "pivot_value"), d(n, "slope_per_hour"),
                d(n, "slope_lower_per_hour"), d(n, "slope_upper_per_hour"), n.path("log_scale").asBoolean(), steps);
    }

    private static void num(ObjectNode o, String key, double v) {
        if (Double.isNaN(v)) {
            return;
        }
        if (Double.isInfinite(v)) {
            o.put(key, v > 0 ? "Infinity" : "-Infinity");
        } else {
            o.put(key, v);
        }
    }

    private static double d(JsonNode o, String key) {
        JsonNode v = o.get(key);
        if (v == null || v.isNull()) {
            return Double.NaN;
        }
        if (v.isTextual()) {
            return switch (v.asText()) {
                case "Infinity" -> Double.POSITIVE_INFINITY;
                case "-Infinity" -> Double.NEGATIVE_INFINITY;
                default -> Double.NaN;
            };
        }
        return v.asDouble();
    }
}
