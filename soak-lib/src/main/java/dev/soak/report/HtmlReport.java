package dev.soak.report;

import dev.soak.detect.DurationText;
import dev.soak.checkpoint.RunEvent;
import dev.soak.report.ReportModel.Forecast;
import dev.soak.report.ReportModel.MetricVerdict;
import dev.soak.report.ReportModel.Verdict;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code report.html}: one self-contained file — inline CSS, plots as {@code data:image/png;base64}
 * URIs, no script, no font, no link to anything outside the file. Sections: verdict table
 * (estimate, interval, p-value, threshold, extra time when INCONCLUSIVE), forecasts, plots, events
 * timeline, per-operation latency, scenario text, what was missing. Stateless.
 */
final class HtmlReport {
    private HtmlReport() {
    }

    private static final String CSS = """
            body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2em auto;max-width:1180px;color:#222;padding:0 1em}
            h1{margin-bottom:.2em}h2{border-bottom:2px solid #ddd;padding-bottom:.2em;margin-top:1.6em}
            table{border-collapse:collapse;margin:.5em 0;font-size:14px}th,td{border:1px solid #ccc;padding:4px 8px;text-align:right}
            th{background:#f3f3f3}td.l,th.l{text-align:left}td:not(.l){white-space:nowrap}
            .v{font-weight:bold;padding:2px 8px;border-radius:4px;color:#fff;display:inline-block}
            .PASS{background:#2e7d32}.FAIL{background:#c62828}.INCONCLUSIVE{background:#ef8f00}
            .meta td{border:none;text-align:left;padding:2px 12px 2px 0}
            img{max-width:100%;border:1px solid #eee;margin:.4em 0}
            pre{background:#f7f7f7;padding:1em;overflow:auto;font-size:13px}
            .tl{position:relative;height:34px;background:#f3f3f3;border-radius:4px;margin:.6em 0 1em}
            .tl span{position:absolute;top:4px;width:4px;height:26px;border-radius:2px}
            .info{background:#1565c0}.warn{background:#ef8f00}.error{background:#c62828}
            .note{color:#555;font-size:13px}
            """;

    static String render(RunData run, ReportModel model, int exitCode, Map<String, byte[]> pngs) {
        StringBuilder b = new StringBuilder(64 * 1024);
        String name = run.scenario().name().isEmpty() ? "(scenario unknown)" : run.scenario().name();
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
                .append("<title>Soak report: ").append(esc(name)).append("</title><style>").append(CSS).append("</style></head><body>\n");
        b.append("<h1>Soak report: ").append(esc(name)).append("</h1>\n");
        b.append("<p id=\"overall\">Overall: ").append(badge(RunAnalysis.overall(run, model)))
                .append(esc(RunAnalysis.abortNote(run, model)))
                .append(" &nbsp; exit code ").append(exitCode)
                .append(": ").append(esc(RunAnalysis.describe(exitCode))).append("</p>\n");
        List<String> findings = TextReport.findings(run, model);
        if (!findings.isEmpty()) {
            b.append("<ul id=\"findings\">");
            for (String f : findings) {
                b.append("<li>").append(esc(f)).append("</li>");
            }
            b.append("</ul>\n");
        }
        b.append("<table class=\"meta\">");
        meta(b, "Run directories", run.directories().toString());
        TextReport.watched(run).ifPresent(w -> meta(b, "Target", w));
        meta(b, "Status", run.status() + (run.aborted() ? " (aborted)" : ""));
        meta(b, "Duration", DurationText.clock(run.durationSec()));
        meta(b, "Samples", run.resources().size() + " resource samples, " + run.metrics().size() + " load intervals, "
                + run.events().size() + " events");
        meta(b, "Analysis", model.analysisSource());
        meta(b, "Warm-up cut", DurationText.clock(model.warmupEndSec()) + " (" + model.warmupHow() + ")");
        b.append("</table>\n");

        // the intervals' one level goes in the header, so the cells stay one line each (each cell says its own if
        // they differ)
        List<Double> levels = model.verdicts().stream().map(MetricVerdict::confidence).filter(Double::isFinite).distinct()
                .toList();
        boolean oneLevel = levels.size() == 1;
        b.append("<h2>Verdicts</h2>\n<table id=\"verdicts\"><tr><th class=\"l\">metric</th><th class=\"l\">kind</th><th class=\"l\">verdict</th>")
                .append("<th>estimate</th><th>").append(oneLevel ? String.format(Locale.ROOT, "%.0f%% interval", 100 * levels.get(0)) : "interval")
                .append("</th><th>p-value</th><th>threshold</th><th>extra time needed</th><th>points</th><th class=\"l\">note</th></tr>\n");
        for (MetricVerdict v : model.verdicts()) {
            b.append("<tr><td class=\"l\">").append(esc(v.metric())).append(v.gating() ? "" : " <small>(informational)</small>").append("</td><td class=\"l\">")
                    .append(v.kind().name().toLowerCase(Locale.ROOT)).append("</td><td class=\"l\">").append(badge(v.verdict()))
                    .append("</td><td>").append(esc(Fmt.rate(v.estimate(), v.unit()) + " " + v.unit()))
                    .append("</td><td>").append(esc((oneLevel ? "" : String.format(Locale.ROOT, "%.0f%%: ", 100 * v.confidence()))
                            + String.format(Locale.ROOT, "[%s, %s]", Fmt.rate(v.lower(), v.unit()), Fmt.rate(v.upper(), v.unit()))))
                    .append("</td><td>").append(esc(Fmt.pValue(v.pValue())))
                    .append("</td><td>").append(esc(Fmt.sig(v.threshold()) + " " + v.unit()))
                    .append("</td><td>").append(v.verdict() == Verdict.INCONCLUSIVE ? esc("≈ " + Fmt.runTime(v.extraHoursNeeded())) : "")
                    .append("</td><td>").append(v.samples()).append("</td><td class=\"l\">").append(esc(v.note())).append("</td></tr>\n");
        }
        b.append("</table>\n<p class=\"note\">Rates per wall hour after the warm-up cut. PASS: the upper confidence bound is below the threshold. FAIL: the growth is significant (one-sided p, Holm-adjusted over the gating metrics) and practically large, and is not a warm-up levelling off. Otherwise INCONCLUSIVE, with the extra run time a decision needs. Informational metrics do not decide the outcome.</p>\n");

        b.append("<h2>Resource trends and exhaustion forecasts</h2>\n<table id=\"forecasts\"><tr><th class=\"l\">resource</th><th>now</th><th>growth per hour</th><th>limit</th><th>hours to limit</th><th>plausible range (h)</th><th>within horizon</th><th class=\"l\">note</th></tr>\n");
        for (Forecast f : model.forecasts()) {
            b.append("<tr><td class=\"l\">").append(esc(f.resource())).append("</td><td>").append(Fmt.sig(f.current())).append("</td><td>")
                    .append(Fmt.sig(f.slopePerHour())).append("</td><td>")
                    .append(Double.isNaN(f.limit()) ? "none known" : esc(Fmt.sig(f.limit()) + " (" + f.limitSource() + ")"))
                    .append("</td><td>").append(f.reached() ? "0 (reached)" : f.growthNotSignificant() ? "never (growth not significant)"
                            : Fmt.num(f.hoursToLimit(), 1)).append("</td><td>")
                    .append(f.reached() ? "" : esc("[" + Fmt.num(f.hoursLower(), 1) + ", " + Fmt.num(f.hoursUpper(), 1) + "]")).append("</td><td>")
                    .append(f.reached() ? "<b>FAIL</b>: limit reached" : f.exhausting() ? "<b>FAIL</b>: exhausted within "
                            + esc(Fmt.num(f.horizonHours(), 0)) + " h" : "no")
                    .append("</td><td class=\"l\">").append(esc(f.note())).append("</td></tr>\n");
        }
        b.append("</table>\n");

        if (!model.changePoints().isEmpty()) {
            b.append("<h2>Level shifts</h2>\n<table id=\"shifts\"><tr><th class=\"l\">metric</th><th>time</th><th>step</th></tr>\n");
            for (ReportModel.ChangePoint c : model.changePoints()) {
                b.append("<tr><td class=\"l\">").append(esc(c.metric())).append("</td><td>").append(DurationText.clock(c.tSec())).append("</td><td>")
                        .append(esc((c.shift() >= 0 ? "+" : "") + Fmt.sig(c.shift()) + " " + c.unit())).append("</td></tr>\n");
            }
            b.append("</table>\n");
        }
        List<Stalls.Stall> stalls = Stalls.of(run.metrics());
        if (!stalls.isEmpty()) {
            b.append("<h2>Stalls</h2>\n<p>Load intervals in which nothing completed although operations were due; longest"
                    + " first.</p>\n<ul id=\"stalls\">\n");
            stalls.stream().limit(Stalls.LISTED).forEach(st -> b.append("<li>").append(esc(Stalls.line(st))).append("</li>\n"));
            Stalls.rest(stalls).ifPresent(r -> b.append("<li>").append(esc(r)).append("</li>\n"));
            b.append("</ul>\n");
        }
        List<DriverPauses.Pause> pauses = DriverPauses.of(run.metrics());
        if (!pauses.isEmpty()) {
            b.append("<h2>Load generator pauses</h2>\n<p>Soak's own pauses (a collection in its JVM, a stopped or starved"
                    + " host): the operations due then went out that late, and their latency includes it; longest first."
                    + "</p>\n<ul id=\"driver-pauses\">\n");
            pauses.stream().limit(DriverPauses.LISTED).forEach(p -> b.append("<li>").append(esc(DriverPauses.line(p)))
                    .append("</li>\n"));
            DriverPauses.rest(pauses).ifPresent(r -> b.append("<li>").append(esc(r)).append("</li>\n"));
            b.append("</ul>\n");
        }
        if (!run.generators().isEmpty()) {
            b.append("<h2>Load generator</h2>\n<p>Soak's own JVM, sampled beside the target (driver.jsonl).</p>\n"
                    + "<ul id=\"generator\">\n");
            for (GeneratorFootprint g : run.generators()) {
                b.append("<li>");
                g.heapTrend().ifPresent(t -> b.append("<span class=\"v ").append(t.verdict()).append("\">")
                        .append(t.verdict()).append("</span> "));
                b.append(esc(g.line(run.generators().size()))).append("</li>\n");
            }
            b.append("</ul>\n");
        }
        b.append("<h2>Plots</h2>\n");
        for (var e : pngs.entrySet()) {
            b.append("<figure><img alt=\"").append(esc(e.getKey())).append("\" src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(e.getValue())).append("\"></figure>\n");
        }
        if (pngs.isEmpty()) {
            b.append("<p>No data to plot.</p>\n");
        }

        b.append("<h2>Events</h2>\n");
        double dur = Math.max(run.durationSec(), 1);
        b.append("<div class=\"tl\" title=\"timeline\">");
        for (RunEvent e : run.events()) {
            double left = Math.max(0, Math.min(100, 100 * e.tSec() / dur));
            b.append(String.format(Locale.ROOT, "<span class=\"%s\" style=\"left:%.2f%%\" title=\"%s\"></span>", level(e.level()), left,
                    esc(DurationText.clock(e.tSec()) + " " + e.type() + ": " + e.message())));
        }
        b.append("</div>\n<table id=\"events\"><tr><th>time</th><th class=\"l\">level</th><th class=\"l\">type</th><th class=\"l\">message</th></tr>\n");
        for (RunEvent e : run.events()) {
            b.append("<tr><td>").append(DurationText.clock(e.tSec())).append("</td><td class=\"l\">").append(esc(e.level())).append("</td><td class=\"l\">")
                    .append(esc(e.type())).append("</td><td class=\"l\">").append(esc(e.message())).append("</td></tr>\n");
        }
        b.append("</table>\n");

        b.append("<h2>Latency per operation (whole run, ms)</h2>\n<table id=\"operations\"><tr><th class=\"l\">operation</th><th>ops</th><th>errors</th><th>error %</th><th>p50</th><th>p90</th><th>p99</th><th>p99.9</th><th>max</th><th class=\"l\">source</th></tr>\n");
        for (OperationTable.Row r : OperationTable.rows(run)) {
            b.append("<tr><td class=\"l\">").append(esc(r.name())).append("</td><td>").append(r.ops()).append("</td><td>").append(r.errors())
                    .append("</td><td>").append(Fmt.num(100 * r.errorRate(), 2)).append("</td><td>").append(Fmt.sig(r.p50Ms()))
                    .append("</td><td>").append(Fmt.sig(r.p90Ms())).append("</td><td>").append(Fmt.sig(r.p99Ms()))
                    .append("</td><td>").append(Fmt.sig(r.p999Ms())).append("</td><td>").append(Fmt.sig(r.maxMs()))
                    .append("</td><td class=\"l\">").append(r.exact() ? "latency.hlog (exact)" : "worst interval (upper bound)").append("</td></tr>\n");
        }
        b.append("</table>\n");

        b.append("<h2>Scenario</h2>\n<pre id=\"scenario\">").append(esc(run.scenarioText().isEmpty() ? "(scenario.toml not found)" : run.scenarioText()))
                .append("</pre>\n");
        List<String> notes = new ArrayList<>(run.notes());
        notes.addAll(model.notes());
        b.append("<h2>Missing, skipped or approximated</h2>\n<ul id=\"notes\">");
        notes.forEach(n -> b.append("<li>").append(esc(n)).append("</li>"));
        if (notes.isEmpty()) {
            b.append("<li>nothing</li>");
        }
        b.append("</ul>\n</body></html>\n");
        return b.toString();
    }

    private static void meta(StringBuilder b, String k, String v) {
        b.append("<tr><td><b>").append(esc(k)).append("</b></td><td>").append(esc(v)).append("</td></tr>");
    }

    private static String badge(Verdict v) {
        return "<span class=\"v " + v.name() + "\">" + v.name() + "</span>";
    }

    private static String level(String l) {
        return switch (l) {
            case "warn", "error" -> l;
            default -> "info";
        };
    }

    /** HTML-escapes text (also the marker strings are scrubbed: they belong to report.txt only). */
    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char ch : Fmt.scrub(s).toCharArray()) {
            switch (ch) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(ch);
            }
        }
        return b.toString();
    }
}
