package dev.soak.monitor;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The process a soak run watches, as {@link ProcessLocator} found it: its pid, how it was found,
 * and — for a process the monitor spawned — the {@link Process}, its output file and its exit code; or, for a
 * process not on this host, the probe that reads it from its Prometheus text ({@link #remote}).
 *
 * <p>Thread-safe: immutable apart from the underlying process's own state.
 */
public final class TargetProcess {

    private final long pid;
    private final String description;
    private final Process spawned;
    private final Path outputFile;
    /** Null: a process of this host. */
    private final PrometheusProcessProbe remote;

    TargetProcess(long pid, String description, Process spawned, Path outputFile) {
        this(pid, description, spawned, outputFile, null);
    }

    private TargetProcess(long pid, String description, Process spawned, Path outputFile, PrometheusProcessProbe remote) {
        this.pid = pid;
        this.description = Objects.requireNonNull(description);
        this.spawned = spawned;
        this.outputFile = outputFile;
        this.remote = remote;
    }

    /**
     * The process behind an endpoint, read from its Prometheus text by {@code probe} (as {@link ProcessLocator#byMetrics}
     * finds it): pid 0, never seen exiting (a restart is, by its start time: {@link ResourceMonitor}), never stopped.
     */
    static TargetProcess remote(PrometheusProcessProbe probe, String description) {
        return new TargetProcess(0, description, null, null, Objects.requireNonNull(probe));
    }

    /** For a remote target ({@link #remote}), the probe that reads it. */
    public Optional<PrometheusProcessProbe> remoteProbe() {
        return Optional.ofNullable(remote);
    }

    /** The pid; 0 for a remote target ({@link #remote}). */
    public long pid() {
        return pid;
    }

    /** How the process was found, e.g. {@code pid 4242 from pid file /run/engram.pid}. */
    public String description() {
        return description;
    }

    /** The process, when the monitor spawned it. */
    public Optional<Process> spawned() {
        return Optional.ofNullable(spawned);
    }

    /** The file holding the spawned process's stdout and stderr, when the monitor spawned it. */
    public Optional<Path> outputFile() {
        return Optional.ofNullable(outputFile);
    }

    /** Whether the process is still running. */
    public boolean isAlive() {
        if (remote != null) {
            return true; // not seen from here: a restart is noticed by its start time
        }
        if (spawned != null) {
            return spawned.isAlive();
        }
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** The exit code once a spawned process has exited; empty while it runs or when it is not our child. */
    public OptionalInt exitCode() {
        if (spawned != null && !spawned.isAlive()) {
            return OptionalInt.of(spawned.exitValue());
        }
        return OptionalInt.empty();
    }

    /**
     * Completes when the process exits: for a spawned child with its exit code (from
     * {@link Process#onExit()}), otherwise without one (the JDK polls a non-child's liveness); never
     * for the current process.
     */
    public CompletableFuture<TargetExit> onExit() {
        if (spawned != null) {
            return spawned.onExit().thenApply(p -> new TargetExit(pid, OptionalInt.of(p.exitValue())));
        }
        if (remote != null || pid == ProcessHandle.current().pid()) {
            // a remote target, or the current JVM (in-process soak, where the JDK refuses onExit()): never seen exiting
            return new CompletableFuture<>();
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty()) {
            return CompletableFuture.completedFuture(new TargetExit(pid, OptionalInt.empty()));
        }
        return handle.get().onExit().thenApply(h -> new TargetExit(pid, OptionalInt.empty()));
    }

    /**
     * Stops a spawned process: SIGTERM (with its descendants), then SIGKILL after {@code grace}.
     * Does nothing for a process the monitor did not spawn.
     *
     * @return true when the process is no longer running
     */
    public boolean stopSpawned(Duration grace) {
        if (spawned == null) {
            return false;
        }
        spawned.descendants().forEach(ProcessHandle::destroy);
        spawned.destroy();
        try {
            if (!spawned.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                spawned.descendants().forEach(ProcessHandle::destroyForcibly);
                spawned.destroyForcibly();
                spawned.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !spawned.isAlive();
    }

    @Override
    public String toString() {
        return description;
    }
}
