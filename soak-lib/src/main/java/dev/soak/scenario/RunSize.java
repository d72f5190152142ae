package dev.soak.scenario;

/**
 * What a run's records will take on disk, estimated from the scenario before it runs, so that a run of days is not
 * planned onto a disk too small for it (the run itself measures what it writes and warns when the rest will not fit).
 *
 * <p>The sizes are those of a real run's records (the smoke run: four operations, 1 s intervals): a
 * {@code metrics.jsonl} line is about 170 bytes plus 590 a weighted operation (its percentiles, and its error classes
 * when there were errors);
 * {@code latency.hlog} holds two compressed histograms (corrected and uncorrected) for the whole load and for each
 * operation, about 250 bytes each; each resource sample writes about 250 bytes to {@code resources.jsonl} and 290 to
 * {@code driver.jsonl}; a checkpoint about 2 KB plus 2 KB an operation; the report at the end under 1 MB. Histograms of
 * a wider latency spread compress less, so the estimate is a guide, not a bound. Stateless.
 */
public final class RunSize {
    static final double METRICS_LINE = 170;
    static final double METRICS_PER_OPERATION = 590;
    static final double HISTOGRAM = 250;
    static final double RESOURCE_SAMPLE = 250 + 290;
    static final double CHECKPOINT = 2000;
    static final double CHECKPOINT_PER_OPERATION = 2000;
    /** The report at the end: its plots, and report.html with them inside (about 800 KB for the smoke run). */
    public static final double REPORT = 1 << 20;

    private RunSize() {
    }

    /** The operations of {@code s} that are sent: weighted Engram operations, or request templates. */
    static int operations(Scenario s) {
        return (int) s.operations().weights().values().stream().filter(w -> w > 0).count();
    }

    /** Bytes the records of {@code s} take per wall hour of load. */
    public static double bytesPerHour(Scenario s) {
        SoakSettings k = s.soak();
        int ops = operations(s);
        double perInterval = METRICS_LINE + METRICS_PER_OPERATION * ops + 2 * HISTOGRAM * (1 + ops);
        return 3600 * (perInterval / k.sampleIntervalSec() + RESOURCE_SAMPLE / k.resourceCheckIntervalSec()
                + (CHECKPOINT + CHECKPOINT_PER_OPERATION * ops) / k.checkpointIntervalSec());
    }

    /** A byte count for people: "812 KB", "37 MB", "4.2 GB". */
    public static String text(double bytes) {
        if (bytes >= 1L << 30) {
            return String.format(java.util.Locale.ROOT, "%.1f GB", bytes / (1L << 30));
        }
        if (bytes >= 1L << 20) {
            return String.format(java.util.Locale.ROOT, "%.0f MB", bytes / (1L << 20));
        }
        return String.format(java.util.Locale.ROOT, "%.0f KB", Math.ceil(bytes / 1024.0));
    }

    /** Bytes the whole run of {@code s} takes (at its maximum length when it may be extended), with the report. */
    public static double bytes(Scenario s) {
        return bytesPerHour(s) * s.maxWallSeconds() / 3600 + REPORT;
    }
}
