package dev.soak.detect;

import java.util.Locale;
import java.util.OptionalDouble;

/**
 * Time until a resource reaches its limit at the current growth rate — Prometheus'
 * {@code predict_linear} made robust and given an interval: the rate is the Theil–Sen slope of the
 * same pipeline as the leak test (warm-up and level shifts removed), its one-sided (1 − α) bounds
 * give the earliest and latest plausible times, and the current value is the fitted value at the
 * end of the series. The forecast is <em>exhausting</em> — and fails the run — when the resource is
 * already at its limit, or when its growth is significant and even the latest plausible time to the
 * limit lies within the horizon ({@code [soak.thresholds] exhaustion_horizon_hours}, default 24 h):
 * a one-sided test at level α of H₀: rate ≤ (limit − current) / horizon. A hard limit that any sample reached
 * is exhausted too ({@link #withPeaks}). Stateless and thread-safe.
 */
public final class ExhaustionForecaster {
    private ExhaustionForecaster() {
    }

    /**
     * Forecasts one resource.
     *
     * @param resource     name ({@code open_fds}, {@code threads}, {@code rss_mb})
     * @param tSec         sample times, ascending
     * @param values       the resource (NaN skipped)
     * @param limit        the limit in the same unit
     * @param limitSource  where the limit came from, for the explanation
     * @param warmupSec    fixed warm-up, or empty for automatic
     * @param alpha        one-sided level of the rate bounds
     * @param horizonSec   a limit reached within this many seconds (at the lower rate bound) is exhaustion
     */
    public static ExhaustionForecast forecast(String resource, double[] tSec, double[] values, double limit,
                                              String limitSource, OptionalDouble warmupSec, double alpha,
                                              double horizonSec) {
        double[][] f = Analysis.finite(tSec, values, false);
        double inf = Double.POSITIVE_INFINITY;
        TrendPipeline.Estimate e = TrendPipeline.estimate(f[0], f[1], false, warmupSec, new double[0], new double[0]);
        if (e.isFlat()) {
            return flat(resource, e.fittedLast(), e.steps().size(), limit, limitSource, horizonSec);
        }
        if (!e.ok()) {
            double cur = f[1].length > 0 ? f[1][f[1].length - 1] : Double.NaN;
            return new ExhaustionForecast(resource, limit, limitSource, cur, Double.NaN, Double.NaN, Double.NaN,
                    false, inf, inf, inf, horizonSec, false, resource + ": too few samples to forecast.");
        }
        double[] interval = e.interval(alpha);
        double rate = e.slope(), lo = interval[0], hi = interval[1];
        double cur = e.fittedLast();
        double room = limit - cur;
        boolean approaching = lo > 0;
        double t = room <= 0 ? 0 : rate > 0 ? room / rate * 3600 : inf;
        double early = room <= 0 ? 0 : hi > 0 ? room / hi * 3600 : inf;
        double late = room <= 0 ? 0 : lo > 0 ? room / lo * 3600 : inf;
        boolean exhausting = room <= 0 || approaching && late <= horizonSec;
        String why;
        if (room <= 0) {
            why = atLimit(resource, cur, limit, limitSource);
        } else if (approaching) {
            why = String.format(Locale.ROOT, "%s grows %s/h and reaches its limit %s (%s) in about %s (between %s and %s)%s.",
                    resource, Decision.fmt(rate), Decision.fmt(limit), limitSource, DurationText.of(t),
                    DurationText.of(early), DurationText.of(late),
                    exhausting ? ", within the " + DurationText.of(horizonSec) + " horizon: exhaustion"
                            : ", beyond the " + DurationText.of(horizonSec) + " horizon");
        } else {
            why = String.format(Locale.ROOT, "%s is not approaching its limit %s (%s): growth %s/h is not significant.",
                    resource, Decision.fmt(limit), limitSource, Decision.fmt(rate));
        }
        return new ExhaustionForecast(resource, limit, limitSource, cur, rate, lo, hi, approaching,
                approaching ? t : inf, early, late, horizonSec, exhausting, why);
    }

    /**
     * {@code f} for a resource whose samples reached its limit at least once: exhausting, its time to the limit 0
     * (already reached), whatever its level's trend. Meant for a hard limit, where a sample at the limit is a
     * failure the target met (a file descriptor at {@code max_open_files} is an {@code accept} or {@code open} that
     * failed with EMFILE; a thread at the limit, a thread that could not start): a level read from 10-minute
     * medians, as the trend is, keeps short peaks out, so a pool of 100 fds that bursts to the limit in one sample
     * in twenty stayed "at 100 throughout". {@code f} itself when no sample reached the limit.
     *
     * @param tSec   sample times, ascending, as given to {@link #forecast}
     * @param values the resource (NaN skipped)
     */
    public static ExhaustionForecast withPeaks(ExhaustionForecast f, double[] tSec, double[] values) {
        int at = 0;
        int measured = 0;
        double first = Double.NaN;
        double peak = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < values.length; i++) {
            if (Double.isNaN(values[i])) {
                continue;
            }
            measured++;
            peak = Math.max(peak, values[i]);
            if (values[i] >= f.limit()) {
                at++;
                if (Double.isNaN(first)) {
                    first = tSec[i];
                }
            }
        }
        if (at == 0 || f.current() >= f.limit()) {
            return f;
        }
        String why = String.format(Locale.ROOT, "%s reached its limit %s (%s) in %d of %d samples (up to %s, the first"
                        + " at %s): exhausted at its peaks, though its level is %s (%s/h).", f.resource(),
                Decision.fmt(f.limit()), f.limitSource(), at, measured, Decision.fmt(peak), DurationText.of(first),
                Decision.fmt(f.current()), Decision.fmt(f.ratePerHour()));
        return new ExhaustionForecast(f.resource(), f.limit(), f.limitSource(), f.current(), f.ratePerHour(),
                f.rateLowPerHour(), f.rateHighPerHour(), f.approaching(), 0, 0, 0, f.horizonSec(), true, why);
    }

    /**
     * The forecast of a resource that held one value over the whole run (a fixed pool of connections or
     * threads, the usual case for fds and threads), or held each of a few levels in turn ({@code steps} &gt; 0; both
     * {@link TrendPipeline.Estimate#isFlat}): it grows at exactly 0/h, with no interval to speak
     * of, and is exhausting only when its last value is at or past the limit.
     */
    private static ExhaustionForecast flat(String resource, double value, int steps, double limit,
                                           String limitSource, double horizonSec) {
        double inf = Double.POSITIVE_INFINITY;
        boolean full = value >= limit;
        String held = steps == 0 ? "it stayed at " + Decision.fmt(value) + " throughout"
                : String.format(Locale.ROOT, "it changed only in %d level shift%s, to %s at the end", steps,
                        steps == 1 ? "" : "s", Decision.fmt(value));
        String why = full ? atLimit(resource, value, limit, limitSource)
                : String.format(Locale.ROOT, "%s is not approaching its limit %s (%s): %s.",
                        resource, Decision.fmt(limit), limitSource, held);
        double t = full ? 0 : inf;
        return new ExhaustionForecast(resource, limit, limitSource, value, 0, 0, 0, false, t, t, t, horizonSec, full,
                why);
    }

    private static String atLimit(String resource, double current, double limit, String limitSource) {
        return String.format(Locale.ROOT, "%s is at %s, already at or past its limit %s (%s).", resource,
                Decision.fmt(current), Decision.fmt(limit), limitSource);
    }
}
