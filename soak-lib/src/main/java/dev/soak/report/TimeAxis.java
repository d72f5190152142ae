package dev.soak.report;

/**
 * The unit of the plots' time axis, chosen from the run's length so that its ticks read well: seconds
 * for a run of up to 3 minutes, minutes up to 3 hours, hours beyond (a one-minute smoke run used to
 * show ticks 0 and 0.01 h). Immutable.
 *
 * @param secPerUnit seconds in one unit of the axis
 * @param unit       the unit's name in the axis title
 */
record TimeAxis(double secPerUnit, String unit) {
    /** The axis for a run of {@code durationSec} seconds. */
    static TimeAxis forRun(double durationSec) {
        if (durationSec <= 180) {
            return new TimeAxis(1, "s");
        }
        return durationSec <= 3 * 3600 ? new TimeAxis(60, "min") : new TimeAxis(3600, "hours");
    }

    /** Where {@code sec} seconds since the start fall on the axis. */
    double x(double sec) {
        return sec / secPerUnit;
    }

    /** The axis title, e.g. "time since start (min)". */
    String title() {
        return "time since start (" + unit + ")";
    }
}
