package dev.soak.junit;

import dev.soak.SoakResult;
import dev.soak.detect.DurationText;
import dev.soak.detect.MetricVerdict;
import dev.soak.detect.RateText;
import dev.soak.detect.Verdict;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;
import java.util.Objects;
import org.assertj.core.api.AbstractAssert;

/**
 * AssertJ assertions on a {@link SoakResult} that read like its verdicts. Obtain one with
 * {@link SoakAssertions#assertThat(SoakResult)}.
 *
 * <p>"No leak" and "no drift" mean a PASS verdict: the upper confidence bound of the rate is below
 * the threshold. An INCONCLUSIVE verdict (the run was too short or too noisy to decide) fails them
 * too, with the estimated extra run time; use {@link #doesNotFail()} to accept it. Example message:
 * <pre>
 * Expected no memory leak, but the memory-leak verdict is FAIL:
 *   heap_after_gc_mb grows +7,212.4 MB/h (90% CI +6,950.1 .. +7,480.9 MB/h); threshold 100 MB/h; p &lt; 0.0001
 *   heap_after_gc_mb grows significantly faster than the threshold ...
 * Report: /tmp/soak-leaky-cache-81723/report.txt
 * </pre>
 *
 * <p>Not thread-safe (as AssertJ's assertions); use from the test's thread.
 */
public final class SoakResultAssert extends AbstractAssert<SoakResultAssert, SoakResult> {

    SoakResultAssert(SoakResult actual) {
        super(actual, SoakResultAssert.class);
    }

    /** The overall verdict is PASS: no gating metric fails or is undecided, and the run was not aborted. */
    public SoakResultAssert passes() {
        isNotNull();
        if (actual.verdict() != Verdict.PASS) {
            failWithMessage("%s", overall("Expected the soak run to pass"));
        }
        return this;
    }

    /** The overall verdict is not FAIL (PASS or INCONCLUSIVE) and the run was not aborted. */
    public SoakResultAssert doesNotFail() {
        isNotNull();
        if (actual.verdict() == Verdict.FAIL) {
            failWithMessage("%s", overall("Expected the soak run not to fail"));
        }
        return this;
    }

    /** The overall verdict is {@code expected}. */
    public SoakResultAssert hasVerdict(Verdict expected) {
        isNotNull();
        Objects.requireNonNull(expected, "expected");
        if (actual.verdict() != expected) {
            failWithMessage("%s", overall("Expected the overall verdict " + expected));
        }
        return this;
    }

    /** The memory-leak verdict is PASS: memory grows, with confidence, slower than the threshold. */
    public SoakResultAssert hasNoMemoryLeak() {
        isNotNull();
        return expect(actual.leak(), Verdict.PASS, "Expected no memory leak", "memory-leak");
    }

    /** The memory-leak verdict is FAIL: memory grows significantly, faster than the threshold. */
    public SoakResultAssert hasMemoryLeak() {
        isNotNull();
        return expect(actual.leak(), Verdict.FAIL, "Expected a memory leak", "memory-leak");
    }

    /** The p99 latency-drift verdict is PASS. */
    public SoakResultAssert hasNoLatencyDrift() {
        isNotNull();
        return expect(actual.drift(), Verdict.PASS, "Expected no latency drift", "latency-drift");
    }

    /** The p99 latency-drift verdict is FAIL. */
    public SoakResultAssert hasLatencyDrift() {
        isNotNull();
        return expect(actual.drift(), Verdict.FAIL, "Expected a latency drift", "latency-drift");
    }

    private SoakResultAssert expect(MetricVerdict v, Verdict wanted, String expectation, String what) {
        if (v.verdict() != wanted) {
            failWithMessage("%s", expectation + ", but the " + what + " verdict is " + v.verdict()
                    + (v.verdict() == Verdict.INCONCLUSIVE ? " (not decided)" : "") + ":\n" + lines(v) + report());
        }
        return this;
    }

    private String overall(String expectation) {
        StringBuilder b = new StringBuilder(expectation).append(", but the overall verdict is ").append(actual.verdict())
                .append(':').append('\n');
        actual.abortReason().ifPresent(r -> b.append("  the run was aborted: ").append(r).append('\n'));
        for (MetricVerdict m : actual.analysis().metrics()) {
            if (m.gating()) {
                b.append(lines(m));
            }
        }
        return b.append(report()).toString();
    }

    private String report() {
        return "Report: " + actual.reportFile().toAbsolutePath();
    }

    /** Two lines: the verdict with estimate, interval, threshold and p-value; the explanation (and extra run time). */
    static String lines(MetricVerdict v) {
        StringBuilder b = new StringBuilder("  ");
        if (Double.isFinite(v.ratePerHour())) {
            b.append(String.format(Locale.ROOT, "%s: %s %s %s %s (%s CI %s .. %s %s); threshold %s %s; p %s",
                    v.verdict(), v.metric(), v.ratePerHour() >= 0 ? "grows" : "changes", rate(v, v.ratePerHour()),
                    v.rateUnit(), Double.isFinite(v.confidence()) ? Math.round(v.confidence() * 100) + "%" : "",
                    rate(v, v.ciLowPerHour()), rate(v, v.ciHighPerHour()), v.rateUnit(), num(v.thresholdPerHour()),
                    v.rateUnit(), p(v.adjustedPValue())));
        } else {
            b.append(v.verdict()).append(": ").append(v.metric()).append(" (no estimate)");
        }
        b.append('\n');
        if (!v.explanation().isEmpty()) {
            b.append("  ").append(v.explanation()).append('\n');
        }
        if (v.verdict() == Verdict.INCONCLUSIVE && Double.isFinite(v.extraRunSec()) && v.extraRunSec() > 0) {
            b.append(String.format(Locale.ROOT, "  about %s more run time would decide it (or a larger threshold)%n",
                    DurationText.of(v.extraRunSec())));
        }
        return b.toString();
    }

    /** A rate of {@code v} in its unit, signed, or its bound when beyond a tenfold change per hour. */
    private static String rate(MetricVerdict v, double x) {
        return RateText.of(x, v.rateUnit(), SoakResultAssert::signed);
    }

    private static String signed(double v) {
        if (!Double.isFinite(v)) {
            return "n/a";
        }
        // a log-latency slope of a short run, compounded over an hour, can be astronomically large
        return Math.abs(v) < 1e6 ? String.format(Locale.ROOT, "%+,.1f", v) : String.format(Locale.ROOT, "%+.2e", v);
    }

    private static String num(double v) {
        return Double.isFinite(v) ? new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toPlainString() : "n/a";
    }

    private static String p(double p) {
        if (!Double.isFinite(p)) {
            return "n/a";
        }
        return p < 1e-4 ? "< 0.0001" : String.format(Locale.ROOT, "= %.4f", p);
    }
}
