package dev.soak.stats;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * A finite mixture of location-scale Student t distributions with common degrees of freedom ν:
 * F(c) = Σ w<sub>i</sub>·T<sub>ν</sub>((c − μ<sub>i</sub>)/s<sub>i</sub>), the weights normalised to sum 1. The
 * marginal posterior of a regression coefficient when a variance parameter is integrated out on a grid
 * ({@link Ar1NoisePosterior}) has this form. Immutable; safe from any thread.
 */
public final class StudentTMixture {
    private final double[] weight;
    private final double[] centre;
    private final double[] scale;
    private final TDistribution[] t;

    /**
     * @param weight non-negative, not all zero (normalised here)
     * @param centre the components' locations
     * @param scale  the components' scales, positive
     * @param df     degrees of freedom ν &gt; 2 (so that {@link #sd} exists)
     */
    public StudentTMixture(double[] weight, double[] centre, double[] scale, double df) {
        this(weight, centre, scale, filled(weight.length, df));
    }

    /** As above, with each component's own degrees of freedom (each above 2). */
    public StudentTMixture(double[] weight, double[] centre, double[] scale, double[] df) {
        if (weight.length == 0 || weight.length != centre.length || weight.length != scale.length
                || weight.length != df.length) {
            throw new IllegalArgumentException("weights, centres and scales must be non-empty and of one length, not "
                    + weight.length + ", " + centre.length + " and " + scale.length);
        }
        double sum = 0;
        for (int i = 0; i < weight.length; i++) {
            if (!(df[i] > 2)) {
                throw new IllegalArgumentException("degrees of freedom " + df[i] + " must be above 2");
            }
            if (!(weight[i] >= 0) || !(scale[i] > 0) || !Double.isFinite(centre[i])) {
                throw new IllegalArgumentException("component " + i + ": weight " + weight[i] + " must be >= 0, scale "
                        + scale[i] + " > 0 and centre " + centre[i] + " finite");
            }
            sum += weight[i];
        }
        if (!(sum > 0)) {
            throw new IllegalArgumentException("the weights sum to " + sum + "; at least one must be positive");
        }
        this.weight = new double[weight.length];
        for (int i = 0; i < weight.length; i++) {
            this.weight[i] = weight[i] / sum;
        }
        this.centre = centre.clone();
        this.scale = scale.clone();
        this.t = new TDistribution[df.length];
        for (int i = 0; i < df.length; i++) {
            t[i] = i > 0 && df[i] == df[i - 1] ? t[i - 1] : new TDistribution(null, df[i]);
        }
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    /** F(c) = P(X ≤ c). */
    public double cdf(double c) {
        double s = 0;
        for (int i = 0; i < weight.length; i++) {
            s += weight[i] * t[i].cumulativeProbability((c - centre[i]) / scale[i]);
        }
        return s;
    }

    /** The mean Σ w<sub>i</sub>μ<sub>i</sub>. */
    public double mean() {
        double s = 0;
        for (int i = 0; i < weight.length; i++) {
            s += weight[i] * centre[i];
        }
        return s;
    }

    /** The standard deviation: each component's variance is ν/(ν − 2)·s<sub>i</sub>², plus the spread of the centres. */
    public double sd() {
        double m = mean();
        double v = 0;
        for (int i = 0; i < weight.length; i++) {
            double nu = t[i].getDegreesOfFreedom();
            double d = centre[i] - m;
            v += weight[i] * (scale[i] * scale[i] * nu / (nu - 2) + d * d);
        }
        return Math.sqrt(v);
    }

    /** The density F'(c). */
    public double density(double c) {
        double s = 0;
        for (int i = 0; i < weight.length; i++) {
            s += weight[i] * t[i].density((c - centre[i]) / scale[i]) / scale[i];
        }
        return s;
    }

    /**
     * The q-quantile, q ∈ (0, 1): Newton's method on {@link #cdf}, kept inside a bracket that holds every
     * component's quantile (the mixture's lies between them; a t quantile is monotone in ν, so each component's
     * lies between its quantiles at the mixture's smallest and largest ν, two quantile evaluations in all) and
     * falls back to bisection when a step leaves it, to 10⁻⁹ of the bracket's first width.
     */
    public double quantile(double q) {
        if (!(q > 0 && q < 1)) {
            throw new IllegalArgumentException("quantile " + q + " must lie in (0, 1)");
        }
        int fewest = 0;
        int most = 0;
        for (int i = 1; i < t.length; i++) {
            fewest = t[i].getDegreesOfFreedom() < t[fewest].getDegreesOfFreedom() ? i : fewest;
            most = t[i].getDegreesOfFreedom() > t[most].getDegreesOfFreedom() ? i : most;
        }
        double qa = t[fewest].inverseCumulativeProbability(q);
        double qb = most == fewest ? qa : t[most].inverseCumulativeProbability(q);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < weight.length; i++) {
            lo = Math.min(lo, centre[i] + Math.min(qa, qb) * scale[i]);
            hi = Math.max(hi, centre[i] + Math.max(qa, qb) * scale[i]);
        }
        double tol = 1e-9 * Math.max(hi - lo, 1e-12 * Math.max(1, Math.abs(hi)));
        double x = mean() + sd() * qa;
        if (!(x > lo && x < hi)) {
            x = 0.5 * (lo + hi);
        }
        for (int it = 0; it < 200 && hi - lo > tol; it++) {
            double f = cdf(x) - q;
            if (f < 0) {
                lo = x;
            } else {
                hi = x;
            }
            double step = f / density(x);
            double next = x - step;
            if (Math.abs(step) <= tol) {
                return next > lo && next < hi ? next : x;
            }
            x = next > lo && next < hi ? next : 0.5 * (lo + hi);
        }
        return x;
    }
}
