package dev.soak.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.soak.checkpoint.RunDirectoryReader;
import dev.soak.checkpoint.RunEvent;
import dev.soak.checkpoint.RunStatus;
import dev.soak.report.ReportModel;
import dev.soak.report.RunAnalysis;
import dev.soak.report.RunData;
import dev.soak.report.RunLoader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole soak runs, time-compressed with strong faults: the embedded reference server as a real
 * child process, real HTTP on 127.0.0.1, the real run directory, checkpoints and report.
 */
@Tag("integration")
class SoakRunIntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    static String scenario(String name, double seconds, double rate, String faults, String extraSoak) {
        return """
            name = "%s"
            [duration]
            total_seconds = %s
            [arrival]
            pattern = "constant"
            rate = %s
            [operations]
            store_weight = 0.5
            recall_weight = 0.3
            embedding_search_weight = 0.2
            [data]
            num_nodes = 200
            embedding_dim = 32
            [target]
            kind = "embedded"
            ready_timeout_sec = 60
            [target.faults]
            %s
            [soak]
            checkpoint_interval_sec = 10
            resource_check_interval_sec = 0.5
            sample_interval_sec = 1
            warmup_sec = 4
            %s
            """.formatted(name, seconds, rate, faults, extraSoak);
    }

    record Run(SoakResult result, String output, Path dir) {
        String reportTxt() throws IOException {
            return Files.readString(dir.resolve("report.txt"));
        }

        List<RunEvent> events() {
            return RunDirectoryReader.open(dir).events().rows();
        }
    }

    Run run(String toml) throws IOException {
        Path file = tmp.resolve("scenario.toml");
        Files.writeString(file, toml);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Path dir = tmp.resolve("run");
        SoakResult r = SoakOrchestrator.builder().scenarioFile(file).outputDir(dir).seed(7)
            .out(new PrintStream(out, true, StandardCharsets.UTF_8)).terminal(false).build().run();
        return new Run(r, out.toString(StandardCharsets.UTF_8), dir);
    }

    @Test
    void memoryLeak_fails_withMarker_andRateNearTheInjectedOne() throws IOException {
        double injected = 3600; // MB per wall hour: 1 MB/s
        Run r = run(scenario("it-leak", 40, 100, "leak_mb_per_hour = " + injected,
            "[soak.thresholds]\nmemory_leak_mb_per_hour = 100.0"));
        System.out.println(r.output());
        assertThat(r.result().exitCode()).isEqualTo(1);
        assertThat(r.result().status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(r.reportTxt()).contains("MEMORY_LEAK_DETECTED");
        ReportModel m = r.result().report().orElseThrow();
        ReportModel.MetricVerdict failed = m.verdicts().stream()
            .filter(v -> v.kind() == ReportModel.Kind.LEAK && v.verdict() == ReportModel.Verdict.FAIL)
            .filter(v -> Math.abs(v.estimate() - injected) <= 0.25 * injected)
            .findFirst().orElse(null);
        assertThat(failed).as("a leak FAIL within 25 %% of %s MB/h among %s", injected, m.verdicts()).isNotNull();
        assertCompleteDirectory(r.dir());
    }

    @Test
    void latencyDrift_fails_withMarker() throws IOException {
        // service time 10 ms growing x15 over the 60 s: it must stand out of the latency spikes of a busy
        // shared machine, yet stay within the server's 8 threads at 50 ops/s (a drift, not a saturation)
        Run r = run(scenario("it-drift", 60, 50, "base_latency_ms = 10.0\nlatency_drift_pct_per_hour = 1.0e72", ""));
        System.out.println(r.output());
        assertThat(r.reportTxt()).contains("LATENCY_DRIFT_DETECTED");
        assertThat(r.result().exitCode()).isEqualTo(1);
        assertThat(r.result().report().orElseThrow().driftDetected()).isTrue();
    }

    @Test
    void fdLeak_givesAnExhaustionForecast_andFails() throws IOException {
        double perMinute = 3000;
        Run r = run(scenario("it-fd-leak", 30, 50, "fd_leak_per_minute = " + perMinute, ""));
        System.out.println(r.output());
        ReportModel.Forecast f = r.result().report().orElseThrow().forecasts().stream()
            .filter(x -> x.resource().equals("open_fds")).findFirst().orElseThrow();
        assertThat(f.slopePerHour()).isBetween(0.5 * perMinute * 60, 1.5 * perMinute * 60);
        assertThat(f.hoursToLimit()).isPositive().isLessThan(f.limit() / (0.5 * perMinute * 60) + 0.1);
        assertThat(r.reportTxt()).contains("open_fds").contains("RESOURCE_EXHAUSTION_PREDICTED: open_fds");
        assertThat(f.exhausting()).isTrue();
        assertThat(r.result().exitCode()).isEqualTo(1);
        JsonNode last = JSON.readTree(Files.readString(lastCheckpoint(r.dir())));
        assertThat(last.path("verdicts").toString()).contains("open_fds");
    }

    @Test
    void crash_abortsWithTheReason_andKeepsEveryFile() throws IOException {
        Run r = run(scenario("it-crash", 60, 50, "crash_after_sec = 14.0", ""));
        System.out.println(r.output());
        assertThat(r.result().exitCode()).isEqualTo(1);
        assertThat(r.result().status()).isEqualTo(RunStatus.ABORTED);
        assertThat(r.result().abortReason().orElseThrow()).contains("exited");
        assertThat(r.result().measuredSec()).isLessThan(40);
        List<RunEvent> events = r.events();
        RunEvent exit = events.stream().filter(e -> e.type().equals("target_exit")).findFirst().orElseThrow();
        assertThat(exit.details()).containsEntry("exit_code", 3);
        assertThat(events.stream().filter(e -> e.type().equals("abort")).findFirst().orElseThrow().message())
            .contains("exited");
        assertThat(r.reportTxt()).contains("RUN ABORTED");
        assertCompleteDirectory(r.dir());
        assertThat(Files.readString(r.dir().resolve("run.json"))).contains("\"aborted\"");
    }

    @Test
    void extensible_inconclusiveAtThePlannedEnd_goesOnByTheTimeAsked_upToTheMaximum() throws IOException {
        // a 12 s warm-up cut (run time, which includes the preload) leaves a few seconds of a 14 s run: too few
        // latency samples for a trend, so p99 is INCONCLUSIVE and asks for as long again (the memory, sampled every
        // 0.5 s, may already PASS at its huge threshold when the preload was slow); max_total_seconds lets the
        // run go on to 30 s
        String toml = scenario("it-extend", 14, 50, "", """
            [soak.thresholds]
            memory_leak_mb_per_hour = 1000000.0
            latency_drift_pct_per_hour = 1000000.0
            exhaustion_horizon_hours = 0.01""")
            .replace("total_seconds = 14.0", "total_seconds = 14.0\nmax_total_seconds = 30.0")
            .replace("warmup_sec = 4", "warmup_sec = 12");
        Run r = run(toml);
        System.out.println(r.output());
        List<RunEvent> extensions = r.events().stream().filter(e -> e.type().equals(RunEvent.EXTEND)).toList();
        assertThat(extensions).isNotEmpty();
        RunEvent first = extensions.get(0);
        assertThat(first.details()).containsEntry("final_look", 1).containsEntry("level", 0.025)
            .containsEntry("latency_drift", "INCONCLUSIVE").doesNotContainEntry("memory_leak", "FAIL");
        assertThat(((Number) first.details().get("extension_sec")).doubleValue()).isBetween(12.0, 16.0);
        assertThat(r.output()).contains("extending the run by");
        assertThat(r.result().status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(r.result().measuredSec()).isBetween(26.0, 36.0);
        assertThat(r.result().exitCode()).isIn(0, 3);
        // the report's final analysis is the next final look: α/2^(1 + extensions)
        RunData data = RunLoader.load(List.of(r.dir()));
        assertThat(RunAnalysis.options(data).levelOfThisLook()).isEqualTo(0.05 / Math.pow(2, 1 + extensions.size()));
        assertThat(r.reportTxt()).contains("extend");
        assertCompleteDirectory(r.dir());
    }

    @Test
    void extensible_failAtThePlannedEnd_isNotExtended() throws IOException {
        double injected = 3600;
        String toml = scenario("it-extend-leak", 40, 100, "leak_mb_per_hour = " + injected,
            "[soak.thresholds]\nmemory_leak_mb_per_hour = 100.0")
            .replace("total_seconds = 40.0", "total_seconds = 40.0\nmax_total_seconds = 120.0");
        Run r = run(toml);
        System.out.println(r.output());
        assertThat(r.result().exitCode()).isEqualTo(1);
        assertThat(r.reportTxt()).contains("MEMORY_LEAK_DETECTED");
        assertThat(r.events()).noneMatch(e -> e.type().equals(RunEvent.EXTEND));
        assertThat(r.result().measuredSec()).isLessThan(60);
    }

    @Test
    void preloadThatStoresNothing_abortsBeforeTheLoad_sayingWhatTheTargetAnswered() throws IOException {
        Run r = run(scenario("it-preload-fail", 30, 50, "error_rate = 1.0", ""));
        System.out.println(r.output());
        assertThat(r.result().status()).isEqualTo(RunStatus.ABORTED);
        assertThat(r.result().exitCode()).isEqualTo(1);
        assertThat(r.result().measuredSec()).as("no load after the failed preload").isZero();
        assertThat(r.events()).noneMatch(e -> e.type().equals(RunEvent.ERROR_SAMPLE) && !"preload".equals(e.details().get("operation")));
        RunEvent sample = r.events().stream().filter(e -> e.type().equals(RunEvent.ERROR_SAMPLE)).findFirst().orElseThrow();
        assertThat(sample.details()).containsEntry("operation", "preload").containsEntry("error_class", "http_5xx");
        assertThat((String) sample.details().get("request")).startsWith("POST /");
        assertThat(r.events()).anyMatch(e -> e.type().equals("abort") && "preload_failed".equals(e.details().get("condition"))
            && e.message().contains("stored none of its 200 items") && e.message().contains("HTTP 5"));
        assertThat(r.output()).contains("first failure of its kind: preload: http_5xx");
        assertThat(r.reportTxt()).contains("RUN ABORTED").contains("preload");
        for (String f : List.of("run.json", "scenario.toml", "resources.jsonl", "events.jsonl", "report.json", "report.html")) {
            assertThat(Files.size(r.dir().resolve(f))).as(f).isPositive();
        }
    }

    @Test
    void stable_raisesNoAlarm() throws IOException {
        // A minute is mostly the JVM's own warm-up (heap growing to its working size, JIT), which a 10 MB/h
        // threshold calls a leak; like scenarios/smoke.toml, judge at thresholds a one-minute run can decide
        // (the leak test's 3600 MB/h fault is caught below such a threshold: its estimate is within 25 %).
        Run r = run(scenario("it-stable", 60, 100, "", "[soak.thresholds]\nmemory_leak_mb_per_hour = 5000.0\n"
            + "latency_drift_pct_per_hour = 1000000.0"));
        System.out.println(r.output());
        assertThat(r.result().exitCode()).isIn(0, 3);
        assertThat(r.result().verdict()).isNotEqualTo("FAIL");
        assertThat(r.reportTxt()).doesNotContain("MEMORY_LEAK_DETECTED").doesNotContain("LATENCY_DRIFT_DETECTED");
        assertCompleteDirectory(r.dir());
    }

    @Test
    void sigint_writesAPartialReport_exits130_andResumeCompletesTheRun() throws Exception {
        Path file = tmp.resolve("sigint.toml");
        Files.writeString(file, scenario("it-sigint", 30, 100, "", ""));
        Path dir = tmp.resolve("sigint-run");
        Process child = startChild(file, dir);
        try {
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (metricLines(dir) < 8) {
                assertThat(child.isAlive()).as("child alive; log: %s", log()).isTrue();
                assertThat(System.nanoTime() - deadline).as("timed out waiting for load").isNegative();
                Thread.sleep(200);
            }
            double startEpoch = java.time.OffsetDateTime.parse(JSON.readTree(dir.resolve("run.json").toFile())
                .path("start").asText()).toInstant().toEpochMilli() / 1000.0;
            double killSec = System.currentTimeMillis() / 1000.0 - startEpoch;
            new ProcessBuilder("kill", "-INT", Long.toString(child.pid())).start().waitFor();
            assertThat(child.waitFor(90, java.util.concurrent.TimeUnit.SECONDS)).as("child exited; log: %s", log()).isTrue();
            assertThat(child.exitValue()).as("log: %s", log()).isEqualTo(130);
            RunEvent interrupted = RunDirectoryReader.open(dir).events().rows().stream()
                .filter(e -> e.type().equals("interrupted")).findFirst().orElseThrow();
            assertThat(interrupted.tSec() - killSec).as("stop noticed within 1 s of SIGINT (+ slack for a loaded machine)")
                .isLessThan(2.5);
            assertThat(Files.readString(dir.resolve("run.json"))).contains("\"interrupted\"");
            assertThat(dir.resolve("report.txt")).exists();
            assertThat(dir.resolve("report.html")).exists();
            assertThat(log()).contains("interrupted");
        } finally {
            child.destroyForcibly();
        }
        double before = RunDirectoryReader.open(dir).metrics().rows().stream().mapToDouble(m -> m.intervalSec()).sum();
        assertThat(before).isLessThan(28);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SoakResult resumed = SoakOrchestrator.builder().scenarioFile(dir.resolve("scenario.toml")).resume(dir)
            .out(new PrintStream(out, true, StandardCharsets.UTF_8)).terminal(false).build().run();
        System.out.println(out);
        assertThat(resumed.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(resumed.measuredSec()).isBetween(27.0, 34.0);
        List<RunEvent> events = RunDirectoryReader.open(dir).events().rows();
        assertThat(events).anyMatch(e -> e.type().equals("resume"));
        assertThat(JSON.readTree(dir.resolve("run.json").toFile()).path("resumes").size()).isEqualTo(1);
        var metrics = RunDirectoryReader.open(dir).metrics().rows();
        assertThat(metrics.get(0).tSec()).isLessThan(killSecOf(events));
        assertThat(resumed.report().orElseThrow().verdicts()).isNotEmpty();
    }

    @Test
    void extensible_interruptedDuringAnExtension_resumeFinishesThatExtension_beforeItsNextFinalTest() throws Exception {
        // as in extensible_inconclusiveAtThePlannedEnd_…: INCONCLUSIVE at 14 s, extended by about 14 s (max 30 s)
        Path file = tmp.resolve("extend-sigint.toml");
        Files.writeString(file, scenario("it-extend-sigint", 14, 50, "", """
            [soak.thresholds]
            memory_leak_mb_per_hour = 1000000.0
            latency_drift_pct_per_hour = 1000000.0
            exhaustion_horizon_hours = 0.01""")
            .replace("total_seconds = 14.0", "total_seconds = 14.0\nmax_total_seconds = 30.0")
            .replace("warmup_sec = 4", "warmup_sec = 12"));
        Path dir = tmp.resolve("extend-sigint-run");
        Process child = startChild(file, dir);
        double granted;
        try {
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (extendEvents(dir).isEmpty() || metricLines(dir) < 18) {
                assertThat(child.isAlive()).as("child alive; log: %s", log()).isTrue();
                assertThat(System.nanoTime() - deadline).as("timed out waiting for the extension").isNegative();
                Thread.sleep(200);
            }
            new ProcessBuilder("kill", "-INT", Long.toString(child.pid())).start().waitFor();
            assertThat(child.waitFor(90, java.util.concurrent.TimeUnit.SECONDS)).as("child exited; log: %s", log()).isTrue();
            assertThat(child.exitValue()).as("log: %s", log()).isEqualTo(130);
            List<RunEvent> extend = extendEvents(dir);
            assertThat(extend).hasSize(1);
            granted = ((Number) extend.get(0).details().get(Extension.EXTENSION_SEC)).doubleValue();
        } finally {
            child.destroyForcibly();
        }
        double before = RunDirectoryReader.open(dir).metrics().rows().stream().mapToDouble(m -> m.intervalSec()).sum();
        assertThat(before).as("interrupted during the extension").isBetween(15.0, 14 + granted - 2);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SoakResult resumed = SoakOrchestrator.builder().scenarioFile(dir.resolve("scenario.toml")).resume(dir)
            .out(new PrintStream(out, true, StandardCharsets.UTF_8)).terminal(false).build().run();
        System.out.println(out);
        assertThat(resumed.status()).isEqualTo(RunStatus.COMPLETED);
        List<RunEvent> events = RunDirectoryReader.open(dir).events().rows();
        RunEvent restart = events.stream().filter(e -> e.type().equals("start")).reduce((a, b) -> b).orElseThrow();
        // the resumed part first runs out the extension granted before the interruption …
        assertThat(((Number) restart.details().get("wall_sec")).doubleValue()).isCloseTo(14 + granted - before,
            within(1.5));
        // … and only then tests again, as final look 2 (if still INCONCLUSIVE and the 30 s maximum leaves time)
        List<RunEvent> extend = extendEvents(dir);
        for (int k = 1; k < extend.size(); k++) {
            assertThat(extend.get(k).details()).containsEntry("final_look", k + 1);
            assertThat(extend.get(k).tSec()).isGreaterThan(restart.tSec() + (14 + granted - before) - 1.5);
        }
        assertThat(resumed.measuredSec()).isBetween(14 + granted - 2, 36.0);
        assertCompleteDirectory(dir);
    }

    /** Runs {@link SoakChildMain} on {@code scenario} into {@code dir} in a child JVM, its output in child.log. */
    private Process startChild(Path scenario, Path dir) throws IOException {
        String javaBin = ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java");
        return new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"), SoakChildMain.class.getName(),
            scenario.toString(), dir.toString()).redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile())
            .start();
    }

    private static List<RunEvent> extendEvents(Path dir) {
        if (!Files.exists(dir.resolve("events.jsonl"))) {
            return List.of();
        }
        return RunDirectoryReader.open(dir).events().rows().stream().filter(e -> e.type().equals(RunEvent.EXTEND)).toList();
    }

    private static double killSecOf(List<RunEvent> events) {
        return events.stream().filter(e -> e.type().equals("interrupted")).findFirst().orElseThrow().tSec();
    }

    private String log() throws IOException {
        Path p = tmp.resolve("child.log");
        return Files.exists(p) ? Files.readString(p) : "";
    }

    private static long metricLines(Path dir) throws IOException {
        Path m = dir.resolve("metrics.jsonl");
        if (!Files.exists(m)) {
            return 0;
        }
        try (var lines = Files.lines(m)) {
            return lines.count();
        }
    }

    private static Path lastCheckpoint(Path dir) throws IOException {
        try (var s = Files.list(dir.resolve("checkpoints"))) {
            return s.sorted().reduce((a, b) -> b).orElseThrow();
        }
    }

    static void assertCompleteDirectory(Path dir) throws IOException {
        for (String f : List.of("run.json", "scenario.toml", "resources.jsonl", "metrics.jsonl", "latency.hlog",
            "events.jsonl", "driver.jsonl", "report.txt", "report.json", "report.html")) {
            assertThat(dir.resolve(f)).as(f).exists();
            assertThat(Files.size(dir.resolve(f))).as(f).isPositive();
        }
        try (var s = Files.list(dir.resolve("checkpoints"))) {
            assertThat(s.count()).isPositive();
        }
        JsonNode cp = JSON.readTree(dir.resolve("checkpoints/checkpoint-0001.json").toFile());
        assertThat(cp.has("timestamp_sec")).isTrue();
        assertThat(cp.path("resources").has("rss_mb")).isTrue();
        assertThat(cp.path("metrics").has("p99_latency_ms")).isTrue();
        assertThat(cp.path("verdicts").path("verdict").asText()).isIn("PASS", "FAIL", "INCONCLUSIVE");
    }
}
