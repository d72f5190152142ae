/**
 * Pure numeric code on arrays: robust slopes (Theil–Sen), trend tests (Mann–Kendall),
 * autocorrelation and long-run variance, least squares with covariates, HAC and exact AR(1)
 * sandwich errors, restricted maximum likelihood of AR(1) (plus white noise) regression errors,
 * spike removal (Hampel filter), window minima and medians (lower envelopes), warm-up end detection (profiled
 * saturating exponential), level shifts with a common trend, one shift against a trend (a Bayes
 * factor under AR(1) noise), run-length (power) calculation,
 * multiplicity control (Holm, alpha spending).
 *
 * <p>Conventions shared by every class here: inputs are {@code double[]} series, optionally with
 * an abscissa {@code x} (any unit; slopes come out in y-units per x-unit). Arrays of unequal
 * length, and NaN or infinite entries, are bad arguments ({@link IllegalArgumentException}
 * naming the index); use {@link dev.soak.stats.Series#finite} to drop them first. Input that is
 * valid but too short or without variation gives {@code NaN} results, as Commons Math does.
 * Methods never modify their argument arrays. Every class is stateless or immutable and safe to
 * use from several threads.
 *
 * <p>A trend with an autocorrelation-aware interval, computing the Theil–Sen slope once:
 * <pre>{@code
 * double b = TheilSen.slope(x, y);
 * double f = MannKendall.hamedRaoFactor(x, y, b, Autocorrelation.defaultMaxLag(x.length), 0.05);
 * MannKendall.Result mk = MannKendall.test(x, y).withVarianceFactor(Math.max(1, f));
 * double[] ci = TheilSen.confidenceBounds(x, y, 0.90, mk.varianceOfS()); // one-sided 95 % each end
 * }</pre>
 * For series of hundreds of thousands of points each Theil–Sen order statistic costs about a
 * second of CPU; reduce first (window minima or medians with {@link dev.soak.stats.Windows}, or
 * interval means) when several metrics are analysed at once.
 */
package dev.soak.stats;
