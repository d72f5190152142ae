package dev.soak.stats;

/**
 * Isolated outliers replaced by a local level, so that a likelihood fitted to the rest is not
 * dominated by a few transient values.
 *
 * <p>The Hampel filter (Hampel, F. R. (1974), "The influence curve and its role in robust
 * estimation", JASA 69(346):383–393; as a filter: Pearson, R. K. et al. (2016), "Generalized Hampel
 * filters", EURASIP J. Adv. Signal Process. 2016:87): each value is compared with the median m<sub>i</sub>
 * of the 2h + 1 values centred on it (fewer at the ends), and replaced by m<sub>i</sub> when
 * |x<sub>i</sub> − m<sub>i</sub>| &gt; k·S, S = 1.4826·median|x − m| over the whole series (one scale for the
 * series rather than a local one, so a run of quiet values does not make every small wiggle an outlier;
 * when S is 0, as for a series that is mostly constant, nothing is replaced).
 * A level shift is followed within h values, since the running median switches with the majority.
 * O(n·h log h). Stateless; safe from any thread.
 */
public final class Despike {
    private static final double MAD_TO_SD = 1.4826;

    private Despike() {
    }

    /**
     * A copy of {@code x} with its spikes replaced by the running median.
     *
     * @param x          the values
     * @param halfWindow h ≥ 1
     * @param k          robust standard deviations beyond which a value is a spike (&gt; 0)
     */
    public static double[] hampel(double[] x, int halfWindow, double k) {
        if (halfWindow < 1 || !(k > 0)) {
            throw new IllegalArgumentException("halfWindow = " + halfWindow + " must be >= 1 and k = " + k + " > 0");
        }
        int n = x.length;
        double[] med = new double[n];
        double[] win = new double[2 * halfWindow + 1];
        for (int i = 0; i < n; i++) {
            int lo = Math.max(0, i - halfWindow);
            int hi = Math.min(n - 1, i + halfWindow);
            int w = hi - lo + 1;
            System.arraycopy(x, lo, win, 0, w);
            med[i] = Series.median(java.util.Arrays.copyOf(win, w));
        }
        double[] dev = new double[n];
        for (int i = 0; i < n; i++) {
            dev[i] = Math.abs(x[i] - med[i]);
        }
        double bar = k * MAD_TO_SD * Series.median(dev);
        double[] out = x.clone();
        for (int i = 0; i < n && bar > 0; i++) {
            if (dev[i] > bar) {
                out[i] = med[i];
            }
        }
        return out;
    }
}
