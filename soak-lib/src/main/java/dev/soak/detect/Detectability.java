package dev.soak.detect;

import dev.soak.stats.RunLength;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * What a run of a given length can find, said before it runs: how noisy the memory and the p99 may be for a growth at
 * the threshold to be found, and how long a run a given noise needs. It rests on the information limit T*
 * ({@link RunLength#requiredSpan}; Weatherhead et al. 1998, J. Geophys. Res. 103(D14):17149, eq. 2) and on the run
 * length at which Soak reaches its calibrated power, {@value #T_STAR_MULTIPLE}·T* (docs/calibration.md, "Against the
 * issue's figures": a 10 MB/h leak at 1.5·T* is found in 94.4–98.8 % of the plain cells' runs, a 2 %/h p99 drift in
 * 93.2–99.2 %). T* is taken as the calibration takes it: one-sided at α/k (Holm's level for the one gating metric that
 * trends, k = {@value #GATING_METRICS}: memory and p99; a JVM heap makes 3 and T* 3 % longer), power
 * {@value #LEAK_POWER} for a leak and {@value #DRIFT_POWER} for a drift. Noise is described as the calibration grid
 * describes it: the standard deviation of one-minute samples around the trend, an AR(1) with lag-1 autocorrelation φ
 * per minute, σ²<sub>LR</sub> = σ²·Δ·(1 + φ)/(1 − φ). Stateless.
 */
public final class Detectability {
    /** Soak reaches about its calibrated power once a run is this multiple of T* long. */
    public static final double T_STAR_MULTIPLE = 1.5;
    static final double LEAK_POWER = 0.95;
    static final double DRIFT_POWER = 0.90;
    static final int GATING_METRICS = 2;
    /** Noise that passes within about ten minutes, and noise that wanders for half an hour (−1/ln φ minutes). */
    static final double PASSING = 0.9;
    static final double WANDERING = 0.97;
    /** The noise sds of the table, as multiples of the memory threshold's growth in an hour. */
    private static final double[] TABLE_SD_PER_THRESHOLD = {0.5, 1, 2, 5};
    private static final double MINUTE_H = 1 / 60.0;
    /** The shortest run the calibration grid holds (docs/calibration.md; runs of 3 and 7 days: {@code --long}). */
    static final double CALIBRATED_HOURS = 2;
    private static final double LEVEL = AnalysisOptions.DEFAULT_ALPHA / GATING_METRICS;

    private Detectability() {
    }

    /**
     * The largest sd of one-minute samples around the trend, with autocorrelation {@code phi} per minute, under which
     * a growth of {@code ratePerHour} is found with {@code power} in {@code hoursOfData}.
     */
    public static double largestSd(double hoursOfData, double ratePerHour, double phi, double power) {
        double lr = RunLength.largestLongRunVariance(hoursOfData / T_STAR_MULTIPLE, 0, ratePerHour, LEVEL, power);
        return Math.sqrt(lr / RunLength.longRunVariancePerX(1, phi, MINUTE_H));
    }

    /** The hours of data in which a growth of {@code ratePerHour} is found with {@code power} under noise {@code sd}. */
    public static double hoursNeeded(double sd, double ratePerHour, double phi, double power) {
        return T_STAR_MULTIPLE * RunLength.requiredSpan(RunLength.longRunVariancePerX(sd * sd, phi, MINUTE_H), 0,
                ratePerHour, LEVEL, power);
    }

    /**
     * The plan's section: for {@code hoursOfData} of load after the warm-up ({@code dataSaid} says how they were
     * counted), the noise under which a leak at {@code leakMbPerHour} and a p99 drift at {@code driftPctPerHour} are
     * found, and the run length each noise needs for the leak. Lines end with a newline.
     */
    public static String text(double hoursOfData, String dataSaid, double leakMbPerHour, double driftPctPerHour) {
        StringBuilder b = new StringBuilder();
        line(b, "What the run can find (docs/calibration.md: a growth at the threshold is found in about %.0f %% of runs"
                + " for memory", 100 * LEAK_POWER);
        line(b, "and %.0f %% for p99 once the run is %s times the information limit T* of its noise; noise: the sd of"
                + " one-minute", 100 * DRIFT_POWER, num(T_STAR_MULTIPLE));
        line(b, "samples around the trend, passing within minutes (autocorrelation %s a minute) or wandering for half an"
                + " hour (%s))", num(PASSING), num(WANDERING));
        if (!(hoursOfData > 0)) {
            line(b, "  nothing: no load is left after the warm-up");
            return b.toString();
        }
        double drift = Math.log1p(driftPctPerHour / 100);
        if (hoursOfData < CALIBRATED_HOURS) {
            line(b, "  %s of load%s is shorter than the runs calibrated (%s h to 7 days):", DurationText.of(hoursOfData
                    * 3600), dataSaid, num(CALIBRATED_HOURS));
            line(b, "  enough to show gross faults and the pipeline working, not to find a growth at the threshold");
            return b.toString();
        }
        line(b, "  in %s of load%s:", DurationText.of(hoursOfData * 3600), dataSaid);
        line(b, "    a %s MB/h leak while the memory's noise is below %s MB (passing) or %s MB (wandering)",
                num(leakMbPerHour), num(largestSd(hoursOfData, leakMbPerHour, PASSING, LEAK_POWER)),
                num(largestSd(hoursOfData, leakMbPerHour, WANDERING, LEAK_POWER)));
        line(b, "    a %s %%/h p99 drift while p99 scatters around its trend by less than %s %% (passing) or %s %%"
                        + " (wandering)", num(driftPctPerHour),
                num(100 * Math.expm1(largestSd(hoursOfData, drift, PASSING, DRIFT_POWER))),
                num(100 * Math.expm1(largestSd(hoursOfData, drift, WANDERING, DRIFT_POWER))));
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "  run length a %s MB/h leak needs, by noise sd:",
                num(leakMbPerHour)));
        StringBuilder passing = new StringBuilder(String.format(Locale.ROOT, "%-" + head.length() + "s", "    passing"));
        StringBuilder wandering = new StringBuilder(String.format(Locale.ROOT, "%-" + head.length() + "s", "    wandering"));
        for (double k : TABLE_SD_PER_THRESHOLD) {
            double sd = k * leakMbPerHour;
            head.append(String.format(Locale.ROOT, " %9s", num(sd) + " MB"));
            passing.append(String.format(Locale.ROOT, " %9s", DurationText.of(3600 * hoursNeeded(sd, leakMbPerHour,
                    PASSING, LEAK_POWER))));
            wandering.append(String.format(Locale.ROOT, " %9s", DurationText.of(3600 * hoursNeeded(sd, leakMbPerHour,
                    WANDERING, LEAK_POWER))));
        }
        line(b, "%s", head);
        line(b, "%s", passing);
        line(b, "%s", wandering);
        line(b, "  a first, shorter run measures the noise: its INCONCLUSIVE verdicts say how much longer a decision"
                + " needs");
        return b.toString();
    }

    /** Two significant digits, no trailing zeros, no exponent: 91, 4.2, 10, 0.9, 1200. */
    static String num(double v) {
        return new BigDecimal(v).round(new MathContext(2)).stripTrailingZeros().toPlainString();
    }

    private static void line(StringBuilder b, String format, Object... args) {
        b.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
