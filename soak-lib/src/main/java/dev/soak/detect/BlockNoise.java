package dev.soak.detect;

import dev.soak.stats.Ar1Reml;
import dev.soak.stats.Autocorrelation;
import dev.soak.stats.BlockMeansAr1;
import dev.soak.stats.Semivariance;

/**
 * The blocks' own noise model, read from a few dozen block residuals where the samples' is not
 * ({@link SampleFit#noise}: live looks, heap minima, samples that are not persistent): a conservative lag-1 φ
 * ({@link #phiUpper}) for the slope's standard error and the deceleration test, the decay of the blocks'
 * autocorrelation after lag 1 from the samples' semivariances ({@link #blockDecay}), and the effective degrees of
 * freedom of the t quantiles at the point estimate of φ ({@link #degreesOfFreedom}). Stateless.
 */
final class BlockNoise {
    /**
     * Width z of the REML likelihood bound on φ in {@link #phiUpper}: the largest φ whose restricted
     * log-likelihood is within z²/2 of the maximum. Chosen by Monte Carlo ({@code calibrate.java};
     * docs/calibration.md, "Changes measured in the third session (power)" and "… in the fourth session"): 0.75
     * until the +50 % p99 step's and the slow-rising p99's false alarms were brought under 5 % by other
     * means; 0.5 then adds 1–4 points of power where block φ is high (10 MB/h at φ = 0.97, σ = 10:
     * 69.4 → 73.6 %, 2000 paired runs) for at most 0.3 points in any stable cell. Since searched level
     * shifts are tested against the step-free φ ({@code stats.ChangePoints}), 0 (the REML estimate
     * itself; the lag-1 bound below is then the larger in the stable cells) adds another 1–5 points
     * there (69.6 → 74.2 %; 20 MB/h at φ = 0.97: +2–4 points) for at most 0.4 points in any stable
     * cell (500 paired runs; fifth session).
     */
    static final double PHI_Z = 0;
    /** Standard errors added to the bias-corrected lag-1 autocorrelation in {@link #phiUpper}. */
    static final double PHI_SD = 1.0;
    /** φ is kept below this (the exact AR(1) variance needs φ &lt; 1). */
    static final double PHI_CAP = 0.98;

    private BlockNoise() {
    }

    /**
     * The φ plugged into the slope's standard error and the deceleration test, from the residuals of
     * the block regression on the design {@code x}: the larger of
     * <ul>
     *   <li>the restricted-likelihood estimate ({@code stats.Ar1Reml}), or the upper end of its bound of
     *       width {@link #PHI_Z} when that is above 0 (0 for a degenerate fit, at most {@link #PHI_CAP}), and</li>
     *   <li>the lag-1 autocorrelation + its bias (1 + 3φ̂ + p)/m + {@link #PHI_SD} standard error
     *       ({@code Autocorrelation.ar1Conservative}).</li>
     * </ul>
     * With a few dozen blocks and strong persistence (block φ ≈ 0.8) the residual lag-1 correlation is
     * biased down and scatters widely, and its linear bias correction under-covers in unlucky runs;
     * REML is nearly unbiased there (Cheang &amp; Reinsel 2000), so until the third session the lag-1 plug-in
     * needed a further factor 1 + (φ − 0.5)² on the standard error, which cost power whenever φ̂ came
     * out high. At moderate block φ (≈ 0.5) the lag-1 bound is the larger and keeps the level of the
     * cells whose false alarms come from structure (a fast warm-up, a latency step): REML alone at
     * z = 0.75 raised {@code fast-warmup-8h} from 4.6 % to 5.6 %. Paired figures in docs/calibration.md.
     */
    static double phiUpper(double[][] x, double[] residuals) {
        return plugIns(x, residuals)[1];
    }

    /**
     * {point, conservative}: the point estimate of the block residuals' φ, the larger of the REML
     * estimate and the bias-corrected lag-1 autocorrelation (no added standard error), which sets the
     * degrees of freedom ({@link #degreesOfFreedom}); and the conservative plug-in of {@link #phiUpper}.
     */
    static double[] plugIns(double[][] x, double[] residuals) {
        Ar1Reml.Estimate r = Ar1Reml.estimate(x, residuals, PHI_Z);
        double point = Double.isNaN(r.phi()) ? 0 : Math.min(PHI_CAP, r.phi());
        double upper = Double.isNaN(r.upper()) ? 0 : Math.min(PHI_CAP, r.upper());
        return new double[] {Math.max(point, Autocorrelation.ar1Conservative(residuals, x.length, 0)),
                Math.max(upper, Autocorrelation.ar1Conservative(residuals, x.length, PHI_SD))};
    }

    /**
     * Effective degrees of freedom of the t quantiles, (m − p)/(1 + 2φ/(1 − a)) (at least 3), for m − p
     * residual degrees of freedom, lag-1 autocorrelation φ and decay a after it: the residuals' count
     * over the inflation Σ<sub>k</sub>ρ<sub>k</sub> = 1 + 2φ/(1 − a) of the ARMA(1, 1) autocorrelation
     * ((m − p)(1 − φ)/(1 + φ) for an AR(1), a = φ; the effective sample size of Bayley, G. V. &amp; Hammersley,
     * J. M. (1946), "The 'effective' number of independent observations in an autocorrelated time series",
     * JRSS Suppl. 8(2):184–197). It is taken at the point estimate of φ, not at the conservative plug-in
     * of the standard error: the added standard error on φ already pays for not knowing φ, and charging
     * it again in the quantile made the test conservative where φ is high (the stable φ 0.97 cells at
     * 2.4–3.7 % against a 5 % level) at a cost of 1–3 points of power (10 MB/h at φ 0.9, σ 10 93.1 →
     * 94.9 %, at φ 0.97, σ 20 90.8 → 93.5 %; 2 %/h at φ 0.97 89.8 → 90.8 %; stable cells +0.1 to +0.7
     * points, none above 4.5 %; 2000 paired runs, seventh session, docs/calibration.md).
     */
    static double degreesOfFreedom(int residualDf, double phi, double decay) {
        return Math.max(3, residualDf / (1 + 2 * phi / (1 - decay)));
    }

    /**
     * How the block residuals' autocorrelation decays after lag 1, given their lag-1 value φ, the
     * samples per block and the samples themselves: φ<sub>s</sub><sup>m</sup> with φ<sub>s</sub> the
     * sample-level AR(1) coefficient whose m-sample means, with the white noise the samples show, have
     * lag-1 autocorrelation φ ({@code stats.BlockMeansAr1.phiForLag1WithWhiteNoise}; the noise's share
     * from the samples' semivariances at lags 1 and 2, {@code stats.Semivariance}; its variance in a
     * block median taken as π/2 times that in a mean, the median's Gaussian efficiency 2/π).
     * The noise is modelled as AR(1) at the sampling interval, where it arises, plus white noise (a
     * per-interval percentile's own sampling error, jitter faster than the sampling), rather than as an
     * AR(1) at the block length: means of an AR(1) are ARMA(1, 1), and an AR(1) at the block level with
     * the same lag 1 overstates the slope's variance by up to a third when the correlation time is near
     * the block length (φ = 0.97 per minute, 10-minute blocks: 10 MB/h leaks at σ = 10 MB 74.7 → 79.7 %
     * at 1.5·T*, a 2 %/h drift 78.3 → 90.0 %; 300 paired runs, fifth session). White noise lowers the
     * blocks' lag 1 but not their decay; read as AR(1) alone, a fifth of the variance in white noise
     * understated the long-run variance by 9 % at φ = 0.97 and raised false alarms from 4.4 % to 5.5 %
     * (σ = 30 MB, 1000 runs); allowing for it, 3.1 % (block AR(1): 2.9 %), while on pure AR(1) samples
     * the decay, and every figure of 27 cells, are unchanged (sixth session, docs/calibration.md).
     * The block-level AR(1) (decay φ) when the samples show no clear short-range persistence (γ(2) not
     * clearly above γ(1): white-ish samples, or white noise that hides the AR(1)'s increments);
     * one-sample blocks likewise, and heap minima (one per block) are not passed here.
     */
    static double blockDecay(double phi, int samplesPerBlock, double[] samples) {
        return blockDecays(samplesPerBlock, samples, phi)[0];
    }

    /** {@link #blockDecay} for each of several lag-1 values {@code phis} (the samples' semivariances taken once). */
    static double[] blockDecays(int samplesPerBlock, double[] samples, double... phis) {
        double[] out = phis.clone();
        if (samplesPerBlock <= 1) {
            return out;
        }
        double g1 = Semivariance.at(samples, 1);
        double g2 = Semivariance.at(samples, 2);
        for (int i = 0; i < phis.length; i++) {
            double ps = BlockMeansAr1.phiForLag1WithWhiteNoise(phis[i], samplesPerBlock, g1, g2, Math.PI / 2,
                    samples.length);
            out[i] = Double.isNaN(ps) ? phis[i] : Math.min(PHI_CAP, Math.pow(ps, samplesPerBlock));
        }
        return out;
    }
}
