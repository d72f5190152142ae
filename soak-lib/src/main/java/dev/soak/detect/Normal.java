package dev.soak.detect;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;

/** Standard normal and Student t helpers (Commons Math). Stateless, thread-safe. */
final class Normal {
    private static final NormalDistribution N = new NormalDistribution(null, 0, 1);

    private Normal() {
    }

    static double cdf(double z) {
        return N.cumulativeProbability(z);
    }

    static double quantile(double p) {
        return N.inverseCumulativeProbability(p);
    }

    /** Upper tail P(T_df &gt; x); normal when df &gt; 1000. */
    static double tUpper(double x, double df) {
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        if (df > 1000) {
            return 1 - cdf(x);
        }
        return 1 - new TDistribution(null, Math.max(1, df)).cumulativeProbability(x);
    }

    /** The quantile t_{df}(p); normal when df &gt; 1000. */
    static double tQuantile(double p, double df) {
        if (df > 1000) {
            return quantile(p);
        }
        return new TDistribution(null, Math.max(1, df)).inverseCumulativeProbability(p);
    }
}
