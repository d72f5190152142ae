package dev.soak.stats;

import java.util.Arrays;

/**
 * Holm's step-down adjustment of m p-values for family-wise error control.
 *
 * <p>Sort p<sub>(1)</sub> ≤ … ≤ p<sub>(m)</sub>; the adjusted values are
 * p̃<sub>(i)</sub> = min(1, max<sub>k≤i</sub> (m − k + 1)·p<sub>(k)</sub>), and hypothesis (i) is
 * rejected at family-wise level α iff p̃<sub>(i)</sub> ≤ α. Holm, S. (1979), "A simple
 * sequentially rejective multiple test procedure", Scand. J. Statist. 6(2):65–70. Valid under any
 * dependence between the tests. Matches statsmodels' {@code multipletests(method='holm')}.
 *
 * <p>NaN p-values (a test that could not run) stay NaN and do not count towards m. Values outside
 * [0, 1] throw {@link IllegalArgumentException}. O(m log m).
 *
 * <p>Stateless; safe from any thread.
 */
public final class Holm {
    private Holm() {
    }

    /** Holm-adjusted p-values, in the input order. */
    public static double[] adjust(double[] pValues) {
        int n = pValues.length;
        for (int i = 0; i < n; i++) {
            double p = pValues[i];
            if (!Double.isNaN(p) && !(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("pValues[" + i + "] = " + p + " must lie in [0, 1] or be NaN");
            }
        }
        Integer[] order = new Integer[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (!Double.isNaN(pValues[i])) {
                order[m++] = i;
            }
        }
        Integer[] idx = Arrays.copyOf(order, m);
        Arrays.sort(idx, (a, b) -> Double.compare(pValues[a], pValues[b]));
        double[] out = new double[n];
        Arrays.fill(out, Double.NaN);
        double running = 0;
        for (int k = 0; k < m; k++) {
            running = Math.max(running, Math.min(1, (m - k) * pValues[idx[k]]));
            out[idx[k]] = running;
        }
        return out;
    }

    /** Which hypotheses Holm rejects at family-wise level alpha (NaN p-values are never rejected). */
    public static boolean[] reject(double[] pValues, double alpha) {
        Checks.probability("alpha", alpha);
        double[] adj = adjust(pValues);
        boolean[] r = new boolean[adj.length];
        for (int i = 0; i < adj.length; i++) {
            r[i] = adj[i] <= alpha;
        }
        return r;
    }
}
