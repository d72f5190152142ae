/**
 * Leak, drift and exhaustion verdicts built on {@code dev.soak.stats}; one entry point,
 * {@link dev.soak.detect.Analysis#analyze}, used live by the orchestrator at each checkpoint and
 * offline by {@code analyze}.
 *
 * <h2>Pipeline (per metric)</h2>
 * 10-minute block medians (minima for a GC sawtooth) → warm-up cut (fixed, or a profile fit of a
 * saturating exponential) → level shifts with a common slope removed → load as a covariate where it
 * varies → Theil–Sen slope of the adjusted blocks with an exact AR(1) sandwich standard error →
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
 * </ul>
 * Known limits (measured): a latency step smaller than ~3.5 standard errors looks like drift
 * (+50 % p99 at 15 % noise, φ = 0.9: ~20 % false FAILs over 8 h); a warm-up with τ = 3 h raises
 * false live FAILs between 4 h and 5 h of an 8 h plan (~17–23 %; the final analysis ~1 %) — set
 * {@code warmup_sec} or plan a longer run; the heap envelope's teeth add noise that the cell's T*
 * (computed from the floor noise) ignores, so a 10 MB/h heap leak needs more than 1.5·T*.
 */
package dev.soak.detect;
