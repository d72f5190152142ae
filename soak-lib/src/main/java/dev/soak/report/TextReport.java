package dev.soak.report;

import dev.soak.detect.DurationText;
import dev.soak.checkpoint.RunEvent;
import dev.soak.report.ReportModel.ChangePoint;
import dev.soak.report.ReportModel.Forecast;
import dev.soak.report.ReportModel.Kind;
import dev.soak.report.ReportModel.MetricVerdict;
import dev.soak.report.ReportModel.Verdict;
import java.util.List;
import java.util.Locale;

/**
 * {@code report.txt}: the human-readable report. A FAIL leak verdict prints a line starting with
 * {@code MEMORY_LEAK_DETECTED}, a FAIL drift verdict one starting with
 * {@code LATENCY_DRIFT_DETECTED} (the seed's {@code analyze_soak_test.sh} greps them); those
 * strings appear nowhere else (free text is scrubbed). Stateless.
 */
final class TextReport {
    private TextReport() {
    }

    /**
     * The findings that fail a run, one line each, starting with their marker: a FAIL leak or drift
     * verdict, a resource exhausted within the horizon, an abort. Empty when there is none.
     */
    static List<String> findings(RunData run, ReportModel model) {
        List<String> out = new java.util.ArrayList<>();
        for (MetricVerdict v : model.verdicts()) {
            if (v.gating() && v.verdict() == Verdict.FAIL) {
                out.add(String.format(Locale.ROOT, "%s: %s grows %s %s (%.0f%% CI %s to %s; threshold %s %s), p = %s",
                        v.kind() == Kind.LEAK ? Fmt.LEAK_MARKER : Fmt.DRIFT_MARKER, v.metric(), Fmt.rate(v.estimate(), v.unit()), v.unit(),
                        100 * v.confidence(), Fmt.rate(v.lower(), v.unit()), Fmt.rate(v.upper(), v.unit()), Fmt.sig(v.threshold()), v.unit(), Fmt.pValue(v.pValue())));
            }
        }
        for (Forecast f : model.forecasts()) {
            if (f.reached()) {
                out.add(String.format(Locale.ROOT, "%s: %s", Fmt.EXHAUSTION_MARKER, f.note().isEmpty()
                        ? f.resource() + " is at or past its limit " + Fmt.sig(f.limit()) + " (" + f.limitSource() + ")"
                        : Fmt.scrub(f.note())));
            } else if (f.exhausting()) {
                out.add(String.format(Locale.ROOT, "%s: %s reaches its limit %s (%s) in %s h (plausible %s to %s h), within the %s h horizon",
                        Fmt.EXHAUSTION_MARKER, f.resource(), Fmt.sig(f.limit()), f.limitSource(), Fmt.num(f.hoursToLimit(), 1),
                        Fmt.num(f.hoursLower(), 1), Fmt.num(f.hoursUpper(), 1), Fmt.num(f.horizonHours(), 0)));
            }
        }
        if (run.aborted()) {
            out.add("RUN ABORTED: " + run.aborts().stream().map(e -> Fmt.scrub(e.message()))
                    .findFirst().orElse("run.json status is aborted"));
        }
        return out;
    }

    /**
     * What the run watched, as its first {@code start} event says ({@code details.target}): a pid and how it was
     * found, the embedded server, or a process read from its Prometheus text; empty for a run without one.
     */
    static java.util.Optional<String> watched(RunData run) {
        return run.events().stream().filter(e -> RunEvent.START.equals(e.type()))
                .map(e -> e.details().get("target")).filter(t -> t instanceof String s && !s.isBlank())
                .map(Object::toString).findFirst();
    }

    static String render(RunData run, ReportModel model, int exitCode) {
        StringBuilder b = new StringBuilder();
        String name = run.scenario().name().isEmpty() ? "(scenario unknown)" : run.scenario().name();
        line(b, "SOAK REPORT: %s", Fmt.scrub(name));
        line(b, "run directories : %s", Fmt.scrub(run.directories().toString()));
        watched(run).ifPresent(w -> line(b, "target          : %s", Fmt.scrub(w)));
        line(b, "status          : %s", run.status());
        line(b, "duration        : %s (%d resource samples, %d load intervals, %d events)", DurationText.clock(run.durationSec()),
                run.resources().size(), run.metrics().size(), run.events().size());
        line(b, "analysis        : %s", model.analysisSource());
        line(b, "warm-up cut     : %s (%s)", DurationText.clock(model.warmupEndSec()), model.warmupHow());
        line(b, "OVERALL         : %s   exit code %d: %s", RunAnalysis.overallText(run, model), exitCode,
                RunAnalysis.describe(exitCode));
        b.append('\n');

        for (String f : findings(run, model)) {
            line(b, "%s", f);
        }
        b.append('\n');
        line(b, "VERDICTS (rate per wall hour after the warm-up cut; p one-sided, Holm-adjusted over the gating metrics;");
        line(b, "          informational metrics, marked (i), do not decide the outcome)");
        line(b, "  %-18s %-6s %-13s %10s %23s %8s %10s %10s %7s", "metric", "kind", "verdict", "estimate", "interval", "p", "threshold", "extra h", "points");
        for (MetricVerdict v : model.verdicts()) {
            line(b, "  %-18s %-6s %-13s %10s %23s %8s %10s %10s %7d", v.metric() + (v.gating() ? "" : " (i)"),
                    v.kind().name().toLowerCase(Locale.ROOT), v.verdict(),
                    Fmt.rate(v.estimate(), v.unit()) + " " + v.unit(), "[" + Fmt.rate(v.lower(), v.unit()) + ", " + Fmt.rate(v.upper(), v.unit()) + "]",
                    Fmt.pValue(v.pValue()), Fmt.sig(v.threshold()), v.verdict() == Verdict.INCONCLUSIVE ? Fmt.sig(v.extraHoursNeeded()) : "",
                    v.samples());
            if (!v.note().isEmpty()) {
                line(b, "      note: %s", Fmt.scrub(v.note()));
            }
        }
        if (model.verdicts().isEmpty()) {
            line(b, "  (none: no usable series)");
        }
        b.append('\n');
        line(b, "RESOURCE TRENDS AND EXHAUSTION FORECASTS (at the current growth rate)");
        for (Forecast f : model.forecasts()) {
            line(b, "  %-20s now %s, %s/h%s", f.resource(), Fmt.sig(f.current()), Fmt.sig(f.slopePerHour()),
                    Double.isNaN(f.limit()) ? ", no known limit"
                            : f.reached() ? String.format(Locale.ROOT, ", limit %s (%s) reached: EXHAUSTION", Fmt.sig(f.limit()),
                                    f.limitSource())
                            : !Double.isFinite(f.hoursToLimit())
                            ? String.format(Locale.ROOT, ", limit %s (%s) %s", Fmt.sig(f.limit()), f.limitSource(),
                                    f.growthNotSignificant() ? "not approached: the growth is not significant"
                                            : "never reached at this rate")
                            : String.format(Locale.ROOT, ", limit %s (%s) reached in %s h (plausible %s to %s h)%s", Fmt.sig(f.limit()), f.limitSource(),
                                    Fmt.num(f.hoursToLimit(), 1), Fmt.num(f.hoursLower(), 1), Fmt.num(f.hoursUpper(), 1),
                                    f.exhausting() ? ": EXHAUSTION within the " + Fmt.num(f.horizonHours(), 0) + " h horizon" : ""));
            if (!f.note().isEmpty()) {
                line(b, "      note: %s", Fmt.scrub(f.note()));
            }
        }
        if (model.forecasts().isEmpty()) {
            line(b, "  (none)");
        }
        if (!model.changePoints().isEmpty()) {
            b.append('\n');
            line(b, "LEVEL SHIFTS (steps removed before the trend tests)");
            for (ChangePoint c : model.changePoints()) {
                line(b, "  %-20s at %s: %s%s %s", c.metric(), DurationText.clock(c.tSec()), c.shift() >= 0 ? "+" : "", Fmt.sig(c.shift()), c.unit());
            }
        }
        List<Stalls.Stall> stalls = Stalls.of(run.metrics());
        if (!stalls.isEmpty()) {
            b.append('\n');
            line(b, "STALLS (load intervals in which nothing completed although operations were due; longest first)");
            stalls.stream().limit(Stalls.LISTED).forEach(st -> line(b, "  %s", Stalls.line(st)));
            Stalls.rest(stalls).ifPresent(r -> line(b, "  %s", r));
        }
        List<DriverPauses.Pause> pauses = DriverPauses.of(run.metrics());
        if (!pauses.isEmpty()) {
            b.append('\n');
            line(b, "LOAD GENERATOR PAUSES (Soak's own: a collection in its JVM, a stopped or starved host; the operations"
                    + " due then went out that late,");
            line(b, "                      and their latency includes it; longest first)");
            pauses.stream().limit(DriverPauses.LISTED).forEach(p -> line(b, "  %s", DriverPauses.line(p)));
            DriverPauses.rest(pauses).ifPresent(r -> line(b, "  %s", r));
        }
        if (!run.generators().isEmpty()) {
            b.append('\n');
            line(b, "LOAD GENERATOR (Soak's own JVM, sampled beside the target: driver.jsonl)");
            for (GeneratorFootprint g : run.generators()) {
                line(b, "  %s", g.line(run.generators().size()));
            }
        }
        b.append('\n');
        List<OperationTable.Row> rows = OperationTable.rows(run);
        line(b, "PER-OPERATION LATENCY (whole run, ms%s)", rows.stream().allMatch(OperationTable.Row::exact)
                ? ", from the latency.hlog histograms" : "; * = worst interval, an upper bound: no latency.hlog");
        line(b, "  %-24s %10s %8s %8s %9s %9s %9s %9s %9s", "operation", "ops", "errors", "err %", "p50", "p90", "p99", "p99.9", "max");
        for (OperationTable.Row r : rows) {
            String star = r.exact() ? "" : "*";
            line(b, "  %-24s %10d %8d %8s %9s %9s %9s %9s %9s", Fmt.scrub(r.name()), r.ops(), r.errors(), Fmt.num(100 * r.errorRate(), 2),
                    Fmt.sig(r.p50Ms()) + star, Fmt.sig(r.p90Ms()) + star, Fmt.sig(r.p99Ms()) + star, Fmt.sig(r.p999Ms()) + star, Fmt.sig(r.maxMs()) + star);
        }
        b.append('\n');
        line(b, "EVENTS");
        for (RunEvent e : run.events()) {
            line(b, "  %9s  %-5s %-12s %s", DurationText.clock(e.tSec()), e.level(), e.type(), Fmt.scrub(e.message()));
        }
        if (run.events().isEmpty()) {
            line(b, "  (none)");
        }
        List<String> notes = new java.util.ArrayList<>(run.notes());
        notes.addAll(model.notes());
        b.append('\n');
        line(b, "MISSING, SKIPPED OR APPROXIMATED");
        notes.forEach(n -> line(b, "  - %s", Fmt.scrub(n)));
        if (notes.isEmpty()) {
            line(b, "  (nothing)");
        }
        return b.toString();
    }

    private static void line(StringBuilder b, String fmt, Object... args) {
        b.append(String.format(Locale.ROOT, fmt, args)).append('\n');
    }
}
