package dev.soak.monitor;

import dev.soak.checkpoint.ResourceSample;
import dev.soak.checkpoint.RunEvent;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Samples a {@link ResourceMonitor} (and optionally a {@link SelfMonitor}) at a fixed interval on a
 * daemon thread and hands each sample to a listener.
 *
 * <p>When the target exits, one {@code target_exit} {@link RunEvent} goes to the event listener —
 * with the exit code for a spawned child (from {@link Process#onExit()}) — either from the exit hook
 * of the {@link TargetProcess} or from the first sample that finds the process gone, whichever comes
 * first; target sampling then stops (self-sampling goes on until {@link #stop()}). Nothing thrown by
 * the probe or by a listener escapes the loop: it becomes a {@code warning} event and sampling
 * continues.
 *
 * <pre>{@code
 * try (var sampler = ResourceSampler.builder(monitor).target(target).interval(Duration.ofSeconds(1))
 *         .onSample(writer::write).onEvent(events::write).build()) {
 *     sampler.start();
 *     ... run the load ...
 * }  // close() = stop()
 * }</pre>
 *
 * <p>The scheduler is injectable; {@link #sampleNow()} is the tick it runs, so tests drive the
 * sampler with a fake clock and no sleeping. Thread-safe: ticks are serialized; start/stop may be
 * called from any thread.
 */
public final class ResourceSampler implements AutoCloseable {

    private final ResourceMonitor monitor;
    private final TargetProcess target;
    private final Duration interval;
    private final Consumer<ResourceSample> onSample;
    private final Consumer<RunEvent> onEvent;
    private final SelfMonitor self;
    private final Consumer<SelfSample> onSelfSample;
    private final ScheduledExecutorService scheduler;
    private final boolean ownsScheduler;
    private final AtomicBoolean exitReported = new AtomicBoolean();
    private final Object tickLock = new Object();
    private volatile boolean stopped;
    private ScheduledFuture<?> task;

    private ResourceSampler(Builder b) {
        this.monitor = b.monitor;
        this.target = b.target;
        this.interval = b.interval;
        this.onSample = b.onSample;
        this.onEvent = b.onEvent;
        this.self = b.self;
        this.onSelfSample = b.onSelfSample;
        this.ownsScheduler = b.scheduler == null;
        this.scheduler = b.scheduler != null ? b.scheduler : daemonScheduler();
    }

    /** A builder sampling this monitor. */
    public static Builder builder(ResourceMonitor monitor) {
        return new Builder(monitor);
    }

    /** Starts sampling now and then every interval. Idempotent while running. */
    public synchronized void start() {
        if (stopped) {
            throw new IllegalStateException("this sampler was stopped; build a new one to sample again");
        }
        if (task != null) {
            return;
        }
        if (target != null) {
            CompletableFuture<TargetExit> exit = target.onExit();
            exit.thenAccept(e -> {
                if (!stopped) {
                    reportExit(e.exitCode());
                }
            });
        }
        task = scheduler.scheduleAtFixedRate(this::sampleNow, 0, interval.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Stops sampling (waits up to 5 s for a tick in progress); idempotent. */
    public void stop() {
        synchronized (this) {
            stopped = true;
            if (task != null) {
                task.cancel(false);
            }
        }
        if (ownsScheduler) {
            scheduler.shutdown();
            try {
                scheduler.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** Whether the target's exit has been reported. */
    public boolean targetExited() {
        return exitReported.get();
    }

    /** One tick: sample the target (unless it has exited) and self; never throws. */
    public void sampleNow() {
        synchronized (tickLock) {
            tick();
        }
    }

    private void tick() {
        if (stopped) {
            return;
        }
        if (!exitReported.get()) {
            try {
                Optional<ResourceSample> s = monitor.sample();
                if (s.isPresent()) {
                    deliver(onSample, s.get(), "sample listener");
                } else {
                    reportExit(exitCodeSoon());
                }
            } catch (Throwable t) {
                warn(monitor.pid() > 0 ? "resource sampling of pid " + monitor.pid() + " failed: " + t
                        : "resource sampling failed: " + t.getMessage());
            }
        }
        if (self != null) {
            try {
                deliver(onSelfSample, self.sample(), "self-sample listener");
            } catch (Throwable t) {
                warn("self-sampling failed: " + t);
            }
        }
    }

    /** For a spawned child, its exit code (waiting up to 1 s for the JDK to reap it); else empty. */
    private OptionalInt exitCodeSoon() {
        if (target == null || target.spawned().isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            if (target.spawned().get().waitFor(1, TimeUnit.SECONDS)) {
                return target.exitCode();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return OptionalInt.empty();
    }

    private void reportExit(OptionalInt exitCode) {
        if (!exitReported.compareAndSet(false, true)) {
            return;
        }
        TargetExit exit = new TargetExit(monitor.pid(), exitCode);
        Map<String, Object> details = new LinkedHashMap<>();
        if (monitor.pid() > 0) {
            details.put("pid", monitor.pid());
        }
        exitCode.ifPresent(c -> details.put("exit_code", c));
        emit(new RunEvent(monitor.tSecNow(), "target_exit", "error", exit.message(), details));
    }

    private void warn(String message) {
        emit(new RunEvent(monitor.tSecNow(), "warning", "warn", message, Map.of()));
    }

    private void emit(RunEvent e) {
        try {
            onEvent.accept(e);
        } catch (Throwable ignored) {
            // an event listener that throws must not stop sampling
        }
    }

    private <T> void deliver(Consumer<T> listener, T value, String what) {
        try {
            listener.accept(value);
        } catch (Throwable t) {
            emit(new RunEvent(monitor.tSecNow(), "warning", "warn", what + " failed: " + t, Map.of()));
        }
    }

    private static ScheduledExecutorService daemonScheduler() {
        ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "soak-resource-sampler");
            t.setDaemon(true);
            return t;
        });
        s.setRemoveOnCancelPolicy(true);
        return s;
    }

    /** Configures a {@link ResourceSampler}. Not thread-safe; build once. */
    public static final class Builder {
        private final ResourceMonitor monitor;
        private TargetProcess target;
        private Duration interval = Duration.ofSeconds(1);
        private Consumer<ResourceSample> onSample = s -> { };
        private Consumer<RunEvent> onEvent = e -> { };
        private SelfMonitor self;
        private Consumer<SelfSample> onSelfSample = s -> { };
        private ScheduledExecutorService scheduler;

        private Builder(ResourceMonitor monitor) {
            this.monitor = Objects.requireNonNull(monitor);
        }

        /** The located target: gives the exit code of a spawned child and an exit hook. */
        public Builder target(TargetProcess target) {
            if (target.pid() != monitor.pid()) {
                throw new IllegalArgumentException("target pid " + target.pid() + " differs from the monitor's pid "
                        + monitor.pid() + "; build the monitor with ResourceMonitor.builder(target)");
            }
            this.target = target;
            return this;
        }

        /** The sampling interval, default 1 s ({@code [soak] resource_check_interval_sec}). */
        public Builder interval(Duration interval) {
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("interval = " + interval + " must be > 0; e.g. Duration.ofSeconds(1)");
            }
            this.interval = interval;
            return this;
        }

        /** Receives every target sample (on the sampler thread). */
        public Builder onSample(Consumer<ResourceSample> onSample) {
            this.onSample = Objects.requireNonNull(onSample);
            return this;
        }

        /** Receives {@code target_exit} and {@code warning} events (on the sampler thread or the exit hook's). */
        public Builder onEvent(Consumer<RunEvent> onEvent) {
            this.onEvent = Objects.requireNonNull(onEvent);
            return this;
        }

        /** Also samples the driver itself each tick. */
        public Builder self(SelfMonitor self, Consumer<SelfSample> onSelfSample) {
            this.self = Objects.requireNonNull(self);
            this.onSelfSample = Objects.requireNonNull(onSelfSample);
            return this;
        }

        /** The scheduler to run ticks on (default: a private single daemon thread, shut down by {@link #stop()}). */
        public Builder scheduler(ScheduledExecutorService scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler);
            return this;
        }

        /** The sampler, not yet started. */
        public ResourceSampler build() {
            return new ResourceSampler(this);
        }
    }
}
