package dev.soak.soak;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.soak.checkpoint.RunDirectoryReader;
import dev.soak.checkpoint.RunEvent;
import dev.soak.checkpoint.RunStatus;
import dev.soak.report.ReportModel;
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
