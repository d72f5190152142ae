package dev.soak.monitor;

import dev.soak.checkpoint.HeapProfile;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;

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
        return () -> {
            try {
                return HeapProfiles.fromPrometheus(PrometheusText.fetch(metricsUrl, timeout));
            } catch (IOException | RuntimeException e) {
                return HeapProfile.none();
            }
        };
    }

    /** Another JVM on this host, by pid (attach API + JMX; see {@link JvmAttachHeapSource}). */
    static HeapProfileSource jvm(long pid) {
        return new JvmAttachHeapSource(pid);
    }

    /** The current JVM's pools. */
    static HeapProfileSource inProcess() {
        return HeapProfiles::inProcess;
    }
}
