package dev.soak.detect.sim;

import org.apache.commons.math3.distribution.NormalDistribution;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Generates a {@link SimRun} from a {@link SimSpec}, deterministically from a seed. Stateless and
 * thread-safe (each call uses its own random generator).
 */
public final class SeriesGenerator {
    private static final double DAY_SEC = 86_400;
    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);
    /** z₀.₉₉. */
    private static final double Z99 = STANDARD_NORMAL.inverseCumulativeProbability(0.99);

    private SeriesGenerator() {
    }

    /** One run of {@code spec} from {@code seed}; the same seed gives the same run. */
    public static SimRun generate(SimSpec spec, long seed) {
        return generate(spec, seed, spec.durationSec());
    }

    /**
     * The same run continued to {@code horizonSec} (at least the spec's duration): its first samples are
     * those of {@link #generate(SimSpec, long)}, because every random draw depends only on the samples
     * before it and the level step's time is drawn over the spec's duration. This is the run a user who
     * is told "run longer" would have seen.
     */
    public static SimRun generate(SimSpec spec, long seed, double horizonSec) {
        if (!(horizonSec >= spec.durationSec())) {
            throw new IllegalArgumentException("horizonSec = " + horizonSec + " must be at least the spec's duration "
                    + spec.durationSec() + " s");
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = (int) Math.floor(horizonSec / spec.sampleSec());
        double[] t = new double[n];
        double[] rss = new double[n];
        double[] heap = new double[n];
        double[] p50 = new double[n];
        double[] p95 = new double[n];
        double[] p99 = new double[n];
        double[] load = new double[n];
        double phase = rnd.nextDouble() * 2 * Math.PI;
        double stepAt = spec.durationSec() * (0.2 + 0.6 * rnd.nextDouble());
        double innov = Math.sqrt(1 - spec.phi() * spec.phi());
        double arShare = Math.sqrt(1 - spec.whiteShare() - spec.wanderShare());
        double white = Math.sqrt(spec.whiteShare());
        double wander = Math.sqrt(spec.wanderShare());
        double wPhi = wanderPhi(spec);
        double wInnov = Math.sqrt(1 - wPhi * wPhi);
        // drawn only when there is a wander, so that runs without one keep their random sequence
        double[] slow = wander > 0 ? new double[] {gauss(rnd), gauss(rnd), gauss(rnd)} : new double[3];
        double memNoise = spec.sigmaMb() * gauss(rnd);
        double heapNoise = spec.sigmaMb() * gauss(rnd);
        double latNoise = spec.latSigmaLog() * gauss(rnd);
        double drift = Math.log1p(spec.driftPctPerHour() / 100.0) / 3600.0;
        boolean sawtooth = spec.sawtoothMb() > 0;
        double lastGc = -rnd.nextDouble() * spec.gcPeriodSec();
        // requests' latencies draw from a stream of their own, so that the rest of the run is the same with them
        SplittableRandom requests = new SplittableRandom(~seed);
        double period = spec.gcPeriodSec() * (0.5 + rnd.nextDouble());
        // a cache's clears draw from a stream of their own too, so that the rest of the run is the same with them
        SplittableRandom clears = new SplittableRandom(seed ^ 0x5DEECE66DL);
        boolean cache = spec.cacheMb() > 0;
        double nextClear = cache ? clears.nextDouble() * spec.cachePeriodSec() : Double.POSITIVE_INFINITY;
        double lastClear = nextClear - spec.cachePeriodSec() * (0.75 + 0.5 * clears.nextDouble());
        for (int i = 0; i < n; i++) {
            double ti = (i + 1) * spec.sampleSec();
            t[i] = ti;
            double rel = spec.diurnalAmplitude() * Math.sin(2 * Math.PI * ti / DAY_SEC + phase);
            load[i] = spec.baseRate() * (1 + rel) * (1 + 0.01 * gauss(rnd));
            double warm = 1 - Math.exp(-ti / spec.warmupTauSec());
            double step = ti >= stepAt ? 1 : 0;
            memNoise = spec.phi() * memNoise + innov * spec.sigmaMb() * gauss(rnd);
            heapNoise = spec.phi() * heapNoise + innov * spec.sigmaMb() * gauss(rnd);
            latNoise = spec.phi() * latNoise + innov * spec.latSigmaLog() * gauss(rnd);
            double mem = arShare * memNoise;
            double heapN = arShare * heapNoise;
            double lat = arShare * latNoise;
            if (wander > 0) {
                for (int c = 0; c < 3; c++) {
                    slow[c] = wPhi * slow[c] + wInnov * gauss(rnd);
                }
                mem += wander * spec.sigmaMb() * slow[0];
                heapN += wander * spec.sigmaMb() * slow[1];
                lat += wander * spec.latSigmaLog() * slow[2];
            }
            if (white > 0) {
                mem += white * spec.sigmaMb() * gauss(rnd);
                heapN += white * spec.sigmaMb() * gauss(rnd);
                lat += white * spec.latSigmaLog() * gauss(rnd);
            }
            double leak = spec.leakMbPerHour() * ti / 3600.0;
            double common = spec.baseMb() + spec.warmupMb() * warm + spec.stepMb() * step + spec.loadMemMb() * rel;
            double memSpike = rnd.nextDouble() < spec.spikeProb() ? spec.sigmaMb() * (5 + 10 * rnd.nextDouble()) : 0;
            while (ti >= nextClear) {
                lastClear = nextClear;
                nextClear += spec.cachePeriodSec() * (0.75 + 0.5 * clears.nextDouble());
            }
            double cached = cache ? spec.cacheMb() * (ti - lastClear) / spec.cachePeriodSec() : 0;
            if (sawtooth) {
                // a JVM's cache lives on its heap; RSS keeps the pages the heap once took
                rss[i] = common + spec.baseMb() + mem + memSpike;
                while (ti >= lastGc + period) {
                    lastGc += period;
                    period = spec.gcPeriodSec() * (0.5 + rnd.nextDouble());
                }
                double fill = spec.sawtoothMb() * (ti - lastGc) / period;
                heap[i] = common + leak + heapN + fill + cached;
            } else {
                rss[i] = common + leak + mem + memSpike + cached;
                heap[i] = Double.NaN;
            }
            double latSpike = rnd.nextDouble() < spec.spikeProb() ? 0.5 + rnd.nextDouble() : 0;
            double logP99 = Math.log(spec.p99Ms()) + drift * ti + spec.latWarmupLog() * warm + spec.stepLog() * step
                    + spec.loadLatLog() * rel + lat + latSpike;
            p99[i] = spec.tailSigmaLog() > 0
                    ? Math.exp(logP99 + spec.tailSigmaLog() * (requestP99(requests, load[i] * spec.sampleSec()) - Z99))
                    : Math.exp(logP99);
            p95[i] = Math.exp(logP99 - 0.4 + 0.5 * spec.latSigmaLog() * gauss(rnd));
            p50[i] = Math.exp(logP99 - 1.2 + 0.3 * spec.latSigmaLog() * gauss(rnd));
        }
        if (!sawtooth) {
            Arrays.fill(heap, Double.NaN);
        }
        return new SimRun(spec, t, rss, heap, p50, p95, p99, load, stepAt);
    }

    /**
     * The p99 of {@code requests} (rounded, at least 1) standard normal draws, as a histogram reports it: the
     * ⌈0.99·N⌉-th smallest, k. Drawn at once from its law rather than from N draws: the k-th smallest of N uniforms is
     * Beta(k, N − k + 1) (David, H. A. &amp; Nagaraja, H. N. (2003), <i>Order Statistics</i>, 3rd ed., §2.2), that is
     * G₁/(G₁ + G₂) for independent gammas of shapes k and N − k + 1, and Φ⁻¹ maps it to the normal's.
     */
    static double requestP99(SplittableRandom rnd, double requests) {
        long n = Math.max(1, Math.round(requests));
        long k = (long) Math.ceil(0.99 * n);
        double g1 = gamma(rnd, k);
        double g2 = gamma(rnd, n - k + 1);
        return STANDARD_NORMAL.inverseCumulativeProbability(g1 / (g1 + g2));
    }

    /**
     * A gamma draw of shape {@code a} ≥ 1 and scale 1: Marsaglia, G. &amp; Tsang, W. W. (2000), "A simple method for
     * generating gamma variables", ACM TOMS 26(3):363–372.
     */
    private static double gamma(SplittableRandom rnd, double a) {
        double d = a - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x = gauss(rnd);
            double v = 1 + c * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = rnd.nextDouble();
            if (u > 0 && Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
                return d * v;
            }
        }
    }

    /** Lag-1 autocorrelation per sample of the slow wander: e^{−Δ/τ} with τ = {@link SimSpec#WANDER_TAU_SEC}. */
    static double wanderPhi(SimSpec spec) {
        return Math.exp(-spec.sampleSec() / SimSpec.WANDER_TAU_SEC);
    }

    private static double gauss(SplittableRandom rnd) {
        // Marsaglia polar method; SplittableRandom has no nextGaussian in Java 17
        double u, v, s;
        do {
            u = 2 * rnd.nextDouble() - 1;
            v = 2 * rnd.nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        return u * Math.sqrt(-2 * Math.log(s) / s);
    }
}
