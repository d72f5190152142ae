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
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Whole soak runs, time-compressed with strong faults: the embedded reference server as a real
 * child process, real HTTP on 127.0.0.1, the real run directory, checkpoints and report.
 *
 * <p>Each test is a run of its own (its own server, port and directory) that waits on the clock far more
 * than it computes, so they run side by side (junit-platform.properties sets how many at once). What they
 * assert is a strong fault found, or no alarm at thresholds far from the noise, not a timing; the runs
 * that time a stop and a resume, and the latency drift, are in {@link SoakRunTimedIntegrationTest}, one
 * at a time. The {@code @Execution} is on each test, not on the class: a concurrent class would also
 * overlap the rest of the suite.
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

    /** Runs {@code toml} in this JVM into {@code tmp}/run, its console output kept. */
    static Run run(Path tmp, String toml) throws IOException {
        Path file = tmp.resolve("scenario.toml");
        Files.writeString(file, toml);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Path dir = tmp.resolve("run");
        SoakResult r = SoakOrchestrator.builder().scenarioFile(file).outputDir(dir).seed(7)
            .out(new PrintStream(out, true, StandardCharsets.UTF_8)).terminal(false).build().run();
        return new Run(r, out.toString(StandardCharsets.UTF_8), dir);
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void memoryLeak_fails_withMarker_andRateNearTheInjectedOne() throws IOException {
        double injected = 3600; // MB per wall hour: 1 MB/s
        Run r = run(tmp, scenario("it-leak", 40, 100, "leak_mb_per_hour = " + injected,
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
    @Execution(ExecutionMode.CONCURRENT)
    void fdLeak_givesAnExhaustionForecast_andFails() throws IOException {
        double perMinute = 3000;
        Run r = run(tmp, scenario("it-fd-leak", 30, 50, "fd_leak_per_minute = " + perMinute, ""));
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
    @Execution(ExecutionMode.CONCURRENT)
    void crash_abortsWithTheReason_andKeepsEveryFile() throws IOException {
        // the crash comes 20 s after the target starts: a preload slowed by the tests beside it has taken 14 s, and a
        // crash before any load interval left the first checkpoint without latency
        Run r = run(tmp, scenario("it-crash", 60, 50, "crash_after_sec = 20.0", ""));
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
    @Execution(ExecutionMode.CONCURRENT)
    void extensible_inconclusiveAtThePlannedEnd_goesOnByTheTimeAsked_upToTheMaximum() throws IOException {
        // a 12 s warm-up cut (from the start of the load) leaves 2 s of a 14 s run: too few latency samples for a
        // trend, so p99 is INCONCLUSIVE and asks for the time that leaves 9 one-second blocks after the warm-up, about
        // 7 s more (as long again, 14 s, before the twenty-ninth session); the memory, sampled every 0.5 s, asks for
        // less and is not tested here (it may PASS at its huge threshold); max_total_seconds lets the run go on to 30 s
        String toml = scenario("it-extend", 14, 50, "", """
            [soak.thresholds]
            memory_leak_mb_per_hour = 1000000.0
            latency_drift_pct_per_hour = 1000000.0
            exhaustion_horizon_hours = 0.01""")
            .replace("total_seconds = 14.0", "total_seconds = 14.0\nmax_total_seconds = 30.0")
            .replace("warmup_sec = 4", "warmup_sec = 12");
        Run r = run(tmp, toml);
        System.out.println(r.output());
        List<RunEvent> extensions = r.events().stream().filter(e -> e.type().equals(RunEvent.EXTEND)).toList();
        assertThat(extensions).isNotEmpty();
        RunEvent first = extensions.get(0);
        assertThat(first.details()).containsEntry("final_look", 1).containsEntry("level", 0.025)
            .containsEntry("latency_drift", "INCONCLUSIVE").doesNotContainEntry("memory_leak", "FAIL");
        // p99 asks for 8 s on an idle machine; 12.5 s once with both cores busy beside it (samples further apart leave
        // fewer blocks after the warm-up, and the time asked is counted in them), still less than as long again. The
        // extension is the longest ask of any gating metric: CI once saw 21 s asked with eight runs on two cores (by
        // which metric, the event did not say then), and with the cores also kept busy rss_mb asked and p99 had no
        // estimate to ask from
        @SuppressWarnings("unchecked")
        Map<String, Object> askedBy = (Map<String, Object>) first.details().get(RunEvent.ASKED_BY);
        assertThat(askedBy).as("the gating INCONCLUSIVE verdicts' asks").isNotEmpty();
        // an interval in which the load generator itself paused (1 s, beside seven other runs) is left out of the
        // latency read; p99 then asked for 24 s, about as long again, not for the blocks after the warm-up: that ask is
        // not the one tested here
        boolean generatorPaused = r.events().stream().anyMatch(e -> e.type().equals("driver_pause")
            && ((Number) e.details().get("longest_ms")).doubleValue() >= 100);
        if (askedBy.get("p99_latency_ms") instanceof Number p99Ask && !generatorPaused) {
            assertThat(p99Ask.doubleValue()).isGreaterThanOrEqualTo(5.0).isLessThan(14.0);
        }
        double longest = askedBy.values().stream().mapToDouble(x -> ((Number) x).doubleValue()).max().orElseThrow();
        assertThat(((Number) first.details().get("extension_sec")).doubleValue())
            .isCloseTo(Math.min(longest, 30.0 - 14.0), within(1.0));
        assertThat(r.output()).contains("extending the run by");
        assertThat(r.result().status()).isEqualTo(RunStatus.COMPLETED);
        // it goes on by what the extensions granted, never past the maximum: usually twice (14 + 8 + the 8 s left),
        // but a final test after the first extension may decide (CI once saw the p99 fall steeply on busy cores and
        // PASS at 22 s), which ends the run there
        double granted = extensions.stream().mapToDouble(e -> ((Number) e.details().get("extension_sec")).doubleValue()).sum();
        assertThat(granted).isLessThanOrEqualTo(30.0 - 14.0 + 1e-9);
        assertThat(r.result().measuredSec()).isBetween(14 + granted - 3, 14 + granted + 6);
        assertThat(r.result().exitCode()).isIn(0, 3);
        // the report's final analysis is the next final look: α/2^(1 + extensions)
        RunData data = RunLoader.load(List.of(r.dir()));
        assertThat(RunAnalysis.options(data).levelOfThisLook()).isEqualTo(0.05 / Math.pow(2, 1 + extensions.size()));
        assertThat(r.reportTxt()).contains("extend");
        // each extension follows a final test that asked for it; when a final test ended the run, the report's
        // verdict is that test's, though the load ran on while it read the files
        List<RunEvent> tests = r.events().stream().filter(e -> e.type().equals(RunEvent.FINAL_TEST)).toList();
        assertThat(tests).hasSizeBetween(extensions.size(), extensions.size() + 1);
        RunEvent last = tests.get(tests.size() - 1);
        if (last.details().get(RunEvent.FINAL_LOOK).equals(1 + extensions.size())) {
            assertThat(r.result().verdict()).isEqualTo(last.details().get("verdict"));
        }
        assertCompleteDirectory(r.dir());
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void extensible_failAtThePlannedEnd_isNotExtended() throws IOException {
        double injected = 3600;
        String toml = scenario("it-extend-leak", 40, 100, "leak_mb_per_hour = " + injected,
            "[soak.thresholds]\nmemory_leak_mb_per_hour = 100.0")
            .replace("total_seconds = 40.0", "total_seconds = 40.0\nmax_total_seconds = 120.0");
        Run r = run(tmp, toml);
        System.out.println(r.output());
        assertThat(r.result().exitCode()).isEqualTo(1);
        assertThat(r.reportTxt()).contains("MEMORY_LEAK_DETECTED");
        assertThat(r.events()).noneMatch(e -> e.type().equals(RunEvent.EXTEND));
        assertThat(r.events()).filteredOn(e -> e.type().equals(RunEvent.FINAL_TEST)).singleElement()
            .satisfies(e -> assertThat(e.details()).containsEntry(RunEvent.FINAL_LOOK, 1).containsEntry("verdict", "FAIL")
                .containsEntry("memory_leak", "FAIL"));
        assertThat(r.result().measuredSec()).isLessThan(60);
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void preloadThatStoresNothing_abortsBeforeTheLoad_sayingWhatTheTargetAnswered() throws IOException {
        Run r = run(tmp, scenario("it-preload-fail", 30, 50, "error_rate = 1.0", ""));
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
    @Execution(ExecutionMode.CONCURRENT)
    void stable_raisesNoAlarm() throws IOException {
        // A minute is mostly the JVM's own warm-up (heap growing to its working size, JIT), which a 10 MB/h
        // threshold calls a leak, and a minute's rise of the p99 is astronomically fast per hour; like
        // scenarios/smoke.toml, judge at thresholds only a gross fault within a minute exceeds.
        Run r = run(tmp, scenario("it-stable", 60, 100, "", "[soak.thresholds]\nmemory_leak_mb_per_hour = 20000.0\n"
            + "latency_drift_pct_per_hour = 1e90"));
        System.out.println(r.output());
        assertThat(r.result().exitCode()).isIn(0, 3);
        assertThat(r.result().verdict()).isNotEqualTo("FAIL");
        assertThat(r.reportTxt()).doesNotContain("MEMORY_LEAK_DETECTED").doesNotContain("LATENCY_DRIFT_DETECTED");
        assertCompleteDirectory(r.dir());
        // what --dry-run said the records would take, against what they took (the estimate is a guide: within 2x)
        double estimate = dev.soak.scenario.RunSize.bytes(dev.soak.scenario.ScenarioLoader.load(r.dir().resolve("scenario.toml")))
            - dev.soak.scenario.RunSize.REPORT;
        long records;
        try (var files = Files.walk(r.dir())) {
            records = files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith("report.")
                && !f.getParent().getFileName().toString().equals("plots") && !f.getFileName().toString().endsWith(".log"))
                .mapToLong(f -> f.toFile().length()).sum();
        }
        System.out.printf("run directory records: %d bytes, estimated %.0f%n", records, estimate);
        assertThat(records / estimate).as("records %d bytes, estimated %.0f", records, estimate).isBetween(0.5, 2.0);
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void aFrozenTarget_isReportedAsAStall_withHowLongItHeldTheOperations() throws Exception {
        Path dir = tmp.resolve("run");
        Thread freezer = new Thread(() -> {
            // once the load runs (three intervals written), stop the reference server's process for 3 s: SIGSTOP, as a
            // stop-the-world pause or a frozen VM would
            try {
                long deadline = System.nanoTime() + 60_000_000_000L;
                Path metrics = dir.resolve("metrics.jsonl");
                while (System.nanoTime() < deadline
                    && !(Files.isRegularFile(metrics) && Files.readAllLines(metrics).size() >= 3)) {
                    Thread.sleep(20);
                }
                long pid = RunDirectoryReader.open(dir).runInfo().orElseThrow().targetPid().orElseThrow();
                new ProcessBuilder("kill", "-STOP", Long.toString(pid)).start().waitFor();
                Thread.sleep(3000);
                new ProcessBuilder("kill", "-CONT", Long.toString(pid)).start().waitFor();
            } catch (IOException | InterruptedException | RuntimeException e) {
                throw new IllegalStateException(e);
            }
        });
        freezer.start();
        Run r = run(tmp, scenario("it-stall", 12, 100, "", ""));
        freezer.join();

        List<dev.soak.report.Stalls.Stall> stalls = dev.soak.report.Stalls.of(RunDirectoryReader.open(r.dir()).metrics().rows());
        assertThat(stalls).as(r.output()).isNotEmpty();
        assertThat(stalls.get(0).durationSec()).as("whole 1 s intervals of the 3 s freeze").isBetween(2.0, 4.0 + 1e-9);
        assertThat(stalls.get(0).maxLatencyMsAfter()).as("operations held by it, from their intended start")
            .isGreaterThan(1500);
        assertThat(r.reportTxt()).contains("STALLS (load intervals in which nothing completed")
            .containsPattern("at 00:00:\\d\\d for [234] s, \\d+ operations due; those held up to");
        assertThat(JSON.readTree(r.dir().resolve("report.json").toFile()).path("stalls")).isNotEmpty();
        assertThat(r.events()).as("said live, when the first operation completed again").anySatisfy(e -> {
            assertThat(e.type()).isEqualTo("stall");
            assertThat(e.message()).startsWith("the target completed nothing at 00:00:");
        });
        assertThat(r.output()).contains("soak: stall: the target completed nothing at 00:00:");
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
