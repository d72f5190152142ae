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
 * and — for a process the monitor spawned — the {@link Process}, its output file and its exit code.
 *
 * <p>Thread-safe: immutable apart from the underlying process's own state.
 */
public final class TargetProcess {

    private final long pid;
    private final String description;
    private final Process spawned;
    private final Path outputFile;

    TargetProcess(long pid, String description, Process spawned, Path outputFile) {
        this.pid = pid;
        this.description = Objects.requireNonNull(description);
        this.spawned = spawned;
        this.outputFile = outputFile;
    }

    /** The pid. */
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
        if (pid == ProcessHandle.current().pid()) {
            return new CompletableFuture<>(); // the current JVM (in-process soak): never seen exiting, and the JDK refuses onExit()
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
