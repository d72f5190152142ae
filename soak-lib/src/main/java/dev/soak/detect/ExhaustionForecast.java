package dev.soak.detect;

/**
 * When a resource will reach its limit at the current growth rate, like Prometheus'
 * {@code predict_linear} but with an interval from the rate's confidence interval. Immutable.
 *
 * <p>{@code secondsToLimit} is {@code (limit − current) / rate}; the interval uses the rate's upper
 * bound (earliest) and lower bound (latest; infinite when the lower bound is ≤ 0). When the rate
 * is not positive the resource is "not approaching" and the times are infinite.
 *
 * @param resource             {@code open_fds}, {@code threads} or {@code rss_mb}
 * @param limit                the limit in the resource's unit
 * @param limitSource          where the limit came from ({@code max_open_files}, {@code memory_limit_mb}, …)
 * @param current              fitted current value at the end of the series
 * @param ratePerHour          Theil–Sen growth per hour
 * @param rateLowPerHour       lower confidence bound of the growth
 * @param rateHighPerHour      upper confidence bound of the growth
 * @param approaching          whether the rate estimate is positive and significantly so
 * @param secondsToLimit       point estimate of the time to the limit (infinite when not approaching)
 * @param secondsToLimitEarliest earliest plausible time (at the upper rate bound)
 * @param secondsToLimitLatest   latest plausible time (at the lower rate bound; infinite when ≤ 0)
 * @param horizonSec           the exhaustion horizon ({@code exhaustion_horizon_hours}) in seconds
 * @param exhausting           the resource is at or past its limit (or a sample reached a hard limit:
 *                             {@link ExhaustionForecaster#withPeaks}; the times are then 0), or approaches
 *                             it significantly and reaches it within the horizon even at the lower rate
 *                             bound: this fails the run
 * @param explanation          one human sentence
 */
public record ExhaustionForecast(String resource, double limit, String limitSource, double current,
                                 double ratePerHour, double rateLowPerHour, double rateHighPerHour,
                                 boolean approaching, double secondsToLimit, double secondsToLimitEarliest,
                                 double secondsToLimitLatest, double horizonSec, boolean exhausting,
                                 String explanation) {
    /** The limit was reached already (at it now, or in a sample of a hard limit): no time left to forecast. */
    public boolean reached() {
        return exhausting && secondsToLimit == 0;
    }
}
