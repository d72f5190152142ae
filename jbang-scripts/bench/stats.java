///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS dev.soak:soak-lib:0.1.0-SNAPSHOT
//DEPS info.picocli:picocli:4.7.7

import dev.soak.stats.Autocorrelation;
import dev.soak.stats.ChangePoints;
import dev.soak.stats.LeastSquares;
import dev.soak.stats.MannKendall;
import dev.soak.stats.TheilSen;
import dev.soak.stats.WarmupEnd;
import dev.soak.stats.Windows;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Micro benchmark of the dev.soak.stats building blocks on one series per size (trend + AR(1)
 * noise, x = 0, 1, …). Prints the best of --reps runs, wall and thread CPU time, and
 * time / (n log₂ n) normalised to the smallest size, which stays about flat for O(n log n) code.
 *
 * <p>How to run: {@code ./jbang jbang-scripts/bench/stats.java --sizes 3600,86400,604800}.
 * What you will see: one line per (method, size); Theil–Sen (one order statistic) and
 * Mann–Kendall grow as n log n; least squares, Newey–West, change points and the envelope as n.
 */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Time the dev.soak.stats methods on synthetic series of several lengths.")
public class stats implements Callable<Integer> {

    @Option(names = "--sizes", split = ",", defaultValue = "3600,86400,604800",
            description = "Series lengths to time, comma-separated (default: ${DEFAULT-VALUE}).")
    List<Integer> sizes;

    @Option(names = "--reps", defaultValue = "3", description = "Runs per measurement; the best is kept (default: ${DEFAULT-VALUE}).")
    int reps;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed of the synthetic series (default: ${DEFAULT-VALUE}).")
    long seed;

    public static void main(String[] args) {
        System.exit(new CommandLine(new stats()).execute(args));
    }

    @Override
    public Integer call() {
        if (reps < 1 || sizes.stream().anyMatch(n -> n < 10)) {
            System.err.println("[bench] --reps must be >= 1 and every --sizes entry >= 10; got reps = " + reps + ", sizes = " + sizes);
            return 2;
        }
        System.out.println("method                      n   wall_ms    cpu_ms  cpu/(n log n) vs first size");
        String[] names = {"TheilSen.slope", "TheilSen.confidenceBounds", "MannKendall.test", "MannKendall.hamedRao",
            "LeastSquares.fit+NeweyWest", "WarmupEnd.detect", "ChangePoints.levelShifts", "Windows.MIN"};
        double[] firstNorm = new double[names.length];
        for (int s = 0; s < sizes.size(); s++) {
            int n = sizes.get(s);
            double[][] d = series(n, seed);
            double[] x = d[0];
            double[] y = d[1];
            double slope = TheilSen.slope(x, y);
            double var = MannKendall.variance(x, y);
            int lag = Autocorrelation.defaultMaxLag(n);
            double span = x[n - 1] - x[0];
            double[] ones = new double[n];
            java.util.Arrays.fill(ones, 1.0);
            List<Supplier<Object>> work = List.of(
                    () -> TheilSen.slope(x, y),
                    () -> TheilSen.confidenceBounds(x, y, 0.9, var),
                    () -> MannKendall.test(x, y),
                    () -> MannKendall.hamedRaoFactor(x, y, slope, lag, 0.05),
                    () -> LeastSquares.fit(x, y).neweyWestStandardError(1),
                    () -> WarmupEnd.detect(x, y, new double[0][], span / 1000, span / 3, 2.5, 0.5),
                    () -> ChangePoints.levelShifts(new double[][] {ones, x}, y, 3, Math.max(3, n / 20), 3.5),
                    () -> Windows.summarise(x, y, x[0], 600, Windows.Statistic.MIN));
            for (int k = 0; k < names.length; k++) {
                double[] t = time(work.get(k), reps);
                double norm = t[1] / (n * Math.log(n) / Math.log(2));
                if (s == 0) {
                    firstNorm[k] = norm;
                }
                System.out.println(String.format(Locale.ROOT, "%-26s %7d %9.1f %9.1f %8.2f",
                        names[k], n, t[0], t[1], norm / firstNorm[k]));
            }
        }
        return 0;
    }

    private static double[] time(Supplier<Object> w, int reps) {
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        double bestWall = Double.MAX_VALUE;
        double bestCpu = Double.MAX_VALUE;
        for (int r = 0; r < reps; r++) {
            long c0 = bean.getCurrentThreadCpuTime();
            long w0 = System.nanoTime();
            w.get();
            bestWall = Math.min(bestWall, (System.nanoTime() - w0) / 1e6);
            bestCpu = Math.min(bestCpu, (bean.getCurrentThreadCpuTime() - c0) / 1e6);
        }
        return new double[] {bestWall, bestCpu};
    }

    /** Level 500, slope 2e-5 per x, AR(1) noise with φ = 0.9 and unit innovations. */
    private static double[][] series(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n];
        double[] y = new double[n];
        double e = 0;
        for (int i = 0; i < n; i++) {
            x[i] = i;
            e = 0.9 * e + r.nextGaussian();
            y[i] = 500 + 2e-5 * i + e;
        }
        return new double[][] {x, y};
    }
}
