package dev.soak.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Jumps of a series: steps from one value to the next far larger than its noise moves it, to a level that holds.
 *
 * <p>A difference d<sub>i</sub> = x<sub>i</sub> − x<sub>i−1</sub> is a jump when |d<sub>i</sub> − median(d)| &gt; k·S,
 * S = 1.4826·median|d − median(d)| the robust standard deviation of all the differences (Hampel, F. R. (1974), "The
 * influence curve and its role in robust estimation", JASA 69(346):383–393): the differences of a noisy series are its
 * noise's increments, a few jumps among thousands leave S where the noise puts it, and a jump of a trend's worth per
 * step cannot hide in it (the test of Lee, S. S. &amp; Mykland, P. A. (2008), "Jumps in financial markets: a new
 * nonparametric test and jump dynamics", Rev. Financ. Stud. 21(6):2535–2563, with one global scale instead of a local
 * one). Under Gaussian increments one difference exceeds 6·S below with probability 10⁻⁹. The level must hold too:
 * L<sub>i</sub>, the median of the h values from x<sub>i</sub> on less that of the h values before it, must lie beyond
 * k·S<sub>L</sub> from median(L) the same way, S<sub>L</sub> the robust standard deviation of all the L (about 1.4·S in
 * noise persistent from one value to the next, which moves the level of a few values further than one step), so that a
 * spike, one value off and back, is neither a rise nor a fall, nor is a spike beside a swing of the noise; a rise and a
 * fall (or a fall and a rise) fewer than h values apart are a spike of a few values, and neither counts either. Consecutive
 * differences beyond the bar in the same direction are one jump, at the first of them (a fall spread over two samples);
 * a jump spread thinner than that, each step within the noise, is not one; nor is one within h values of either end,
 * where a level has too few values to hold. The medians of d and L take out a trend's steady step. When S (or
 * S<sub>L</sub>) is 0, a series with no noise between its jumps (a pool of threads that grows by one a minute and is
 * trimmed every hour), any departure beyond rounding (10⁻⁹ of the largest magnitude) is one. O(n·h log h) expected
 * Stateless; safe from any thread.
 */
public final class Jumps {
    private static final double MAD_TO_SD = 1.4826;
    /** With no noise, departures within this share of the values' largest magnitude are rounding. */
    private static final double ROUNDING = 1e-9;

    private Jumps() {
    }

    /**
     * The jumps of a series.
     *
     * @param rises  indices i of the values each rise jumped to (x<sub>i</sub> − x<sub>i−1</sub> &gt; k·S)
     * @param falls  indices i of the values each fall jumped to (x<sub>i</sub> − x<sub>i−1</sub> &lt; −k·S)
     * @param scale  S, the differences' robust standard deviation
     */
    public record Result(int[] rises, int[] falls, double scale) {
    }

    /**
     * Jumps of {@code x} beyond {@code k} robust standard deviations of its differences, to a level that holds for
     * {@code h} values.
     *
     * @param x finite values in order
     * @param k the bar in robust sds (&gt; 0)
     * @param h values either side whose medians must differ by the bar too, in their own robust sds (≥ 1)
     */
    public static Result find(double[] x, double k, int h) {
        if (!(k > 0) || h < 1) {
            throw new IllegalArgumentException("k = " + k + " must be > 0 and h = " + h + " >= 1");
        }
        int n = x.length;
        if (n < 3) {
            return new Result(new int[0], new int[0], Double.NaN);
        }
        double[] d = new double[n - 1];
        for (int i = 1; i < n; i++) {
            d[i - 1] = x[i] - x[i - 1];
        }
        double typical = QuickSelect.median(d.clone());
        double scale = MAD_TO_SD * madAbout(d, typical);
        double[] level = levelChanges(x, h);
        double[] inner = Arrays.copyOfRange(level, h - 1, Math.max(h - 1, n - h));
        double typicalLevel = inner.length == 0 ? 0 : QuickSelect.median(inner.clone());
        double levelScale = inner.length == 0 ? 0 : MAD_TO_SD * madAbout(inner, typicalLevel);
        // with no noise (S = 0: all but a few differences equal), any departure beyond rounding is a jump
        double rounding = ROUNDING * Series.maxAbs(x);
        double bar = scale > 0 ? k * scale : rounding;
        double levelBar = levelScale > 0 ? k * levelScale : rounding;
        // the jumps in order, signed: +i a rise to x[i], −i a fall
        List<Integer> jumps = new ArrayList<>();
        int previous = 0;
        for (int i = 1; i < n; i++) {
            // a level needs h values either side: none nearer the ends than that
            double z = i < h || i > n - h ? 0 : d[i - 1] - typical;
            int sign = z > bar ? 1 : z < -bar ? -1 : 0;
            if (sign != 0 && sign != previous && sign * (level[i - 1] - typicalLevel) > levelBar) {
                jumps.add(sign * i);
            }
            previous = sign;
        }
        List<Integer> rises = new ArrayList<>();
        List<Integer> falls = new ArrayList<>();
        for (int j = 0; j < jumps.size(); j++) {
            int at = jumps.get(j);
            // a jump with one the other way within h values is a spike of fewer than h values, off and back
            boolean spike = j > 0 && Integer.signum(jumps.get(j - 1)) != Integer.signum(at)
                    && Math.abs(at) - Math.abs(jumps.get(j - 1)) < h
                    || j + 1 < jumps.size() && Integer.signum(jumps.get(j + 1)) != Integer.signum(at)
                    && Math.abs(jumps.get(j + 1)) - Math.abs(at) < h;
            if (!spike) {
                (at > 0 ? rises : falls).add(Math.abs(at));
            }
        }
        return new Result(rises.stream().mapToInt(Integer::intValue).toArray(),
                falls.stream().mapToInt(Integer::intValue).toArray(), scale);
    }

    /** median|a − centre|, in O(n). */
    private static double madAbout(double[] a, double centre) {
        double[] dev = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            dev[i] = Math.abs(a[i] - centre);
        }
        return QuickSelect.median(dev);
    }

    /**
     * L<sub>i</sub> at index i − 1 for i = h … n − h: the median of the h values from i on less that of the h before
     * (0 nearer the ends).
     */
    private static double[] levelChanges(double[] x, int h) {
        int n = x.length;
        // the median of the h values from each j on, once
        double[] med = new double[Math.max(0, n - h + 1)];
        double[] buf = new double[h];
        for (int j = 0; j < med.length; j++) {
            if (h == 3) {
                double a = x[j];
                double b = x[j + 1];
                double c = x[j + 2];
                med[j] = Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
            } else {
                System.arraycopy(x, j, buf, 0, h);
                Arrays.sort(buf);
                med[j] = h % 2 == 1 ? buf[h / 2] : (buf[h / 2 - 1] + buf[h / 2]) / 2;
            }
        }
        double[] out = new double[n - 1];
        for (int i = h; i <= n - h; i++) {
            out[i - 1] = med[i] - med[i - h];
        }
        return out;
    }
}
