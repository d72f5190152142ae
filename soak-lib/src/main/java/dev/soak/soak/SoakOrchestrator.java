package dev.soak.soak;

import dev.soak.checkpoint.RunDirectory;
import dev.soak.checkpoint.RunDirectoryException;
import dev.soak.checkpoint.RunDirectoryReader;
import dev.soak.checkpoint.RunInfo;
import dev.soak.checkpoint.RunStatus;
import dev.soak.scenario.Scenario;
import dev.soak.scenario.ScenarioException;
import dev.soak.scenario.ScenarioLoader;
import dev.soak.scenario.ScenarioOverrides;
import dev.soak.scenario.ScenarioToml;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Runs one soak test end to end: starts or finds the target and waits for its health check,
 * preloads, drives the load, samples the target's resources and the driver's own, writes the run
 * directory live, runs the shared {@link dev.soak.detect.Analysis} at each checkpoint (a live look)
 * and writes {@code checkpoints/checkpoint-NNNN.json} with the verdicts so far, watches the abort
 * conditions, shows progress, and at the end writes the report ({@code report.txt} with the seed's
 * markers, {@code report.json}, plots, {@code report.html}) and returns a {@link SoakResult}.
 *
 * <pre>{@code
 * SoakResult r = SoakOrchestrator.builder()
 *         .scenarioFile(Path.of("scenarios/smoke.toml"))
 *         .outputDir(Path.of("runs/smoke"))        // default runs/<name>-<yyyyMMdd-HHmmss>
 *         .seed(42)
 *         .build()
 *         .run();                                   // blocks for the run's wall duration
 * System.exit(r.exitCode());                        // 0 pass, 1 fail/abort, 3 inconclusive
 * }</pre>
 *
 * <p>Files beyond the run-directory format of {@link RunDirectory}: {@code driver.jsonl} (the
 * driver's own samples, see {@link DriverSamplesWriter}), {@code target.log} (the embedded
 * server's output) or {@code target-output.log} (a spawned command's output).
 *
 * <p>Abort conditions ({@code [soak.abort_conditions]}): {@code max_rss_mb}, {@code max_p99_ms} and
 * {@code max_error_rate} breached over a sliding window of {@code sustained_sec}
 * ({@link SustainedLimit}); a leak or drift FAIL at a live look when {@code abort_on_regression};
 * the target process exiting. An abort writes an {@code abort} event with its reason (the report
 * quotes it), keeps every file, sets {@code run.json} status {@code aborted} and exits 1.
 *
 * <p>Interruption: {@link #requestStop()}, or — with {@link Builder#handleSignals(boolean)} — Ctrl-C
 * or SIGTERM through a JVM shutdown hook: sending stops within about 100 ms, in-flight requests
 * drain (at most the request timeout), every file is flushed, {@code run.json} gets status
 * {@code interrupted}, the report is written from the data so far, and the JVM exits 130 (SIGINT)
 * or 143 (SIGTERM) by itself once the hook returns. {@code --resume DIR}
 * ({@link Builder#resume(Path)}) continues such a run in the same directory: {@link RunDirectory#resume}
 * records the gap (a {@code resume} event, {@code run.json} {@code resumes}), {@code t_sec} keeps
 * counting from the original start, the load runs for the remaining planned duration, and every
 * analysis reads both parts.
 *
 * <p>Thread safety: {@link #run()} is called once, by one thread; {@link #requestStop()} may be
 * called from any thread.
 */
public final class SoakOrchestrator {
    private final Builder config;
    private final RunLoop loop;

    private SoakOrchestrator(Builder b) {
        this.config = b;
        this.loop = new RunLoop();
    }

    /** A builder; give at least a scenario (or {@link Builder#resume(Path)}). */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs the soak test and blocks until it ends (completed, aborted or interrupted).
     *
     * @throws SoakException on bad input: a bad or missing scenario, an unusable output directory,
     *                       a target that cannot be started, found or reached (exit code 2)
     */
    public SoakResult run() {
        Prepared p = prepare();
        return loop.run(p, config);
    }

    /** Stops the run as Ctrl-C would: the report is written from the data so far. Idempotent. */
    public void requestStop() {
        loop.requestInterrupt();
    }

    /** The run directory, once {@link #run()} has chosen it. */
    public Optional<Path> runDirectory() {
        return Optional.ofNullable(loop.runDir());
    }

    /** What {@link RunLoop} needs once the input is validated. */
    record Prepared(Scenario scenario, byte[] scenarioToml, Path dir, long seed, boolean resume) {
    }

    private Prepared prepare() {
        if (config.resume != null) {
            Path dir = config.resume;
            if (!Files.isDirectory(dir) || !Files.exists(dir.resolve(RunDirectory.RUN_JSON))) {
                throw new SoakException("--resume " + dir + ": not a run directory (no " + RunDirectory.RUN_JSON + " in it)."
                    + " Give the directory of the interrupted run, e.g. runs/smoke-20261128-061500.");
            }
            RunDirectoryReader reader = RunDirectoryReader.open(dir);
            RunInfo info = reader.runInfo().orElseThrow(() -> new SoakException("--resume " + dir + ": its "
                + RunDirectory.RUN_JSON + " cannot be read (" + reader.runInfoProblem().orElse("unknown problem")
                + "); the run cannot be resumed. Start a new run in another directory."));
            if (info.status() == RunStatus.COMPLETED) {
                throw new SoakException("--resume " + dir + ": that run already completed; there is nothing to resume."
                    + " Analyse it with analyze.java, or start a new run in another directory.");
            }
            Scenario scenario;
            byte[] toml;
            if (config.scenario != null || config.scenarioFile != null) {
                scenario = loadScenario();
            } else {
                toml = reader.scenarioToml().orElseThrow(() -> new SoakException("--resume " + dir + ": "
                    + RunDirectory.SCENARIO_TOML + " is missing; give the scenario file as well."));
                try {
                    scenario = config.overrides.applyTo(ScenarioLoader.parse(new String(toml, StandardCharsets.UTF_8),
                        dir.resolve(RunDirectory.SCENARIO_TOML).toString()), dir.resolve(RunDirectory.SCENARIO_TOML).toString());
                } catch (ScenarioException e) {
                    throw new SoakException(e.getMessage(), e);
                }
            }
            long seed = config.seed.orElse(info.seed());
            return new Prepared(scenario, new byte[0], dir, seed, true);
        }
        Scenario scenario = loadScenario();
        byte[] toml;
        try {
            // The file as written, unless something changed it; a TLS file it names (tls_ca_file, tls_client_*)
            // is read from the scenario's directory, and --resume reads the run directory's copy, so that copy
            // gets those paths made absolute, its comments kept.
            String copy = config.scenarioFile != null && config.overrides.isEmpty() && config.scenario == null
                ? ScenarioToml.withAbsolutePaths(Files.readString(config.scenarioFile), scenario).orElse(null) : null;
            toml = (copy != null ? copy : ScenarioToml.write(scenario)).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SoakException("cannot read " + config.scenarioFile + ": " + e.getMessage(), e);
        }
        Path dir = config.outputDir != null ? config.outputDir : defaultOutputDir(scenario, config.clock);
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new SoakException("--output-dir " + dir + " is a file; give a directory (it is created when missing).");
        }
        if (Files.isDirectory(dir) && RunDirectory.holdsRun(dir)) {
            throw new SoakException("--output-dir " + dir + " already holds a run. A new run would mix its records with"
                + " the old ones: choose another output directory, delete this one, or continue it with --resume " + dir + ".");
        }
        long seed = config.seed.orElseGet(() -> new SecureRandom().nextLong() & Long.MAX_VALUE);
        return new Prepared(scenario, toml, dir, seed, false);
    }

    private Scenario loadScenario() {
        try {
            if (config.scenario != null) {
                return config.overrides.applyTo(config.scenario, "scenario " + config.scenario.name());
            }
            if (config.scenarioFile == null) {
                throw new SoakException("No scenario given. Pass a scenario file, e.g. scenarios/smoke.toml (or --resume DIR).");
            }
            return config.overrides.applyTo(ScenarioLoader.load(config.scenarioFile), config.scenarioFile.toString());
        } catch (ScenarioException e) {
            throw new SoakException(e.getMessage(), e);
        }
    }

    /** {@code runs/<scenario-name>-<yyyyMMdd-HHmmss>}, the name reduced to letters, digits, '-' and '_'. */
    static Path defaultOutputDir(Scenario scenario, Clock clock) {
        String slug = scenario.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]+", "-").replaceAll("(^-+|-+$)", "");
        if (slug.isEmpty()) {
            slug = "run";
        }
        String ts = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT).format(OffsetDateTime.now(clock));
        return Path.of("runs", slug + "-" + ts);
    }

    /**
     * Configures a {@link SoakOrchestrator}. Overrides follow the script's flags and are applied
     * (and validated) like them ({@link ScenarioOverrides}). Not thread-safe; build once.
     */
    public static final class Builder {
        Path scenarioFile;
        Scenario scenario;
        ScenarioOverrides overrides = ScenarioOverrides.none();
        Path outputDir;
        Path resume;
        OptionalLong seed = OptionalLong.empty();
        Clock clock = Clock.systemDefaultZone();
        PrintStream out = System.out;
        Boolean terminal;
        boolean handleSignals;
        double plainProgressSec = 10;
        java.net.InetSocketAddress metricsListen;
        /** The run directory's free space; null: its file system's (tests give a small one). */
        java.util.function.LongSupplier usableSpace;
        /** Load seconds before the run directory's disk is first looked at, ahead of any checkpoint. */
        double diskFirstLookSec = 60;
        final JavaTarget java = new JavaTarget();

        private Builder() {
        }

        /** The scenario TOML file (validated when the run starts). */
        public Builder scenarioFile(Path file) {
            this.scenarioFile = Objects.requireNonNull(file, "file");
            return this;
        }

        /** A scenario built in code ({@code scenario.toml} is then written with {@link ScenarioToml}). */
        public Builder scenario(Scenario s) {
            this.scenario = Objects.requireNonNull(s, "scenario");
            return this;
        }

        /** The script's overrides ({@code --duration-hours}, {@code --checkpoint-interval}, {@code --endpoint}, {@code --time-scale}). */
        public Builder overrides(ScenarioOverrides o) {
            this.overrides = Objects.requireNonNull(o, "overrides");
            return this;
        }

        /** {@code --duration-hours}: scenario hours (wall time is that divided by {@code time_scale}). */
        public Builder durationHours(double hours) {
            overrides = new ScenarioOverrides(OptionalDouble.of(hours), overrides.maxDurationHours(),
                overrides.checkpointIntervalHours(), overrides.endpoint(), overrides.timeScale());
            return this;
        }

        /** {@code --max-duration-hours}: scenario hours an INCONCLUSIVE run may be extended to ({@code [duration] max_total_seconds}). */
        public Builder maxDurationHours(double hours) {
            overrides = new ScenarioOverrides(overrides.durationHours(), OptionalDouble.of(hours),
                overrides.checkpointIntervalHours(), overrides.endpoint(), overrides.timeScale());
            return this;
        }

        /** {@code --checkpoint-interval}: hours between checkpoints. */
        public Builder checkpointIntervalHours(double hours) {
            overrides = new ScenarioOverrides(overrides.durationHours(), overrides.maxDurationHours(),
                OptionalDouble.of(hours), overrides.endpoint(), overrides.timeScale());
            return this;
        }

        /** {@code --endpoint}: drive this URL (an embedded target is then not started; the process is found by port). */
        public Builder endpoint(String url) {
            overrides = new ScenarioOverrides(overrides.durationHours(), overrides.maxDurationHours(),
                overrides.checkpointIntervalHours(), Optional.of(url), overrides.timeScale());
            return this;
        }

        /** {@code --time-scale}: scenario seconds per wall second. */
        public Builder timeScale(double k) {
            overrides = new ScenarioOverrides(overrides.durationHours(), overrides.maxDurationHours(),
                overrides.checkpointIntervalHours(), overrides.endpoint(), OptionalDouble.of(k));
            return this;
        }

        /** {@code --output-dir}; default {@code runs/<scenario-name>-<yyyyMMdd-HHmmss>}. */
        public Builder outputDir(Path dir) {
            this.outputDir = dir;
            return this;
        }

        /** {@code --resume DIR}: continue the interrupted run in {@code dir}. */
        public Builder resume(Path dir) {
            this.resume = dir;
            return this;
        }

        /** {@code --seed}; default random (recorded in {@code run.json}; a resume reuses it). */
        public Builder seed(long s) {
            this.seed = OptionalLong.of(s);
            return this;
        }

        /** The wall clock of {@code run.json} times and of the default output directory's name. */
        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c, "clock");
            return this;
        }

        /** Where progress and the summary go (default {@code System.out}); null for silence. */
        public Builder out(PrintStream o) {
            this.out = o;
            return this;
        }

        /** Redrawn ANSI progress (true) or plain lines (false); default: whether {@code System.console() != null}. */
        public Builder terminal(boolean t) {
            this.terminal = t;
            return this;
        }

        /** Install a JVM shutdown hook so that Ctrl-C / SIGTERM end the run cleanly (scripts: true). */
        public Builder handleSignals(boolean h) {
            this.handleSignals = h;
            return this;
        }

        /**
         * Serve the run's live state as Prometheus text at {@code http://ADDRESS/metrics} while it runs
         * ({@link LiveMetrics}; {@code soak.java --metrics-listen}); port 0 takes any free one. Default: not served.
         */
        public Builder metricsListen(java.net.InetSocketAddress address) {
            this.metricsListen = Objects.requireNonNull(address, "address");
            return this;
        }

        /**
         * {@link #metricsListen(java.net.InetSocketAddress)} from {@code --metrics-listen [HOST:]PORT} (HOST default
         * 127.0.0.1).
         *
         * @throws SoakException when {@code spec} is no such address
         */
        public Builder metricsListen(String spec) {
            return metricsListen(LiveMetricsServer.address(spec));
        }

        /** Seconds between plain progress lines when not on a terminal (default 10). */
        public Builder plainProgressSec(double sec) {
            if (!(sec > 0)) {
                throw new IllegalArgumentException("plainProgressSec = " + sec + " must be > 0");
            }
            this.plainProgressSec = sec;
            return this;
        }

        /**
         * Adds a plain Java operation to the mix with a relative weight (> 0): the in-process soak
         * of the library API. Once any is given, the scenario's own (HTTP) operations are left out,
         * and the target is only watched: an {@code embedded} target is still started, any other is
         * found by {@code pid}, {@code pid_file} or {@code command} without a health check.
         */
        public Builder operation(String name, double weight, dev.soak.load.Operation operation) {
            java.add(name, weight, operation);
            return this;
        }

        /** Threads that run Java operations (default 2). */
        public Builder javaThreads(int threads) {
            if (threads <= 0) {
                throw new IllegalArgumentException("javaThreads = " + threads + " must be > 0");
            }
            java.javaThreads = threads;
            return this;
        }

        /**
         * Watches this process instead of starting or finding the scenario's {@code [target]}: no
         * health check, and the process is left running at the end. Heap figures come from
         * {@code heap} (e.g. the current JVM's), or, when null, as for any target (its Prometheus
         * endpoint, else JMX for another JVM). The source is closed at the end of the run.
         */
        public Builder watch(dev.soak.monitor.TargetProcess process, dev.soak.monitor.HeapProfileSource heap) {
            java.watched = Objects.requireNonNull(process, "process");
            java.watchedHeap = heap;
            return this;
        }

        public SoakOrchestrator build() {
            if (scenario != null && scenarioFile != null) {
                throw new IllegalStateException("give either scenario(...) or scenarioFile(...), not both");
            }
            if (scenario == null && scenarioFile == null && resume == null) {
                throw new IllegalStateException("no scenario: call scenarioFile(path), scenario(s) or resume(dir)");
            }
            if (resume != null && outputDir != null && !resume.equals(outputDir)) {
                throw new IllegalStateException("--resume writes into its own directory; drop --output-dir " + outputDir);
            }
            return new SoakOrchestrator(this);
        }
    }

    static RuntimeException badDirectory(RunDirectoryException e) {
        return new SoakException(e.getMessage(), e);
    }
}
