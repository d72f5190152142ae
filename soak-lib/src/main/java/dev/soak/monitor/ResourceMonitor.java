package dev.soak.monitor;

import dev.soak.checkpoint.ResourceSample;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * Takes {@link ResourceSample}s of one process, optionally summed over all its descendants.
 *
 * <p>Example: a service at 1.2 GB RSS whose CPU time grew by 0.30 s over the 2.0 s since the last
 * call yields {@code cpu_percent = 15.0} (100 = one core) and {@code rss_mb ≈ 1228.8}. The first
 * sample has no interval, so its {@code cpu_percent} is NaN. With descendants, levels (RSS, threads,
 * fds, sockets, …) are summed over the live tree; a socket or mapping shared by parent and child is
 * counted in each, as {@code lsof} and {@code ps} do. Limits ({@code max_open_files},
 * {@code memory_limit_mb}) are the root process's.
 *
 * <p>{@code pss_mb} and {@code network_connections} are costly (see {@link LinuxProcProbe}) and
 * are read every {@link Builder#costlyInterval(Duration)} (default 30 s), absent in between. The
 * list of descendants is refreshed at the same moments (finding them scans every process: ~15 ms
 * on the benchmark machine); in between, the known descendants are read and any that exited are
 * skipped, so a new child is counted from the next refresh on.
 *
 * <p>A pid reused by a new process is noticed by its start time and reported as gone; so is a remote target
 * ({@link TargetProcess#remote}) whose Prometheus text reports a new start time, i.e. a restart.
 * {@link #sample()} never throws for a process that exits; it returns empty.
 *
 * <p>Thread-safe: {@link #sample()} is synchronized (it keeps the previous CPU reading).
 */
public final class ResourceMonitor {

    private final long pid;
    private final boolean includeDescendants;
    private final ProcessProbe probe;
    private final LongSupplier nanoClock;
    private final long runStartNanos;
    private final DoubleSupplier heapAfterGcMb;
    private final long costlyIntervalNanos;

    /** The root's start time as first read; negative while unknown (an unknown start time is never a new process). */
    private long rootStartTicks = -1;
    private long lastNanos;
    private Map<Long, Double> lastCpuSecByPid = Map.of();
    private boolean gone;
    private boolean costlyTaken;
    private List<Long> knownDescendants = List.of();
    private long lastCostlyNanos;

    private ResourceMonitor(Builder b) {
        this.pid = b.pid;
        this.includeDescendants = b.includeDescendants;
        this.probe = b.probe != null ? b.probe : ProcessProbe.forThisPlatform();
        this.nanoClock = b.nanoClock;
        this.runStartNanos = b.runStartNanos != null ? b.runStartNanos : b.nanoClock.getAsLong();
        this.heapAfterGcMb = b.heapAfterGcMb;
        this.costlyIntervalNanos = b.costlyInterval.toNanos();
    }

    /** A builder for the process with this pid. */
    public static Builder builder(long pid) {
        return new Builder(pid);
    }

    /**
     * A builder for a located process; for a remote one ({@link TargetProcess#remote}), with its
     * {@link PrometheusProcessProbe} as the probe (pid 0: not a process of this host).
     */
    public static Builder builder(TargetProcess target) {
        if (target.remoteProbe().isPresent()) {
            Builder b = new Builder(0, true);
            b.probe = target.remoteProbe().get();
            return b;
        }
        return new Builder(target.pid());
    }

    /** The watched pid; 0 for a remote target ({@link TargetProcess#remote}). */
    public long pid() {
        return pid;
    }

    /** Whether descendants are summed in. */
    public boolean includesDescendants() {
        return includeDescendants;
    }

    /** Seconds since the run start on this monitor's clock, as {@code t_sec} of a sample taken now. */
    public double tSecNow() {
        return (nanoClock.getAsLong() - runStartNanos) / 1e9;
    }

    /** The probe in use ({@code linux-proc} or {@code oshi}). */
    public ProcessProbe probe() {
        return probe;
    }

    /**
     * One sample, {@code t_sec} measured from the run start on the injected clock.
     *
     * @return the sample, or empty once the process has exited (or its pid was reused)
     */
    public synchronized Optional<ResourceSample> sample() {
        if (gone) {
            return Optional.empty();
        }
        long now = nanoClock.getAsLong();
        // 5 % slack, so that a 1 s sampler with a 30 s costly interval takes them every 30th sample, not 31st
        boolean costly = !costlyTaken || now - lastCostlyNanos >= costlyIntervalNanos - costlyIntervalNanos / 20;
        Optional<ProcessStats> rootRead = probe.read(pid, costly);
        if (rootRead.isEmpty()) {
            gone = true;
            return Optional.empty();
        }
        ProcessStats root = rootRead.get();
        if (rootStartTicks < 0) {
            rootStartTicks = root.startTimeTicks();
        } else if (root.startTimeTicks() >= 0 && root.startTimeTicks() != rootStartTicks) {
            gone = true;
            return Optional.empty();
        }
        List<ProcessStats> all = new ArrayList<>();
        all.add(root);
        if (includeDescendants) {
            if (costly) {
                knownDescendants = probe.descendants(pid);
            }
            for (long child : knownDescendants) {
                probe.read(child, costly).ifPresent(all::add);
            }
        }
        Map<Long, Double> cpuByPid = new HashMap<>();
        double cpuDeltaSec = 0;
        for (ProcessStats s : all) {
            cpuByPid.put(s.pid(), s.cpuTimeSec());
            Double before = lastCpuSecByPid.get(s.pid());
            // a descendant first seen now started during the interval (or just appeared): count all its CPU
            cpuDeltaSec += before == null ? (s.pid() == pid ? Double.NaN : s.cpuTimeSec()) : s.cpuTimeSec() - before;
        }
        double cpuPercent = lastCpuSecByPid.isEmpty() || now <= lastNanos ? Double.NaN
                : Math.max(0, cpuDeltaSec) / ((now - lastNanos) / 1e9) * 100.0;
        lastCpuSecByPid = cpuByPid;
        lastNanos = now;
        if (costly) {
            costlyTaken = true;
            lastCostlyNanos = now;
        }

        double tSec = (now - runStartNanos) / 1e9;
        return Optional.of(new ResourceSample(tSec, cpuPercent,
                sum(all, ProcessStats::rssMb), sum(all, ProcessStats::vsizeMb), sum(all, ProcessStats::threads),
                sum(all, ProcessStats::openFds), sum(all, ProcessStats::networkConnections),
                sum(all, ProcessStats::diskIoMb), sum(all, ProcessStats::pssMb), sum(all, ProcessStats::anonMb),
                sum(all, ProcessStats::swapMb), heapAfterGc(), root.maxOpenFiles(),
                root.memoryLimitMb()));
    }

    private double heapAfterGc() {
        try {
            return heapAfterGcMb.getAsDouble();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    /** The sum over processes; NaN when the root's value is NaN (a partial sum would look like a drop). */
    private static double sum(List<ProcessStats> all, java.util.function.ToDoubleFunction<ProcessStats> field) {
        double root = field.applyAsDouble(all.get(0));
        if (Double.isNaN(root)) {
            return Double.NaN;
        }
        double total = root;
        for (int i = 1; i < all.size(); i++) {
            double v = field.applyAsDouble(all.get(i));
            if (!Double.isNaN(v)) {
                total += v;
            }
        }
        return total;
    }

    /** Configures a {@link ResourceMonitor}. Not thread-safe; build once. */
    public static final class Builder {
        private final long pid;
        private boolean includeDescendants;
        private ProcessProbe probe;
        private LongSupplier nanoClock = System::nanoTime;
        private Long runStartNanos;
        private DoubleSupplier heapAfterGcMb = () -> Double.NaN;
        private Duration costlyInterval = Duration.ofSeconds(30);

        private Builder(long pid) {
            this(pid, false);
        }

        private Builder(long pid, boolean remote) {
            if (pid <= 0 && !remote) {
                throw new IllegalArgumentException("pid = " + pid + " must be > 0");
            }
            this.pid = pid;
        }

        /**
         * Sum children, grandchildren, … into each sample (default false). The tree is re-scanned
         * with the costly fields (see {@link #costlyInterval(Duration)}).
         */
        public Builder includeDescendants(boolean include) {
            this.includeDescendants = include;
            return this;
        }

        /** The probe (default {@link ProcessProbe#forThisPlatform()}). */
        public Builder probe(ProcessProbe probe) {
            this.probe = Objects.requireNonNull(probe);
            return this;
        }

        /** The nano-time clock (default {@link System#nanoTime()}); tests pass a fake. */
        public Builder nanoClock(LongSupplier nanoClock) {
            this.nanoClock = Objects.requireNonNull(nanoClock);
            return this;
        }

        /** The run's start on the nano clock, from which {@code t_sec} counts (default: when built). */
        public Builder runStartNanos(long runStartNanos) {
            this.runStartNanos = runStartNanos;
            return this;
        }

        /**
         * Where {@code heap_after_gc_mb} comes from (default: not measured), e.g.
         * {@code () -> source.capture().jvmHeapAfterGcBytes() / 1048576.0} for a {@link HeapProfileSource}.
         */
        public Builder heapAfterGcMb(DoubleSupplier heapAfterGcMb) {
            this.heapAfterGcMb = Objects.requireNonNull(heapAfterGcMb);
            return this;
        }

        /**
         * How often to read the costly fields, {@code pss_mb} and {@code network_connections}
         * (default 30 s; {@link Duration#ZERO} = every sample). They cost tens of milliseconds for a
         * process with a thousand fds and walk its page tables, so a 1 s sampler takes them in the
         * first sample and then every 30th; the samples in between leave them absent (NaN), which
         * is honest and plenty for trends over hours.
         */
        public Builder costlyInterval(Duration costlyInterval) {
            if (costlyInterval.isNegative()) {
                throw new IllegalArgumentException("costlyInterval = " + costlyInterval + " must be >= 0; e.g. Duration.ofSeconds(30)");
            }
            this.costlyInterval = costlyInterval;
            return this;
        }

        /** The monitor. */
        public ResourceMonitor build() {
            return new ResourceMonitor(this);
        }
    }
}
