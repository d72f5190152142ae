package dev.soak.detect;

import java.util.function.DoubleFunction;

/**
 * How a rate is written for people. A relative rate in %/h beyond a tenfold change per hour
 * (above +900 %/h or below −90 %/h) is written as that bound, "&gt;+900" or "&lt;-90": the exact
 * figure says nothing a reader can use. Such rates come from short runs, where the slope of log
 * latency over a minute of JIT warm-up, extrapolated to an hour, gives +1.7e+63 %/h or a fall that
 * rounds to −100.0 %/h. Rates in other units, and the numbers in {@code report.json}, are unchanged.
 * Stateless.
 */
public final class RateText {
    /** The unit of relative (latency) rates. */
    public static final String RELATIVE_UNIT = Decision.Scale.LATENCY.unit;
    /** The largest relative rate written as a number: ten times as much after an hour. */
    static final double MAX_RELATIVE = 900;
    /** The smallest relative rate written as a number: a tenth after an hour. */
    static final double MIN_RELATIVE = -90;

    private RateText() {
    }

    /** {@code rate} in {@code unit}, written by {@code number}, or as its bound when it is a relative rate out of range. */
    public static String of(double rate, String unit, DoubleFunction<String> number) {
        if (RELATIVE_UNIT.equals(unit)) {
            if (rate > MAX_RELATIVE) {
                return ">+900";
            }
            if (rate < MIN_RELATIVE) {
                return "<-90";
            }
        }
        return number.apply(rate);
    }
}
