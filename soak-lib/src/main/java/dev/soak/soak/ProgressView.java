package dev.soak.soak;

import dev.soak.detect.AnalysisReport;
import dev.soak.detect.DurationText;
import dev.soak.detect.ExhaustionForecast;
import dev.soak.detect.MetricVerdict;
import dev.soak.detect.RateText;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The live progress display. On a terminal a block of lines redrawn in place with ANSI escapes
 * (cursor up {@code ESC[nF}, clear to end {@code ESC[J}); otherwise plain lines, one per call
 * (the orchestrator calls it every 10 s and at each checkpoint), so logs stay readable.
 *
 * <pre>
 * soak "Smoke" running: 00:00:35 elapsed, 00:00:25 left
 *   rate     200.0 ops/s intended, 199.8 achieved
 *   latency  p99 1.23 ms, errors 0.000 %
 *   target   RSS 123.4 MB, slope +1.2 MB/h
 *   verdicts memory INCONCLUSIVE, latency PASS, resources OK (look 2)
 * </pre>
 *
 * <p>Not thread-safe: the orchestrator's main thread owns it.
 */
final class ProgressView {
    /** What the display shows; NaN = not known yet. */
    record Snapshot(String scenario, String phase, double elapsedSec, double remainingSec, double intendedRate,
                    double intervalIntendedRate, double achievedRate, double p99Ms, double errorRate, Memory memory,
                    String memoryVerdict, String latencyVerdict, String resourcesVerdict, int look) {
    }

    /**
     * The memory the display shows: the target's RSS, with the slope of the last look (of PSS when RSS was not
     * tested); for a target whose RSS no sample measures (one read from a Prometheus text without it), its heap
     * after GC instead.
     *
     * @param name  {@code RSS} or {@code heap after GC}
     * @param mb    the last sample's value; NaN before one
     * @param slope the last look's rate in MB/h; NaN before one
     */
    record Memory(String name, double mb, double slope) {
        static Memory of(dev.soak.checkpoint.ResourceSample last, java.util.Optional<AnalysisReport> look) {
            boolean heap = last != null && Double.isNaN(last.rssMb()) && !Double.isNaN(last.heapAfterGcMb());
            double slope = look.flatMap(a -> heap ? a.metric("heap_after_gc_mb") : a.metric("rss_mb").or(() -> a.metric("pss_mb")))
                .map(MetricVerdict::ratePerHour).orElse(Double.NaN);
            return new Memory(heap ? "heap after GC" : "RSS", last == null ? Double.NaN : heap ? last.heapAfterGcMb() : last.rssMb(),
                slope);
        }
    }

    private final PrintStream out;
    private final boolean terminal;
    private int drawnLines;

    ProgressView(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    boolean terminal() {
        return terminal;
    }

    void show(Snapshot s) {
        if (out == null) {
            return;
        }
        if (!terminal) {
            out.println(line(s));
            out.flush();
            return;
        }
        List<String> lines = block(s);
        StringBuilder b = new StringBuilder();
        if (drawnLines > 0) {
            b.append("\033[").append(drawnLines).append('F').append("\033[J");
        }
        for (String l : lines) {
            b.append(l).append('\n');
        }
        out.print(b);
        out.flush();
        drawnLines = lines.size();
    }

    /** Preload progress: redrawn on a terminal, a line per 10 % otherwise. */
    void preload(long done, long failed, long total, boolean last) {
        if (out == null || total <= 0) {
            return;
        }
        String text = String.format(Locale.ROOT, "preload %d/%d items (%.0f %%)%s", done, total, 100.0 * done / total,
            failed > 0 ? ", " + failed + " failed" : "");
        if (terminal) {
            out.print("\r" + text + (last ? "\n" : ""));
            out.flush();
        } else {
            long step = Math.max(1, total / 10);
            if (last || done / step != lastPreloadStep) {
                lastPreloadStep = done / step;
                out.println(text);
                out.flush();
            }
        }
    }

    private long lastPreloadStep = -1;

    /** Forgets the drawn block, so that the next message starts below it. */
    void release() {
        drawnLines = 0;
    }

    /** A plain message (events: checkpoints, aborts) printed above the block. */
    void message(String text) {
        if (out == null) {
            return;
        }
        if (terminal && drawnLines > 0) {
            out.print("\033[" + drawnLines + "F\033[J");
            drawnLines = 0;
        }
        out.println(text);
        out.flush();
    }

    static List<String> block(Snapshot s) {
        List<String> l = new ArrayList<>();
        l.add(String.format(Locale.ROOT, "soak \"%s\" %s: %s elapsed, %s left", s.scenario(), s.phase(), DurationText.clock(s.elapsedSec()),
            DurationText.clock(s.remainingSec())));
        l.add(String.format(Locale.ROOT, "  rate     %s ops/s intended, %s achieved%s", num(s.intervalIntendedRate(), 1),
            num(s.achievedRate(), 1), rateNow(s).map(r -> "; " + r + " intended now").orElse("")));
        l.add(String.format(Locale.ROOT, "  latency  p99 %s ms, errors %s %%", num(s.p99Ms(), 2), num(100 * s.errorRate(), 3)));
        l.add(String.format(Locale.ROOT, "  target   %s %s MB, slope %s MB/h", s.memory().name(), num(s.memory().mb(), 1),
            signed(s.memory().slope())));
        l.add(String.format(Locale.ROOT, "  verdicts memory %s, latency %s, resources %s%s", s.memoryVerdict(),
            s.latencyVerdict(), s.resourcesVerdict(),
            s.look() > 0 ? " (look " + s.look() + ")" : " (no look yet)"));
        return l;
    }

    static String line(Snapshot s) {
        return String.format(Locale.ROOT, "[%s] %s elapsed, %s left | rate %s/%s ops/s%s | p99 %s ms | errors %s %% | %s %s MB"
                + " (%s MB/h) | memory %s, latency %s, resources %s", s.phase(), DurationText.clock(s.elapsedSec()), DurationText.clock(s.remainingSec()),
            num(s.achievedRate(), 1), num(s.intervalIntendedRate(), 1), rateNow(s).map(r -> " (" + r + " now)").orElse(""),
            num(s.p99Ms(), 2), num(100 * s.errorRate(), 3), s.memory().name(), num(s.memory().mb(), 1), signed(s.memory().slope()),
            s.memoryVerdict(), s.latencyVerdict(), s.resourcesVerdict());
    }

    /**
     * The arrival pattern's rate now, formatted, when it is more than 5 % off the last interval's intended rate (a
     * burst, a ramp, a diurnal curve): the rates beside it are that interval's, achieved and intended, so a burst's
     * first seconds do not read as a driver falling behind. Empty otherwise.
     */
    static java.util.Optional<String> rateNow(Snapshot s) {
        double now = s.intendedRate();
        double last = s.intervalIntendedRate();
        if (!Double.isFinite(now) || Double.isFinite(last) && Math.abs(now - last) <= 0.05 * Math.max(now, last)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(num(now, 1));
    }

    /**
     * The line a live look prints: its number and time, the memory verdict that decides (the worst of RSS or PSS and
     * heap after GC) with its metric's name and rate, the p99's, the overall verdict and any resource forecast to
     * run out. The metric is named because the status line's slope is always the RSS's: "memory INCONCLUSIVE
     * (-0.3 MB/h)" beside "RSS 124.0 MB (+3.4 MB/h)" was the heap's.
     */
    static String checkpointLine(AnalysisReport a, double tSec) {
        MetricVerdict leak = a.leak();
        return String.format(Locale.ROOT, "checkpoint %d at %s: memory %s (%s %s MB/h), latency %s (%s %%/h), overall %s",
            a.lookNumber(), DurationText.clock(tSec), leak.verdict(), leak.metric(), signed(leak.ratePerHour()),
            a.drift().verdict(), RateText.of(a.drift().ratePerHour(), a.drift().rateUnit(), ProgressView::signed), a.verdict())
            + a.forecasts().stream().filter(ExhaustionForecast::exhausting)
                .map(f -> "; EXHAUSTION " + f.resource() + (f.reached() ? " at its limit"
                    : " in " + num(f.secondsToLimit() / 3600, 1) + " h"))
                .collect(java.util.stream.Collectors.joining());
    }

    static String num(double v, int decimals) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + decimals + "f", v) : "-";
    }

    static String signed(double v) {
        return !Double.isFinite(v) ? "-" : String.format(Locale.ROOT, Math.abs(v) >= 1e6 ? "%+.2e" : "%+.1f", v);
    }
}
