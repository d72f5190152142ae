package dev.soak.soak;

import dev.soak.checkpoint.ResourceSample;
import dev.soak.detect.AnalysisReport;
import dev.soak.detect.MetricVerdict;
import dev.soak.detect.Verdict;
import dev.soak.load.DriverStatus;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The state of a running soak as Prometheus text (exposition format 0.0.4), for a dashboard or an alert beside the
 * service's own metrics over a run of days ({@code soak.java --metrics-listen}; {@link LiveMetricsServer}).
 *
 * <p>Series (gauges unless marked; NaN ones are left out, never written as 0):
 * <ul>
 * <li>{@code soak_info{scenario, run_directory, phase}} 1;</li>
 * <li>{@code soak_elapsed_seconds}, {@code soak_remaining_seconds};</li>
 * <li>{@code soak_intended_ops_per_second} (the arrival pattern's rate now), {@code soak_achieved_ops_per_second}
 *     (the last interval's), {@code soak_p99_latency_seconds}, {@code soak_error_ratio} (the last interval's),
 *     {@code soak_in_flight_requests}; counters {@code soak_requests_total}, {@code soak_request_errors_total},
 *     {@code soak_requests_late_total}, {@code soak_requests_dropped_total}; counters {@code soak_stalls_total} and
 *     {@code soak_stall_seconds_total} (nothing completed while operations were due, ended so far);
 *     {@code soak_generator_pause_seconds} (the load generator's own longest pause in the last interval);</li>
 * <li>the target's last sample: {@code soak_target_resident_memory_bytes}, {@code soak_target_heap_after_gc_bytes},
 *     {@code soak_target_open_fds}, {@code soak_target_threads}, {@code soak_target_cpu_percent};</li>
 * <li>the load generator's own last sample (this JVM, as {@code driver.jsonl} records it):
 *     {@code soak_generator_resident_memory_bytes}, {@code soak_generator_heap_after_gc_bytes},
 *     {@code soak_generator_cpu_percent}: a generator that grows or runs short of CPU over days is seen before its
 *     report says so; and at the last live look the leak test of its heap after GC ({@link GeneratorWatch}),
 *     {@code soak_generator_heap_verdict{verdict}} (one-hot) and {@code soak_generator_heap_mb_per_hour};</li>
 * <li>the last live look: {@code soak_look}, {@code soak_verdict{metric, verdict}} (1 for the verdict each tested
 *     metric has, 0 for the other two, so {@code soak_verdict{verdict="FAIL"} == 1} is an alert),
 *     {@code soak_overall_verdict{verdict}} likewise, {@code soak_rate_per_hour{metric, unit}}, each metric's
 *     estimated growth per hour (MB/h or %/h), its confidence interval {@code soak_rate_per_hour_low} and
 *     {@code soak_rate_per_hour_high} (label {@code confidence}, e.g. 0.9), the threshold it is tested against
 *     {@code soak_threshold_per_hour}, and for an INCONCLUSIVE metric {@code soak_extra_run_seconds{metric}},
 *     the further run time its decision needs. The point rate of a short run can be enormous (the slope of a
 *     minute's JIT warm-up read per hour); the interval says how little it means, and an alert on
 *     {@code soak_rate_per_hour_low > soak_threshold_per_hour} fires only on a growth known to be above it.</li>
 * </ul>
 *
 * @param scenario   the scenario's name
 * @param runDir     the run directory
 * @param phase      {@code running}, {@code ending}, …
 * @param elapsedSec seconds of load so far
 * @param remainingSec seconds of load left as planned
 * @param driver     the load driver's status; null before it starts
 * @param target     the target's last resource sample; null before one
 * @param generator  the load generator's own last sample; null before one
 * @param look       the last live look
 * @param generatorHeap the leak test of the load generator's own heap after GC at the last live look
 *                   ({@link GeneratorWatch}); empty where none was made
 * @param stalls     stalls so far ({@link dev.soak.report.Stalls}): how many, and their seconds in all
 */
record LiveMetrics(String scenario, String runDir, String phase, double elapsedSec, double remainingSec,
                   DriverStatus driver, ResourceSample target, ResourceSample generator, Optional<AnalysisReport> look,
                   Optional<MetricVerdict> generatorHeap, StallCount stalls) {
    /** Stalls so far: how many ended, and their seconds in all. */
    record StallCount(long count, double seconds) {
        static final StallCount NONE = new StallCount(0, 0);
    }

    private static final double MB = 1024.0 * 1024.0;

    /** The exposition text. */
    String text() {
        StringBuilder b = new StringBuilder(2048);
        family(b, "soak_info", "gauge", "The running soak: scenario, run directory and phase.");
        b.append("soak_info{scenario=\"").append(escape(scenario)).append("\",run_directory=\"").append(escape(runDir))
            .append("\",phase=\"").append(escape(phase)).append("\"} 1\n");
        gauge(b, "soak_elapsed_seconds", "Seconds of load so far.", elapsedSec);
        gauge(b, "soak_remaining_seconds", "Seconds of load left as planned.", remainingSec);
        if (driver != null) {
            gauge(b, "soak_intended_ops_per_second", "The arrival pattern's rate now.", driver.intendedRate());
            gauge(b, "soak_achieved_ops_per_second", "Operations completed per second over the last interval.",
                driver.achievedRate());
            gauge(b, "soak_p99_latency_seconds", "The last interval's p99 latency, from the intended start.",
                driver.lastP99Ms() / 1000);
            gauge(b, "soak_error_ratio", "Failed operations over all operations in the last interval.", driver.errorRate());
            gauge(b, "soak_in_flight_requests", "Operations started and not completed.", driver.inFlight());
            counter(b, "soak_requests_total", "Operations completed since the run started.", driver.completed());
            counter(b, "soak_request_errors_total", "Operations that failed since the run started.", driver.errors());
            counter(b, "soak_requests_late_total", "Operations sent later than intended beyond the tolerance.", driver.late());
            counter(b, "soak_requests_dropped_total", "Operations never started (in-flight bound).", driver.dropped());
            gauge(b, "soak_generator_pause_seconds", "The load generator's own longest pause in the last interval (its"
                + " GC, a stopped or starved host): the latency of operations due then includes it.",
                driver.lastPauseMs() / 1000);
        }
        counter(b, "soak_stalls_total", "Stalls: load intervals in a row in which nothing completed though operations were"
            + " due.", stalls.count());
        family(b, "soak_stall_seconds_total", "counter", "Seconds of those stalls in all.");
        b.append("soak_stall_seconds_total ").append(number(stalls.seconds())).append('\n');
        if (target != null) {
            gauge(b, "soak_target_resident_memory_bytes", "The target's RSS at its last sample.", target.rssMb() * MB);
            gauge(b, "soak_target_heap_after_gc_bytes", "The target's heap after GC at its last sample.",
                target.heapAfterGcMb() * MB);
            gauge(b, "soak_target_open_fds", "The target's open file descriptors at its last sample.", target.openFds());
            gauge(b, "soak_target_threads", "The target's threads at its last sample.", target.threads());
            gauge(b, "soak_target_cpu_percent", "The target's CPU at its last sample (100 = one core).", target.cpuPercent());
        }
        if (generator != null) {
            gauge(b, "soak_generator_resident_memory_bytes", "The load generator's own RSS at its last sample.",
                generator.rssMb() * MB);
            gauge(b, "soak_generator_heap_after_gc_bytes", "The load generator's own heap after GC at its last sample.",
                generator.heapAfterGcMb() * MB);
            gauge(b, "soak_generator_cpu_percent", "The load generator's own CPU at its last sample (100 = one core).",
                generator.cpuPercent());
        }
        generatorHeap.ifPresent(t -> {
            family(b, "soak_generator_heap_verdict", "gauge", "1 for the verdict of the leak test of the load generator's"
                + " own heap after GC at the last look, 0 for the others (FAIL: Soak itself leaks).");
            oneHot(b, "soak_generator_heap_verdict{", t.verdict());
            gauge(b, "soak_generator_heap_mb_per_hour", "The load generator's own heap after GC: its estimated growth per"
                + " hour at the last look.", t.ratePerHour());
        });
        look.ifPresent(a -> {
            gauge(b, "soak_look", "The number of the last live look.", a.lookNumber());
            family(b, "soak_overall_verdict", "gauge", "1 for the last look's overall verdict, 0 for the others.");
            oneHot(b, "soak_overall_verdict{", a.verdict());
            family(b, "soak_verdict", "gauge", "1 for each tested metric's verdict at the last look, 0 for the others.");
            for (MetricVerdict m : a.metrics()) {
                oneHot(b, "soak_verdict{metric=\"" + escape(m.metric()) + "\",", m.verdict());
            }
            perMetric(b, a, "soak_rate_per_hour", "Each tested metric's estimated growth per hour at the last look.",
                MetricVerdict::ratePerHour, LiveMetrics::unit);
            perMetric(b, a, "soak_rate_per_hour_low", "The lower end of each rate's confidence interval (label confidence).",
                MetricVerdict::ciLowPerHour, LiveMetrics::unitAndConfidence);
            perMetric(b, a, "soak_rate_per_hour_high", "The upper end of each rate's confidence interval (label confidence).",
                MetricVerdict::ciHighPerHour, LiveMetrics::unitAndConfidence);
            perMetric(b, a, "soak_threshold_per_hour", "The growth per hour each metric is tested against.",
                MetricVerdict::thresholdPerHour, LiveMetrics::unit);
            perMetric(b, a, "soak_extra_run_seconds", "For an INCONCLUSIVE metric, the further run time its decision needs.",
                m -> m.verdict() == Verdict.INCONCLUSIVE ? m.extraRunSec() : Double.NaN, m -> "");
        });
        return b.toString();
    }

    /**
     * One series a tested metric, labelled {@code metric} and {@code labels} of it (e.g. {@code unit="MB/h"}); a NaN
     * value is left out, and the family with it when all are.
     */
    private static void perMetric(StringBuilder b, AnalysisReport a, String name, String help,
                                  ToDoubleFunction<MetricVerdict> value, Function<MetricVerdict, String> labels) {
        boolean any = false;
        for (MetricVerdict m : a.metrics()) {
            double v = value.applyAsDouble(m);
            if (Double.isFinite(v)) {
                if (!any) {
                    family(b, name, "gauge", help);
                    any = true;
                }
                b.append(name).append("{metric=\"").append(escape(m.metric())).append('"').append(labels.apply(m))
                    .append("} ").append(number(v)).append('\n');
            }
        }
    }

    private static String unit(MetricVerdict m) {
        return ",unit=\"" + escape(m.rateUnit()) + '"';
    }

    private static String unitAndConfidence(MetricVerdict m) {
        return unit(m) + ",confidence=\"" + m.confidence() + '"';
    }

    private static void oneHot(StringBuilder b, String open, Verdict v) {
        for (Verdict each : Verdict.values()) {
            b.append(open).append("verdict=\"").append(each.name()).append("\"} ").append(each == v ? 1 : 0).append('\n');
        }
    }

    private static void gauge(StringBuilder b, String name, String help, double value) {
        if (Double.isFinite(value)) {
            family(b, name, "gauge", help);
            b.append(name).append(' ').append(number(value)).append('\n');
        }
    }

    private static void counter(StringBuilder b, String name, String help, long value) {
        family(b, name, "counter", help);
        b.append(name).append(' ').append(value).append('\n');
    }

    private static void family(StringBuilder b, String name, String type, String help) {
        b.append("# HELP ").append(name).append(' ').append(help).append('\n');
        b.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.6g", v);
    }

    /** A label value escaped as the format asks: backslash, double quote and line feed. */
    static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
