package dev.soak;

import dev.soak.load.Operation;
import dev.soak.monitor.ProcessLocator;
import dev.soak.scenario.ArrivalPattern;
import dev.soak.scenario.Scenario;
import dev.soak.scenario.ScenarioBuilder;
import dev.soak.scenario.ScenarioException;
import dev.soak.scenario.ScenarioLoader;
import dev.soak.scenario.TargetSpec;
import dev.soak.scenario.Thresholds;
import dev.soak.soak.SoakException;
import dev.soak.soak.SoakOrchestrator;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The library's entry point: a soak test from a scenario file or built in code, with operations
 * that are any Java call, run inside another harness (a JUnit suite, a JMH set-up, a JBang script).
 *
 * <pre>{@code
 * SoakResult result = Soak.builder("cache")
 *         .duration(Duration.ofSeconds(20))
 *         .arrival(new ArrivalPattern.Constant(2_000))              // operations per second
 *         .thresholds(new Thresholds(500, 1_000_000))               // MB/h leak, %/h p99 drift
 *         .operation("put", 0.3, () -> cache.put(key(), value()))   // any Java call
 *         .operation("get", 0.7, () -> cache.get(key()))
 *         .monitorCurrentJvm()                                      // heap after GC of this JVM
 *         .run();                                                   // blocks ~20 s
 * SoakAssertions.assertThat(result).hasNoMemoryLeak();              // dev.soak.junit
 * }</pre>
 * or, from a TOML scenario (see {@code scenarios/soak/README.md}):
 * <pre>{@code
 * SoakResult r = Soak.scenario(Path.of("scenarios/soak/accelerated_1h_in_10min.toml"))
 *         .operation("checkout", 0.7, () -> client.checkout(cart()))
 *         .monitor(serviceProcessHandle)
 *         .outputDir(Path.of("target/soak/checkout"))
 *         .run();
 * }</pre>
 *
 * <p><b>Validation.</b> Every scenario value set here goes through {@link ScenarioBuilder}, the
 * builder behind the TOML loader, so a bad value fails {@link #run()} with the same
 * {@link ScenarioException} message a TOML file would give (e.g. {@code [soak] time_scale = 0
 * must be a number > 0 ...}), every problem at once. Programming errors in the Java-only settings
 * (a null, a weight ≤ 0, a name given twice) throw {@link IllegalArgumentException} at once.
 *
 * <p><b>Operations.</b> {@link #operation(String, double, Operation)} adds a Java call to the mix
 * with a relative weight; it runs on the driver's worker threads at the arrival pattern's
 * intended times (open model: latency counts from the intended start, so a slow call shows in the
 * latency instead of slowing the load). Returning normally is a success, throwing is an error.
 * Once any Java operation is given, the scenario's own HTTP operations are left out and no HTTP
 * health check is made. A {@code Runnable} or {@code Callable} is passed as {@code r::run} or
 * {@code c::call}.
 *
 * <p><b>What is watched.</b> {@link #monitorCurrentJvm()} (the default when there are Java
 * operations and the scenario names no process): this JVM, its leak verdict on the heap after a
 * full GC (see below); {@link #monitor(long)} / {@link #monitor(ProcessHandle)}: a running process
 * by pid; {@link #monitor(List)}: a command started, watched and stopped by the run. Without any,
 * the scenario's {@code [target]} decides (e.g. {@code kind = "embedded"} starts the reference
 * server).
 *
 * <p><b>In-process measurement.</b> A process's RSS says little about a Java application sharing
 * its JVM with a driver and a test framework, so the current JVM is watched through its heap after
 * garbage collection ({@code heap_after_gc_mb}): by default a full collection runs before each
 * resource sample (every {@code resource_check_interval_sec}) and the heap pools' usage after it is
 * the live set; with {@code monitorCurrentJvm(false)} no collection is forced and the lowest heap
 * seen after the JVM's own collections in each interval is used. What cannot be separated: the
 * driver's own live objects share that heap. The driver keeps them flat — request slots and
 * histograms are preallocated, live checkpoints read the run directory back instead of keeping
 * samples in memory — so they add a constant, not a trend (measured: a 60 s in-process run of a
 * no-op operation at 1,000 ops/s rises ~2 MB in the first 3 s, ~0.3 MB more until 20 s, then stays
 * flat). The JVM's process memory ({@code rss_mb}, {@code pss_mb}, …) belongs to the driver and the
 * test framework as much as to the application, so in-process it is left out of
 * {@code resources.jsonl} (it is in {@code driver.jsonl}, the driver's samples of the same process)
 * and the memory-leak verdict rests on the heap after GC; threads, file descriptors and CPU are
 * recorded as for any process. Soak tests of seconds are coarse: with the default intervals a 20 s
 * in-process run resolves about ±200 MB/h, so such a test sets a leak threshold of some hundreds of
 * MB/h and a leak well above it; finer thresholds need longer runs.
 *
 * <p><b>Time.</b> {@link #duration(Duration)} is scenario time; {@link #timeScale(double)} runs it
 * faster (a 1 h diurnal scenario at time scale 120 lasts 30 wall seconds, its rate curve
 * compressed 120-fold). Thresholds and every reported rate (MB/h, %/h) are per <em>wall</em> hour:
 * a test of seconds needs a strong effect and a threshold to match (a cache leaking 1 KB per call
 * at 2,000 calls/s grows ~7 GB/h; a 20 s run cannot tell 10 MB/h from 0, so such a test sets the
 * leak threshold to, e.g., 500 MB/h). For a scenario built in code, sample, resource and
 * checkpoint intervals not set explicitly are derived from the wall length so that a short run
 * still has enough points: sample interval = wall/60 within [1 s, 10 s], resource check interval
 * = wall/120 within [0.5 s, 60 s], checkpoint interval = wall/4 within [1 s, 1 h].
 *
 * <p><b>Output.</b> Everything is written to a run directory ({@link #outputDir(Path)}, by default a
 * new temporary directory {@code soak-<name>-*} that is kept after the run so that its report can
 * be read): {@code report.txt}, {@code report.json}, {@code report.html}, plots, and the raw
 * series. Progress lines go to {@code System.out} every 10 s unless {@link #progress(PrintStream)}
 * says otherwise.
 *
 * <p>Not thread-safe: configure and {@link #run()} from one thread. A {@code Soak} may be run more
 * than once (each run needs its own output directory).
 */
public final class Soak {
    private final ScenarioBuilder scenario;
    private final TargetSpec fileTarget; // the loaded file's [target]; null when built in code
    private final boolean builtInCode;
    private final Map<String, Op> operations = new LinkedHashMap<>();
    private double wallSec = 300; // tracked for derived intervals (code-built scenarios only)
    private double timeScale = 1;
    private boolean sampleIntervalSet;
    private boolean resourceIntervalSet;
    private boolean checkpointIntervalSet;
    private Watch watch = Watch.SCENARIO;
    private long watchPid;
    private List<String> watchCommand = List.of();
    private boolean forceGc = true;
    private int javaThreads = 2;
    private Path outputDir;
    private OptionalLong seed = OptionalLong.empty();
    private PrintStream progress = System.out;

    private record Op(double weight, Operation operation) {
    }

    private enum Watch { SCENARIO, CURRENT_JVM, PID, COMMAND }

    private Soak(ScenarioBuilder scenario, TargetSpec fileTarget) {
        this.scenario = scenario;
        this.fileTarget = fileTarget;
        this.builtInCode = fileTarget == null;
    }

    /** A soak built in code, named {@code "soak"}, with the scenario defaults of {@link ScenarioBuilder}. */
    public static Soak builder() {
        return builder("soak");
    }

    /** A soak built in code with this name (reports and the default output directory show it). */
    public static Soak builder(String name) {
        return new Soak(ScenarioBuilder.named(Objects.requireNonNull(name, "name")), null);
    }

    /**
     * A soak from a TOML scenario file; the settings called afterwards override the file's.
     *
     * @throws ScenarioException when the file is missing or invalid (every problem, with file and key)
     */
    public static Soak scenario(Path tomlFile) {
        return scenario(ScenarioLoader.load(Objects.requireNonNull(tomlFile, "tomlFile")));
    }

    /** A soak from a scenario already loaded or built; the settings called afterwards override its values. */
    public static Soak scenario(Scenario scenario) {
        Objects.requireNonNull(scenario, "scenario");
        Soak s = new Soak(ScenarioBuilder.from(scenario), scenario.target());
        s.wallSec = scenario.wallSeconds();
        s.timeScale = scenario.soak().timeScale();
        return s;
    }

    // ---- scenario values (validated by ScenarioBuilder on run) ----

    /** {@code [duration] total_seconds}: how long the load runs, in scenario time (wall time is this / time scale). */
    public Soak duration(Duration duration) {
        scenario.duration(Objects.requireNonNull(duration, "duration"));
        wallSec = seconds(duration) / timeScale;
        return this;
    }

    /** {@code [arrival]}: when operations start, e.g. {@code new ArrivalPattern.Constant(500)} or {@code new ArrivalPattern.Poisson(200)}. */
    public Soak arrival(ArrivalPattern arrival) {
        scenario.arrival(Objects.requireNonNull(arrival, "arrival"));
        return this;
    }

    /** {@code [soak.thresholds]}: the practical thresholds, MB per wall hour for memory and % per wall hour for p99 latency. */
    public Soak thresholds(Thresholds thresholds) {
        scenario.thresholds(Objects.requireNonNull(thresholds, "thresholds"));
        return this;
    }

    /** {@code [soak] warmup_sec}: wall time cut from the start before trends are estimated (default: detected). */
    public Soak warmup(Duration warmup) {
        scenario.warmup(Objects.requireNonNull(warmup, "warmup"));
        return this;
    }

    /** {@code [soak] sample_interval_sec}: length of one latency/throughput interval. */
    public Soak sampleInterval(Duration interval) {
        scenario.sampleInterval(Objects.requireNonNull(interval, "interval"));
        sampleIntervalSet = true;
        return this;
    }

    /** {@code [soak] resource_check_interval_sec}: time between resource samples (and forced GCs in-process). */
    public Soak resourceInterval(Duration interval) {
        scenario.resourceCheckInterval(Objects.requireNonNull(interval, "interval"));
        resourceIntervalSet = true;
        return this;
    }

    /** {@code [soak] checkpoint_interval_sec}: time between checkpoints (live analyses). */
    public Soak checkpointInterval(Duration interval) {
        scenario.checkpointInterval(Objects.requireNonNull(interval, "interval"));
        checkpointIntervalSet = true;
        return this;
    }

    /** {@code [soak] time_scale}: scenario seconds per wall second (&gt; 1 compresses the schedule for tests). */
    public Soak timeScale(double scale) {
        scenario.timeScale(scale);
        wallSec = wallSec * timeScale / scale;
        timeScale = scale;
        return this;
    }

    // ---- the run ----

    /** Fixes the arrival times and the operation sequence (default: random, recorded in {@code run.json}). */
    public Soak seed(long seed) {
        this.seed = OptionalLong.of(seed);
        return this;
    }

    /**
     * Adds a Java operation with a relative weight (&gt; 0; weights are normalised over all
     * operations). Called from several driver threads at once: it must be thread-safe.
     *
     * @throws IllegalArgumentException when the weight is not a finite number &gt; 0 or the name is taken
     */
    public Soak operation(String name, double weight, Operation operation) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(operation, "operation");
        if (name.isBlank()) {
            throw new IllegalArgumentException("an operation name must not be blank; it names the operation in the report");
        }
        if (!(weight > 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "weight of operation \"%s\" is %s; it must be a finite number > 0 (weights are relative)", name, weight));
        }
        if (operations.containsKey(name)) {
            throw new IllegalArgumentException("operation \"" + name + "\" is given twice; give each operation a distinct name");
        }
        operations.put(name, new Op(weight, operation));
        return this;
    }

    /** Adds a Java operation with weight 1. */
    public Soak operation(String name, Operation operation) {
        return operation(name, 1, operation);
    }

    /** Threads that run the Java operations (default 2); more when operations block (I/O, locks). */
    public Soak concurrency(int threads) {
        if (threads <= 0) {
            throw new IllegalArgumentException("concurrency = " + threads + " must be > 0 (threads running Java operations)");
        }
        this.javaThreads = threads;
        return this;
    }

    /**
     * Watches this JVM, forcing a full GC before each resource sample so that
     * {@code heap_after_gc_mb} is the live set (see the class comment).
     */
    public Soak monitorCurrentJvm() {
        return monitorCurrentJvm(true);
    }

    /**
     * Watches this JVM; with {@code forceGc == false} no collection is forced and the heap after
     * the JVM's own collections is used (less intrusive, noisier, needs longer runs).
     */
    public Soak monitorCurrentJvm(boolean forceGc) {
        this.watch = Watch.CURRENT_JVM;
        this.forceGc = forceGc;
        return this;
    }

    /** Watches a running process (as {@code [target] pid}). */
    public Soak monitor(long pid) {
        this.watch = Watch.PID;
        this.watchPid = pid;
        return this;
    }

    /** Watches a running process (as {@code [target] pid}). */
    public Soak monitor(ProcessHandle process) {
        return monitor(Objects.requireNonNull(process, "process").pid());
    }

    /**
     * Starts this command, watches it (with its child processes) and stops it at the end, as
     * {@code [target] command}; its output goes to {@code target-output.log} in the run directory.
     */
    public Soak monitor(List<String> command) {
        this.watch = Watch.COMMAND;
        this.watchCommand = List.copyOf(Objects.requireNonNull(command, "command"));
        return this;
    }

    /** The run directory (created when missing; it must not hold a run already). Default: a new temporary directory. */
    public Soak outputDir(Path dir) {
        this.outputDir = Objects.requireNonNull(dir, "dir");
        return this;
    }

    /** Where progress lines and the final summary go (default {@code System.out}); null for none. */
    public Soak progress(PrintStream out) {
        this.progress = out;
        return this;
    }

    /**
     * Validates everything, runs the soak (blocking for its wall duration) and analyses it.
     *
     * @return the verdicts, estimates and where the report is
     * @throws ScenarioException when a scenario value is invalid (same messages as a TOML file)
     * @throws SoakException     when the run cannot start: the process to watch is missing, the
     *                           output directory is unusable, the target does not answer
     */
    public SoakResult run() {
        Scenario built = buildScenario();
        Path dir = outputDir != null ? outputDir : temporaryDirectory(built.name());
        SoakOrchestrator.Builder b = SoakOrchestrator.builder().scenario(built).outputDir(dir).out(progress)
                .terminal(false).javaThreads(javaThreads);
        seed.ifPresent(b::seed);
        operations.forEach((name, op) -> b.operation(name, op.weight(), op.operation()));
        CurrentJvmHeap heap = null;
        if (watchesCurrentJvm(built)) {
            heap = new CurrentJvmHeap(forceGc);
            b.watch(ProcessLocator.byPid(ProcessHandle.current().pid()), heap);
        }
        try {
            return SoakResult.of(b.build().run());
        } finally {
            if (heap != null) {
                heap.close();
            }
        }
    }

    /** The scenario as it will run (validated); for inspection and tests. */
    Scenario buildScenario() {
        if (watch == Watch.PID || watch == Watch.COMMAND) {
            OptionalLong pid = watch == Watch.PID ? OptionalLong.of(watchPid) : OptionalLong.empty();
            List<String> command = watch == Watch.COMMAND ? watchCommand : List.of();
            if (fileTarget != null) {
                scenario.target(new TargetSpec(fileTarget.kind(), fileTarget.endpoint(), pid, Optional.empty(), command,
                        fileTarget.healthPath(), fileTarget.readyTimeoutSec(), fileTarget.faults(), fileTarget.tls(),
                        fileTarget.metricsPath()));
            } else if (pid.isPresent()) {
                scenario.pid(pid.getAsLong());
            } else {
                scenario.command(command);
            }
        }
        if (builtInCode) {
            if (!sampleIntervalSet) {
                scenario.sampleInterval(Duration.ofMillis(Math.round(clamp(wallSec / 60, 1, 10) * 1000)));
            }
            if (!resourceIntervalSet) {
                scenario.resourceCheckInterval(Duration.ofMillis(Math.round(clamp(wallSec / 120, 0.5, 60) * 1000)));
            }
            if (!checkpointIntervalSet) {
                scenario.checkpointInterval(Duration.ofMillis(Math.round(clamp(wallSec / 4, 1, 3600) * 1000)));
            }
        }
        return scenario.build();
    }

    private boolean watchesCurrentJvm(Scenario s) {
        if (watch != Watch.SCENARIO) {
            return watch == Watch.CURRENT_JVM;
        }
        TargetSpec t = s.target();
        return !operations.isEmpty() && t.kind() != TargetSpec.TargetKind.EMBEDDED && t.pid().isEmpty()
                && t.pidFile().isEmpty() && t.command().isEmpty();
    }

    private static Path temporaryDirectory(String name) {
        String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]+", "-").replaceAll("(^-+|-+$)", "");
        try {
            return Files.createTempDirectory("soak-" + (slug.isEmpty() ? "run" : slug) + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary run directory; give one with outputDir(Path)", e);
        }
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    private static double seconds(Duration d) {
        return d.getSeconds() + d.getNano() / 1e9;
    }
}
