package dev.soak.monitor;

import dev.soak.checkpoint.HeapProfile;
import dev.soak.tls.TlsTrust;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Where a target's heap profile comes from. {@link #capture()} never throws: a source that cannot
 * be read returns {@link HeapProfile#none()}-like values (NaN fields), so a checkpoint is never
 * lost to a metrics endpoint being down.
 *
 * <p>Factories: {@link #prometheus(URI, Duration)} (a target's Prometheus text, e.g. Engram's
 * {@code /metrics/prometheus}), {@link #jvm(long)} (another local JVM, through the attach API and
 * JMX), {@link #inProcess()} (the current JVM). Implementations are thread-safe.
 */
public interface HeapProfileSource extends AutoCloseable {

    /** The current profile; NaN fields for what could not be read. */
    HeapProfile capture();

    /** Releases a connection, if the source holds one. */
    @Override
    default void close() {
    }

    /** Polls {@code metricsUrl} (Prometheus text) with this timeout per request. */
    static HeapProfileSource prometheus(URI metricsUrl, Duration timeout) {
        return prometheus(metricsUrl, timeout, TlsTrust.DEFAULT);
    }

    /** Polls {@code metricsUrl}; an https one is checked as {@code tls} says ({@code [target] tls_*}). */
    static HeapProfileSource prometheus(URI metricsUrl, Duration timeout, TlsTrust tls) {
        return prometheus(metricsUrl, timeout, tls, Map.of());
    }

    /** As {@link #prometheus(URI, Duration, TlsTrust)}, each request sending {@code headers}. */
    static HeapProfileSource prometheus(URI metricsUrl, Duration timeout, TlsTrust tls, Map<String, String> headers) {
        return () -> {
            try {
                return HeapProfiles.fromPrometheus(PrometheusText.fetch(metricsUrl, timeout, tls, headers));
            } catch (IOException | RuntimeException e) {
                return HeapProfile.none();
            }
        };
    }

    /**
     * The heap profile in the text {@code probe} scraped last: for a remote target, whose resource sample has just read
     * its Prometheus text ({@link ResourceMonitor} reads the heap after the process), one request a sample.
     */
    static HeapProfileSource lastScrapeOf(PrometheusProcessProbe probe) {
        return () -> probe.lastExposition().map(HeapProfiles::fromPrometheus).orElseGet(HeapProfile::none);
    }

    /** Another JVM on this host, by pid (attach API + JMX; see {@link JvmAttachHeapSource}). */
    static HeapProfileSource jvm(long pid) {
        return new JvmAttachHeapSource(pid);
    }

    /** The current JVM's pools. */
    static HeapProfileSource inProcess() {
        return HeapProfiles::inProcess;
    }

    /**
     * Field by field, the first source that measured it (not NaN); the source name joins the
     * contributing sources with {@code +}, e.g. {@code prometheus+jmx}, or {@code none}. Closing
     * it closes every part.
     */
    static HeapProfileSource firstMeasured(HeapProfileSource... sources) {
        java.util.List<HeapProfileSource> parts = java.util.List.of(sources);
        return new HeapProfileSource() {
            @Override
            public HeapProfile capture() {
                java.util.List<HeapProfile> profiles = new java.util.ArrayList<>();
                for (HeapProfileSource s : parts) {
                    profiles.add(s.capture());
                }
                return HeapProfiles.firstMeasured(profiles);
            }

            @Override
            public void close() {
                parts.forEach(HeapProfileSource::close);
            }
        };
    }

    /**
     * The usual source for a watched service: its Prometheus text at {@code metricsUrl} (e.g.
     * {@code http://localhost:7432/metrics/prometheus}), and, when the process is a local JVM other
     * than this one, its heap after GC over JMX to fill what the metrics do not give.
     */
    static HeapProfileSource forTarget(URI metricsUrl, TargetProcess target, Duration timeout) {
        return forTarget(metricsUrl, target, timeout, TlsTrust.DEFAULT);
    }

    /** As {@link #forTarget(URI, TargetProcess, Duration)}, an https {@code metricsUrl} checked as {@code tls} says. */
    static HeapProfileSource forTarget(URI metricsUrl, TargetProcess target, Duration timeout, TlsTrust tls) {
        return forTarget(metricsUrl, target, timeout, tls, Map.of());
    }

    /** As {@link #forTarget(URI, TargetProcess, Duration, TlsTrust)}, each scrape sending {@code headers}. */
    static HeapProfileSource forTarget(URI metricsUrl, TargetProcess target, Duration timeout, TlsTrust tls,
                                       Map<String, String> headers) {
        boolean jvm = target.pid() != ProcessHandle.current().pid()
                && ProcessHandle.of(target.pid()).flatMap(h -> h.info().command())
                        .map(c -> c.endsWith("/java") || c.endsWith("\\java.exe") || c.equals("java")).orElse(false);
        HeapProfileSource scrape = prometheus(metricsUrl, timeout, tls, headers);
        return jvm ? firstMeasured(scrape, jvm(target.pid())) : scrape;
    }
}
