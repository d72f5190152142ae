/**
 * Leak, drift and exhaustion verdicts built on {@code dev.soak.stats}; one entry point,
 * {@link dev.soak.detect.Analysis#analyze}, used live by the orchestrator at each checkpoint and
 * offline by {@code analyze}.
 *
 * <h2>Pipeline (per metric)</h2>
 * 10-minute block medians (minima for a GC sawtooth; {@code stats.Windows}) → warm-up cut (fixed,
 * or a profile fit of a saturating exponential; {@code stats.WarmupEnd}) → level shifts with a
 * common slope removed ({@code stats.ChangePoints}) → load as a covariate where it varies →
 * Theil–Sen slope of the adjusted blocks with an exact AR(1) sandwich standard error
 * ({@code stats.LeastSquaresFit.ar1ExactVariance}, plug-in {@code Autocorrelation.ar1Conservative}) →
 * Holm across the gating metrics (memory, heap after GC, p99) → three-way decision
 * (FAIL / PASS / INCONCLUSIVE with the extra run time needed). Latencies are analysed as logs, so
 * rates are relative (%/h).
 *
 * <h2>Constants chosen by Monte Carlo ({@code jbang-scripts/calibrate.java})</h2>
 * No variance correction reaches the nominal level under strong persistence (DETECTION-NOTES), so
 * these were set by simulation, trading false alarms in stable cells against power at 1.5·T*:
 * <ul>
 *   <li>block length 10 min (at least 36 blocks): about the correlation time of φ = 0.9–0.97 per
 *       minute noise, so block residuals are close to AR(1) and sampling faster buys nothing;</li>
 *   <li>φ plug-in = lag-1 autocorrelation + (1 + 3φ̂ + p)/m (Kendall's bias) + 1 standard error;
 *       with steps found, the larger of the with- and without-step values (a spurious step absorbs
 *       low-frequency noise and would otherwise shrink the error);</li>
 *   <li>standard-error factor 1 + K·max(0, φ − 0.5)², K = 1 (false alarms at φ = 0.97/min, σ = 30 MB,
 *       8 h: 8–10 % at K = 0, ~5 % at K = 1; power at 1.5·T* ~95 % → ~90 %);</li>
 *   <li>t critical values with (m − p)(1 − φ)/(1 + φ) degrees of freedom (at least 3);</li>
 *   <li>warm-up: the saturation term is kept when its |t| &gt; 2.5; the warm-up ends where its remaining
 *       amplitude is below 0.5 residual sd; τ grid up to T/3 (up to T on live looks); a warm-up still
 *       running at half the window blocks FAIL;</li>
 *   <li>level shifts: greedy, at most 3, kept when the AR(1)-aware |t| &gt; 3.5 (4.5 missed +50 %
 *       latency steps; 3.0 added spurious steps and false alarms);</li>
 *   <li>FAIL needs the estimate ≥ 0.5 × threshold (at T* this coincides with the significance
 *       condition) and no significant levelling-off (mid-window change of slope, one-sided 5 %
 *       offline, any negative sign on live looks, with a second-half slope below the threshold);</li>
 *   <li>live looks: O'Brien–Fleming spending of α_live = 0.01 over the planned run, nothing before
 *       half of it; the final offline analysis uses α = 0.05 (Holm across gating metrics).</li>
 *   <li>live plateau check: a live FAIL is withheld when y = a + c·(1 − e^{−t/τ}) (+ the other
 *       columns) with c &gt; 0 and τ on an 8-point grid from T/4 to T leaves at most 1.15 × the line's
 *       residual sum of squares. Half-way through a run a τ = 3 h warm-up still rises at 20–35 MB/h
 *       and block residuals have φ̂ 0.6–0.97, so neither the warm-up t-test nor the hinge test can
 *       see its curvature; slack 0 left 7/60 runs failing live, 0.15 left 3/60 (diagnostic seeds);</li>
 *   <li>live persistence: a metric FAILs live only if, at this look's level, the data of the
 *       previous look FAIL too (computed on demand, only when a look would fail). With the plateau
 *       check: slow warm-up τ = 3 h live false FAILs 21.7 % → 4.2 % (--quick, 120 runs); power at
 *       1.5·T* unchanged (it is decided by the final analysis); live detection of the drift cells
 *       moves from ~1.3·T* to the planned end.</li>
 * </ul>
 * Known limits (measured, see {@code docs/calibration.md}): with two gating metrics Holm halves
 * the level of the first, so a 10 MB/h leak at 1.5·T* (T* computed for α = 0.05, one metric)
 * fails in ~90 % of runs rather than 95 %; the calibration's heap-envelope cells compute T* from
 * the block minima's own long-run variance (the teeth's jitter adds to the floor's noise).
 */
package dev.soak.detect;
