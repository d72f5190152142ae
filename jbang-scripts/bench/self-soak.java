///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS dev.soak:soak-lib:0.1.0-SNAPSHOT
//DEPS info.picocli:picocli:4.7.7
//JAVA_OPTIONS -Xmx1g

import dev.soak.checkpoint.RunDirectory;
import dev.soak.checkpoint.RunEvent;
import dev.soak.checkpoint.RunInfo;
import dev.soak.checkpoint.RunStatus;
import dev.soak.load.LoadDriver;
import dev.soak.monitor.ResourceMonitor;
import dev.soak.monitor.ResourceSampler;
import dev.soak.monitor.SelfMonitor;
import dev.soak.reference.EmbeddedTarget;
import dev.soak.reference.ReferenceServerOptions;
import dev.soak.report.Analyze;
import dev.soak.scenario.FaultSpec;
import dev.soak.scenario.Scenario;
import dev.soak.scenario.ScenarioLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Self-soak: does the load driver itself stay flat? Drives the embedded reference server at a
 * constant rate for a long time and writes a run directory whose {@code resources.jsonl} holds the
 * <em>driver's own</em> samples (RSS, heap after GC, threads, fds of this JVM), so that Soak's own
 * detector ({@code analyze}) judges the driver. The target's samples go to {@code target.jsonl}.
 *
 * <p>How to run: {@code jbang-scripts/bench/self-soak.java --minutes 45 --rate 1000 --output-dir runs/self-soak}.
 * What you will see: a line per minute (achieved rate, driver RSS and heap after GC), then the
 * analyze summary of the driver's series (PASS expected: no leak in RSS or heap after GC).
 */
@Command(name = "self-soak", mixinStandardHelpOptions = true,
        description = "Drive the embedded reference server for a long time and analyse the driver's own RSS and heap after GC.")
class self_soak implements Callable<Integer> {
    @Option(names = "--minutes", description = "Wall minutes of load (default ${DEFAULT-VALUE}).", defaultValue = "35")
    double minutes;

    @Option(names = "--warmup-minutes", description = "Declared warm-up excluded from the trend tests: the JVM grows its heap to its working size (default ${DEFAULT-VALUE}).", defaultValue = "10")
    double warmupMinutes;

    @Option(names = "--rate", description = "Constant rate in ops/s (default ${DEFAULT-VALUE}).", defaultValue = "1000")
    double rate;

    @Option(names = "--output-dir", description = "Run directory to write (must not hold a run).", required = true)
    Path outputDir;

    public static void main(String... args) { System.exit(new CommandLine(new self_soak()).execute(args)); }

    @Override
    public Integer call() throws Exception {
        String toml = String.format(Locale.ROOT, """
                name = "self-soak"
                description = "the driver's own footprint at a constant rate"
                [duration]
                total_seconds = %f
                [arrival]
                pattern = "constant"
                rate = %f
                [operations]
                store_weight = 40.0
                recall_weight = 40.0
                embedding_search_weight = 15.0
                pattern_completion_weight = 5.0
                [data]
                num_nodes = 1000
                embedding_dim = 128
                [target]
                kind = "embedded"
                [soak]
                checkpoint_interval_sec = 300
                resource_check_interval_sec = 5
                sample_interval_sec = 10
                warmup_sec = %d
                """, minutes * 60, rate, Math.round(warmupMinutes * 60));
        Scenario scenario = ScenarioLoader.parse(toml, "self-soak");
        long runStartNanos = System.nanoTime();
        OffsetDateTime start = OffsetDateTime.now();
        try (EmbeddedTarget target = EmbeddedTarget.start(
                ReferenceServerOptions.fromFaultSpec(FaultSpec.none()).toBuilder().embeddingDim(128).build(),
                outputDir.resolve("target.log"), Duration.ofSeconds(30));
             RunDirectory run = RunDirectory.create(outputDir, RunInfo.newRun("self-soak (driver's own samples)", start, 42,
                     OptionalLong.of(ProcessHandle.current().pid()), Optional.empty()), toml.getBytes(StandardCharsets.UTF_8))) {
            LoadDriver driver = LoadDriver.builder(scenario).endpoint(target.endpoint()).seed(42)
                    .sampleInterval(Duration.ofSeconds(10)).build();
            driver.preload((d, f, t) -> { });
            SelfMonitor self = SelfMonitor.create(runStartNanos);
            ResourceMonitor targetMonitor = ResourceMonitor.builder(target.pid()).runStartNanos(runStartNanos).build();
            var targetLines = new java.io.PrintWriter(java.nio.file.Files.newBufferedWriter(outputDir.resolve("target.jsonl")), true);
            ResourceSampler sampler = ResourceSampler.builder(targetMonitor).interval(Duration.ofSeconds(5))
                    .onSample(s -> targetLines.println(String.format(Locale.ROOT, "{\"t_sec\":%.3f,\"rss_mb\":%.3f,\"threads\":%.0f}",
                            s.tSec(), s.rssMb(), s.threads())))
                    .onEvent(run.events()::append)
                    .self(self, s -> run.resources().append(s.resources()))
                    .build();
            double offset = (System.nanoTime() - runStartNanos) / 1e9;
            sampler.start();
            driver.start((m, c, u) -> {
                run.metrics().append(m.shiftedBy(offset));
            });
            long end = System.nanoTime() + (long) (minutes * 60e9);
            while (System.nanoTime() < end) {
                Thread.sleep(Math.min(60_000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
                var st = driver.status();
                Runtime rt = Runtime.getRuntime();
                System.out.printf(Locale.ROOT, "%6.0f s  achieved %.0f ops/s  p99 %.2f ms  errors %d  late %d  dropped %d  heap used %.1f MB%n",
                        st.elapsedSec(), st.achievedRate(), st.lastP99Ms(), st.errors(), st.late(), st.dropped(),
                        (rt.totalMemory() - rt.freeMemory()) / 1048576.0);
                run.sync();
            }
            driver.stop();
            sampler.stop();
            targetLines.close();
            run.events().append(RunEvent.info((System.nanoTime() - runStartNanos) / 1e9, "end", "self-soak finished"));
            run.finish(RunStatus.COMPLETED, OffsetDateTime.now());
        }
        Analyze.Result r = Analyze.run(Analyze.Options.of(outputDir));
        System.out.println(r.summary());
        return r.exitCode();
    }
}
