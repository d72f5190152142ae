package dev.soak.detect.sim;

/**
 * The recipe of one synthetic soak run. Immutable; change one field with the {@code with…} methods.
 *
 * <p>Memory: {@code base + leak·t + warmupMb·(1 − e^{−t/τ}) + step·1[t ≥ t_step] + loadMemMb·(L(t) − 1)
 * + noise (marginal sd σ: AR(1) with lag-1 correlation φ per sample, a {@code whiteShare} of its
 * variance white) + spikes}, and a cache's sawtooth ({@link #withCache}) on RSS, or on the heap when there is
 * one. A GC sawtooth ({@code sawtoothMb} &gt; 0) goes on a separate JVM-heap series (teeth rising linearly,
 * dropping at jittered collections every 0.5–1.5 × {@code gcPeriodSec}), which then carries the leak while RSS
 * stays at the committed size. Latency: log p99 = {@code log p99Ms + log(1 + drift)·t
 * + latWarmupLog·(1 − e^{−t/τ}) + stepLog + loadLatLog·(L(t) − 1) + AR(1) noise (sd latSigmaLog)
 * + spikes}; p50 and p95 follow at fixed ratios with their own noise. L(t) = 1 + A·sin(2πt/24h + phase),
 * phase random per run.
 *
 * @param durationSec       run length
 * @param sampleSec         sampling interval of resources and metrics (60 s)
 * @param baseMb            steady memory
 * @param sigmaMb           marginal sd of the memory noise
 * @param phi               lag-1 autocorrelation of memory and latency noise per sample
 * @param spikeProb         probability of a transient spike per sample (memory and latency)
 * @param warmupMb          memory warm-up amplitude (exponential saturation)
 * @param warmupTauSec      warm-up time constant τ
 * @param latWarmupLog      latency warm-up amplitude on log p99 (rising)
 * @param sawtoothMb        GC tooth height of the heap series; 0 for no heap series
 * @param gcPeriodSec       mean time between collections
 * @param stepMb            one-off memory level step at a random time in [20 %, 80 %] of the run
 * @param stepLog           one-off log-latency level step at the same time
 * @param diurnalAmplitude  A of the load L(t); 0 for constant load
 * @param loadMemMb         memory per unit of relative load
 * @param loadLatLog        log latency per unit of relative load
 * @param leakMbPerHour     injected leak
 * @param driftPctPerHour   injected latency drift, %/h (compounding)
 * @param p99Ms             steady p99
 * @param latSigmaLog       sd of log p99 noise (0.15 ≈ 15 %)
 * @param baseRate          mean achieved ops/s
 * @param whiteShare        share of the memory and latency noise variance that is white (independent per
 *                          sample: a percentile's own sampling error, jitter faster than the sampling)
 *                          rather than AR(1); the marginal sd stays σ
 * @param wanderShare       share of the noise variance in a slow AR(1) with a 2-hour correlation time
 * @param tailSigmaLog      log-sd of single requests' latencies when the p99 is read from requests
 *                          ({@link #withRequestTail}); 0 when the p99 is the modelled level itself
 * @param cacheMb           height of the teeth of a cache ({@link #withCache}; on the heap series when there is one,
 *                          else on RSS); 0 for none
 * @param cachePeriodSec    mean time between the cache's clears
 */
public record SimSpec(double durationSec, double sampleSec, double baseMb, double sigmaMb, double phi,
                      double spikeProb, double warmupMb, double warmupTauSec, double latWarmupLog, double sawtoothMb,
                      double gcPeriodSec, double stepMb, double stepLog, double diurnalAmplitude, double loadMemMb,
                      double loadLatLog, double leakMbPerHour, double driftPctPerHour, double p99Ms,
                      double latSigmaLog, double baseRate, double whiteShare, double wanderShare,
                      double tailSigmaLog, double cacheMb, double cachePeriodSec) {

    /** Correlation time of the slow wander ({@code wanderShare}): 2 hours. */
    public static final double WANDER_TAU_SEC = 7200;

    /** A plain stable run: 8 h, 60 s samples, σ = 10 MB, φ = 0.9, 15 % p99 noise, no nuisance. */
    public static SimSpec stable() {
        return new SimSpec(8 * 3600, 60, 500, 10, 0.9, 0, 0, 1, 0, 0, 180, 0, 0, 0, 0, 0, 0, 0, 50, 0.15, 200, 0, 0, 0, 0, 7200);
    }

    public SimSpec withDurationHours(double h) {
        return new SimSpec(h * 3600, sampleSec, baseMb, sigmaMb, phi, spikeProb, warmupMb, warmupTauSec, latWarmupLog,
                sawtoothMb, gcPeriodSec, stepMb, stepLog, diurnalAmplitude, loadMemMb, loadLatLog, leakMbPerHour,
                driftPctPerHour, p99Ms, latSigmaLog, baseRate, whiteShare, wanderShare, tailSigmaLog, cacheMb, cachePeriodSec);
    }

    public SimSpec withSampleSec(double s) {
        return new SimSpec(durationSec, s, baseMb, sigmaMb, phi, spikeProb, warmupMb, warmupTauSec, latWarmupLog,
                sawtoothMb, gcPeriodSec, stepMb, stepLog, diurnalAmplitude, loadMemMb, loadLatLog, leakMbPerHour,
                driftPctPerHour, p99Ms, latSigmaLog, baseRate, whiteShare, wanderShare, tailSigmaLog, cacheMb, cachePeriodSec);
    }

    /**
     * The same process sampled every {@code s} seconds instead: φ per sample becomes φ^(s/Δ) and the spike probability
     * per sample scales by s/Δ, so that the persistence per minute, the long-run variance and the spikes per hour
     * stay; the white share stays per sample (a percentile's own sampling error is per interval), and so does the
     * load's 1 % jitter.
     */
    public SimSpec atSampleSec(double s) {
        if (!(s > 0) || !Double.isFinite(s)) {
            throw new IllegalArgumentException("sample interval " + s + " s must be a positive number of seconds");
        }
        double r = s / sampleSec;
        return withSampleSec(s).withNoise(sigmaMb, Math.pow(phi, r)).withSpikes(Math.min(1, spikeProb * r));
    }

    public SimSpec withNoise(double sigma, double ph) {
        return new SimSpec(durationSec, sampleSec, baseMb, sigma, ph, spikeProb, warmupMb, warmupTauSec, latWarmupLog,
                sawtoothMb, gcPeriodSec, stepMb, stepLog, diurnalAmplitude, loadMemMb, loadLatLog, leakMbPerHour,
                driftPctPerHour, p99Ms, latSigmaLog, baseRate, whiteShare, wanderShare, tailSigmaLog, cacheMb, cachePeriodSec);
    }

    public SimSpec withSpikes(double prob) {
        return new SimSpec(durationSec, sampleSec, baseMb, sigmaMb, phi, prob, warmupMb, warmupTauSec, latWarmupLog,
                sawtoothMb, gcPeriodSec, stepMb, stepLog, diurnalAmplitude, loadMemMb, loadLatLog, leakMbPerHour,
                driftPctPerHour, p99Ms, latSigmaLog, baseRate, whiteShare, wanderShare, tailSigmaLog, cacheMb, cachePeriodSec);
    }

    public SimSpec withWarmup(double mb, double tauSec, double latLog) {
        return new SimSpec(durationSec, sampleSec, baseMb, sigmaMb, phi, spikeProb, mb, tauSec, latLog,
                sawtoothMb, gcPeriodSec, stepMb, stepLog, diurnalAmplitude, loadMemMb, loadLatLog, leakMbPerHour,
                driftPctPerHour, p99Ms, latSigmaLog, baseRate, whiteShare, wanderShare, tailSigmaLog, cacheMb, cachePeriodSec);
    }

    public SimSpec withSawtooth(double toothMb, double periodSec) {
        return new SimSpec(durationSec, sampleSec, baseMb, sigmaMb, phi, spikeProb, warmupMb, warmupTauSec,
                latWarmupLog, toothMb, periodSec, stepMb, stepLog, diurnalAmplitude, loadMemMb, loadLatLog,
                leakMbPerHour, driftPctPerHour, p99Ms, latSigmaLog, baseRate, whiteShare, wanderShare, tailSigmaLog, cacheMb, cachePeriodSec);
    }

    public SimSpec withStep(double mb, double log) {
        return new SimSpec(durationSec, sampleSec, baseMb, sigmaMb, phi, spikeProb, warmupMb, warmupTauSec,
                latWarmupLog, sawtoothMb, gcPeriodSec, mb, log, diurnalAmplitude, loadMemMb, loadLatLog,
                leakMbPerHour, driftPctPerHour, p99Ms, latSigmaLog, baseRate, whiteShare, wanderShare, tailSigmaLog, cacheMb, cachePeriodSec);
    }

    public SimSpec withDiurnal(double amplitude, double memMb, double latLog) {
        return new SimSpec(durationSec, sampleSec, baseMb, sigmaMb, phi, spikeProb, warmupMb, warmupTauSec,
                latWarmupLog, sawtoothMb, gcPeriodSec, stepMb, stepLog, amplitude, memMb, latLog, leakMbPerHour,
                driftPctPerHour, p99Ms, latSigmaLog, baseRate, whiteShare, wanderShare, tailSigmaLog, cacheMb, cachePeriodSec);
    }

    public SimSpec withLeak(double mbPerHour) {
        return new SimSpec(durationSec, sampleSec, baseMb, sigmaMb, phi, spikeProb, warmupMb, warmupTauSec,
                latWarmupLog, sawtoothMb, gcPeriodSec, stepMb, stepLog, diurnalAmplitude, loadMemMb, loadLatLog,
                mbPerHour, driftPctPerHour, p99Ms, latSigmaLog, baseRate, whiteShare, wanderShare, tailSigmaLog, cacheMb, cachePeriodSec);
    }

    public SimSpec withDrift(double pctPerHour) {
        return new SimSpec(durationSec, sampleSec, baseMb, sigmaMb, phi, spikeProb, warmupMb, warmupTauSec,
                latWarmupLog, sawtoothMb, gcPeriodSec, stepMb, stepLog, diurnalAmplitude, loadMemMb, loadLatLog,
                leakMbPerHour, pctPerHour, p99Ms, latSigmaLog, baseRate, whiteShare, wanderShare, tailSigmaLog, cacheMb, cachePeriodSec);
    }

    public SimSpec withLatencyNoise(double sigmaLog) {
        return new SimSpec(durationSec, sampleSec, baseMb, sigmaMb, phi, spikeProb, warmupMb, warmupTauSec,
                latWarmupLog, sawtoothMb, gcPeriodSec, stepMb, stepLog, diurnalAmplitude, loadMemMb, loadLatLog,
                leakMbPerHour, driftPctPerHour, p99Ms, sigmaLog, baseRate, whiteShare, wanderShare, tailSigmaLog, cacheMb, cachePeriodSec);
    }

    public SimSpec withWhiteNoise(double share) {
        return new SimSpec(durationSec, sampleSec, baseMb, sigmaMb, phi, spikeProb, warmupMb, warmupTauSec,
                latWarmupLog, sawtoothMb, gcPeriodSec, stepMb, stepLog, diurnalAmplitude, loadMemMb, loadLatLog,
                leakMbPerHour, driftPctPerHour, p99Ms, latSigmaLog, baseRate, share, wanderShare, tailSigmaLog, cacheMb, cachePeriodSec);
    }

    /**
     * p99 read from requests: each sample's p99 is the ⌈0.99·N⌉-th smallest of N = load × interval latencies
     * (the achieved ops/s {@code baseRate} times the load L(t)), drawn log-normal with log-sd {@code sigmaLog} about
     * the modelled level, as a histogram of the interval reports it. Its sampling error in log, about
     * √(0.99·0.01/N)·σ/φ(z₀.₉₉) ≈ 3.73·σ/√N (a sample quantile's asymptotic variance p(1 − p)/(N·f(q)²); Serfling,
     * R. J. (1980), <i>Approximation Theorems of Mathematical Statistics</i>, §2.3.3; 12 % more at N = 200, with 3
     * requests above the p99), is white per interval and about √6 times larger at 10 s than at 60 s, unlike
     * {@code whiteShare}, which is per sample at any interval. {@code sigmaLog} 0: the p99 is the modelled level.
     */
    public SimSpec withRequestTail(double sigmaLog, double opsPerSec) {
        return new SimSpec(durationSec, sampleSec, baseMb, sigmaMb, phi, spikeProb, warmupMb, warmupTauSec,
                latWarmupLog, sawtoothMb, gcPeriodSec, stepMb, stepLog, diurnalAmplitude, loadMemMb, loadLatLog,
                leakMbPerHour, driftPctPerHour, p99Ms, latSigmaLog, opsPerSec, whiteShare, wanderShare, sigmaLog, cacheMb, cachePeriodSec);
    }

    public SimSpec withWander(double share) {
        return new SimSpec(durationSec, sampleSec, baseMb, sigmaMb, phi, spikeProb, warmupMb, warmupTauSec,
                latWarmupLog, sawtoothMb, gcPeriodSec, stepMb, stepLog, diurnalAmplitude, loadMemMb, loadLatLog,
                leakMbPerHour, driftPctPerHour, p99Ms, latSigmaLog, baseRate, whiteShare, share, tailSigmaLog, cacheMb, cachePeriodSec);
    }

    /**
     * A cache on the memory series (RSS; the heap series under a GC sawtooth, as a JVM's cache lives on its heap,
     * RSS then keeping the pages the heap once took) that fills linearly to
     * {@code mb} and is cleared back to empty, every 0.75–1.25 × {@code periodSec} (uniform), the first clear at a
     * random time within the first period: a sawtooth of hours rather than a collector's seconds, with no growth
     * of its own.
     */
    public SimSpec withCache(double mb, double periodSec) {
        return new SimSpec(durationSec, sampleSec, baseMb, sigmaMb, phi, spikeProb, warmupMb, warmupTauSec,
                latWarmupLog, sawtoothMb, gcPeriodSec, stepMb, stepLog, diurnalAmplitude, loadMemMb, loadLatLog,
                leakMbPerHour, driftPctPerHour, p99Ms, latSigmaLog, baseRate, whiteShare, wanderShare, tailSigmaLog,
                mb, periodSec);
    }
}
