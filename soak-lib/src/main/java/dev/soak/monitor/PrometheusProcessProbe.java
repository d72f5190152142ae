package dev.soak.monitor;

import dev.soak.tls.TlsTrust;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Reads the process behind an endpoint, wherever it runs (another host, a container, a pod behind a port forward),
 * from the standard process metrics of its Prometheus text: the names the Prometheus client libraries' process
 * collectors export (client_golang, client_java, client_python, prom-client, the Rust crate), with Micrometer's
 * spellings where they differ.
 *
 * <table>
 * <caption>What is read</caption>
 * <tr><th>field</th><th>series, first present</th></tr>
 * <tr><td>RSS</td><td>{@code process_resident_memory_bytes}</td></tr>
 * <tr><td>virtual size</td><td>{@code process_virtual_memory_bytes}</td></tr>
 * <tr><td>open fds</td><td>{@code process_open_fds}, {@code process_files_open_files} (Micrometer)</td></tr>
 * <tr><td>fd limit</td><td>{@code process_max_fds}, {@code process_files_max_files} (Micrometer)</td></tr>
 * <tr><td>CPU time</td><td>{@code process_cpu_seconds_total} (a counter; the monitor turns it into a percentage)</td></tr>
 * <tr><td>threads</td><td>{@code process_threads}, {@code jvm_threads_live_threads} (Micrometer),
 *     {@code jvm_threads_current} (client_java), {@code go_threads}</td></tr>
 * <tr><td>start time</td><td>{@code process_start_time_seconds}: a new value is a new process, so a restart
 *     ends the target as an exit does ({@link ResourceMonitor})</td></tr>
 * </table>
 * A {@code process_cpu_seconds_total} lower than the last one read is a restart too (a counter only goes back when
 * its process is new, the rule of PromQL's {@code rate}): {@link #read} answers empty, as for a process gone, so a
 * service whose text lacks the start time (or a restart hidden in an outage of its scrapes) is not measured across
 * two processes.
 * What no series gives is NaN (PSS, anonymous memory, swap, sockets, disk I/O and the cgroup limit are not in these
 * collectors). The pid passed to {@link #read} is ignored: there is one process, the endpoint's.
 *
 * <p>A scrape that fails (the endpoint down, a timeout, not Prometheus text) does not end the target: the first
 * failure of a run of them throws (the sampler records it as a warning, with the reason), and the ones after it read
 * as a sample of NaN fields until a scrape answers again, so an outage is a gap in the series and one line in
 * {@code events.jsonl}, not one a sample. Thread-safe.
 */
public final class PrometheusProcessProbe implements ProcessProbe {
    /** The thread-count series, in the order they are tried. */
    static final List<String> THREADS = List.of("process_threads", "jvm_threads_live_threads", "jvm_threads_current", "go_threads");
    private static final double MB = 1024.0 * 1024.0;

    /** Where the text comes from: a fetch of the metrics URL, or a fixed text in tests. */
    @FunctionalInterface
    interface Scrape {
        PrometheusExposition get() throws IOException;
    }

    private final Scrape scrape;
    private final String where;
    private boolean failing;
    private long lastStartTicks = -1;
    /** The CPU counter last read; NaN before one. */
    private double lastCpuSec = Double.NaN;
    /** The text of the last scrape that answered; null after one that failed. */
    private volatile PrometheusExposition last;

    /** Scrapes {@code metricsUrl} with this timeout, an https one checked as {@code tls} says. */
    public PrometheusProcessProbe(URI metricsUrl, Duration timeout, TlsTrust tls) {
        this(metricsUrl, timeout, tls, Map.of());
    }

    /** As {@link #PrometheusProcessProbe(URI, Duration, TlsTrust)}, each scrape sending {@code headers}. */
    public PrometheusProcessProbe(URI metricsUrl, Duration timeout, TlsTrust tls, Map<String, String> headers) {
        this(() -> PrometheusText.fetch(metricsUrl, timeout, tls, headers), metricsUrl.toString());
    }

    PrometheusProcessProbe(Scrape scrape, String where) {
        this.scrape = scrape;
        this.where = where;
    }

    /** Where the text is read, for messages. */
    public String where() {
        return where;
    }

    @Override
    public synchronized Optional<ProcessStats> read(long pid, boolean costly) {
        PrometheusExposition e;
        try {
            e = scrape.get();
        } catch (IOException | RuntimeException ex) {
            last = null;
            if (!failing) {
                failing = true;
                throw new UncheckedIOException("the target's Prometheus text at " + where + " could not be read ("
                        + ex.getMessage() + "); its resources are missing from the samples until it answers again",
                        ex instanceof IOException io ? io : new IOException(ex));
            }
            return Optional.of(unread(pid));
        }
        failing = false;
        last = e;
        ProcessStats s = stats(pid, e);
        if (s.cpuTimeSec() < lastCpuSec) {
            return Optional.empty(); // the counter went back: another process
        }
        remember(s);
        return Optional.of(s);
    }

    private void remember(ProcessStats s) {
        if (s.startTimeTicks() >= 0) {
            lastStartTicks = s.startTimeTicks();
        }
        if (!Double.isNaN(s.cpuTimeSec())) {
            lastCpuSec = s.cpuTimeSec();
        }
    }

    /**
     * The text the last {@link #read} scraped, empty when it failed (or before one): the heap after GC of the same
     * sample is read from it ({@link HeapProfileSource#lastScrapeOf}) rather than from a second request.
     */
    public Optional<PrometheusExposition> lastExposition() {
        return Optional.ofNullable(last);
    }

    /**
     * One scrape, for {@link ProcessLocator} to check before a run (its stats are remembered as a {@link #read}'s
     * are); throws when the text cannot be read.
     */
    synchronized PrometheusExposition readOnce() throws IOException {
        PrometheusExposition e = scrape.get();
        remember(stats(0, e));
        return e;
    }

    /**
     * The first process metric read here that {@code e} holds under more than one label set, with those sets (e.g.
     * {@code process_resident_memory_bytes {instance="a:8080"}, {instance="b:8080"}}): a text of several processes
     * (a federation or an aggregating exporter), of which a scrape would read whichever came first. Empty when each
     * is there once at most.
     */
    static Optional<String> severalProcesses(PrometheusExposition e) {
        List<String> names = new ArrayList<>(List.of("process_resident_memory_bytes", "process_open_fds",
                "process_files_open_files", "process_cpu_seconds_total", "process_start_time_seconds"));
        names.addAll(THREADS);
        for (String name : names) {
            List<Map<String, String>> labelSets = e.series(name).stream().map(PrometheusSample::labels).distinct().toList();
            if (labelSets.size() > 1) {
                return Optional.of(name + " " + String.join(", ", labelSets.stream().limit(4)
                        .map(PrometheusProcessProbe::labelText).toList()) + (labelSets.size() > 4 ? ", …" : ""));
            }
        }
        return Optional.empty();
    }

    private static String labelText(Map<String, String> labels) {
        StringBuilder b = new StringBuilder("{");
        labels.forEach((k, v) -> b.append(b.length() > 1 ? "," : "").append(k).append("=\"").append(v).append('"'));
        return b.append('}').toString();
    }

    /** The process's stats in {@code e}; NaN (start time −1) for what it does not hold. */
    static ProcessStats stats(long pid, PrometheusExposition e) {
        double start = first(e, "process_start_time_seconds");
        double threads = Double.NaN;
        for (String name : THREADS) {
            threads = first(e, name);
            if (!Double.isNaN(threads)) {
                break;
            }
        }
        return new ProcessStats(pid, -1, Double.isNaN(start) ? -1 : Math.round(start * 1000),
                first(e, "process_cpu_seconds_total"), first(e, "process_resident_memory_bytes") / MB,
                first(e, "process_virtual_memory_bytes") / MB, threads,
                firstOf(e, "process_open_fds", "process_files_open_files"), Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, firstOf(e, "process_max_fds", "process_files_max_files"), Double.NaN);
    }

    /**
     * The fields {@code s} lacks that a soak tests or forecasts, each with the series that would give it: empty when
     * it has them all.
     */
    static List<String> missing(ProcessStats s) {
        List<String> out = new ArrayList<>();
        if (Double.isNaN(s.rssMb())) {
            out.add("RSS (process_resident_memory_bytes)");
        }
        if (Double.isNaN(s.openFds())) {
            out.add("open fds (process_open_fds)");
        }
        if (Double.isNaN(s.threads())) {
            out.add("threads (" + String.join(", ", THREADS) + ")");
        }
        if (Double.isNaN(s.cpuTimeSec())) {
            out.add("CPU (process_cpu_seconds_total)");
        }
        if (s.startTimeTicks() < 0) {
            out.add(Double.isNaN(s.cpuTimeSec()) ? "the start time (process_start_time_seconds), so a restart is not seen"
                    : "the start time (process_start_time_seconds), so a restart is seen only when"
                    + " process_cpu_seconds_total goes back");
        }
        return out;
    }

    /** Whether {@code s} holds any of RSS, open fds, threads or CPU time: something of the process to watch. */
    static boolean measuresAnything(ProcessStats s) {
        return !(Double.isNaN(s.rssMb()) && Double.isNaN(s.openFds()) && Double.isNaN(s.threads())
                && Double.isNaN(s.cpuTimeSec()));
    }

    private ProcessStats unread(long pid) {
        return new ProcessStats(pid, -1, lastStartTicks, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    private static double firstOf(PrometheusExposition e, String name, String otherwise) {
        double v = first(e, name);
        return Double.isNaN(v) ? first(e, otherwise) : v;
    }

    private static double first(PrometheusExposition e, String name) {
        OptionalDouble v = e.value(name, Map.of());
        return v.isPresent() && Double.isFinite(v.getAsDouble()) ? v.getAsDouble() : Double.NaN;
    }

    /** No descendants: the process is not on this host. */
    @Override
    public List<Long> descendants(long pid) {
        return List.of();
    }

    @Override
    public String name() {
        return "prometheus";
    }
}
