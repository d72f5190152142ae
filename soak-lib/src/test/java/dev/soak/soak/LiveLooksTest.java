package dev.soak.soak;

import static org.assertj.core.api.Assertions.assertThat;

import dev.soak.checkpoint.HeapProfile;
import dev.soak.checkpoint.IntervalMetrics;
import dev.soak.checkpoint.ResourceSample;
import dev.soak.checkpoint.RunDirectory;
import dev.soak.checkpoint.RunDirectoryReader;
import dev.soak.checkpoint.RunEvent;
import dev.soak.checkpoint.RunInfo;
import dev.soak.detect.AnalysisOptions;
import dev.soak.detect.AnalysisReport;
import dev.soak.report.RunAnalysis;
import dev.soak.report.RunLoader;
import dev.soak.report.SyntheticRun;
import dev.soak.scenario.Scenario;
import dev.soak.scenario.ScenarioLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveLooksTest {
    @TempDir
    Path tmp;

    @Test
    void finalLook_usesTheOptionsTheReportGivesTheSameRun() {
        String toml = """
            name = "options"
            [duration]
            total_seconds = 3600
            max_total_seconds = 7200
            [arrival]
            pattern = "constant"
            rate = 10
            [target]
            kind = "embedded"
            [soak]
            warmup_sec = 600
            [soak.thresholds]
            memory_leak_mb_per_hour = 7.5
            latency_drift_pct_per_hour = 3.0
            exhaustion_horizon_hours = 12
            [soak.abort_conditions]
            max_rss_mb = 2048
            """;
        Scenario scenario = ScenarioLoader.parse(toml, "options.toml");
        Path dir = tmp.resolve("run");
        OffsetDateTime start = OffsetDateTime.of(2026, 11, 29, 0, 0, 0, 0, ZoneOffset.UTC);
        try (RunDirectory run = RunDirectory.create(dir, RunInfo.newRun("options", start, 1, OptionalLong.empty(),
                Optional.empty()), toml.getBytes(StandardCharsets.UTF_8))) {
            run.events().append(RunEvent.info(3600, RunEvent.EXTEND, "extending the run"));
            LiveLooks looks = new LiveLooks(scenario, dir, run);
            AnalysisOptions live = looks.finalOptions(1 + looks.extensions());
            AnalysisOptions report = RunAnalysis.options(RunLoader.load(List.of(dir)));
            assertThat(live).isEqualTo(report);
            assertThat(live.finalLook()).isEqualTo(2);
            assertThat(live.thresholds().memoryLeakMbPerHour()).isEqualTo(7.5);
            assertThat(live.warmupSec()).hasValue(600);
            assertThat(live.maxRssMb()).hasValue(2048);
            assertThat(live.look()).isEmpty();
        }
    }

    @Test
    void aFinalTest_recordsItsVerdictsAndTheLastRowsItRead_andALookRightAfterALookIsSeen() throws Exception {
        Path dir = SyntheticRun.write(tmp.resolve("run"), SyntheticRun.Spec.healthy().withDurationSec(3 * 3600));
        Scenario scenario = ScenarioLoader.load(dir.resolve("scenario.toml"));
        RunDirectoryReader files = RunDirectoryReader.open(dir);
        List<ResourceSample> resources = files.resources().rows();
        List<IntervalMetrics> intervals = files.metrics().rows();
        // the looks read the synthetic run's files and write their events and checkpoints into a directory of their own
        Path out = tmp.resolve("out");
        try (RunDirectory run = RunDirectory.create(out, RunInfo.newRun("synthetic", OffsetDateTime.now(ZoneOffset.UTC), 1,
                OptionalLong.empty(), Optional.empty()), Files.readAllBytes(dir.resolve("scenario.toml")))) {
            LiveLooks looks = new LiveLooks(scenario, dir, run);
            AnalysisReport a = looks.finalAnalysis(3 * 3600, 2).orElseThrow();
            assertThat(looks.lookedWithin(3 * 3600, 60)).as("a final test is not a live look").isFalse();
            looks.look(3 * 3600 + 1, 3 * 3600, intervals.get(intervals.size() - 1), resources.get(resources.size() - 1),
                HeapProfile.none()).orElseThrow();
            assertThat(looks.lookedWithin(3 * 3600 + 30, 60)).isTrue();
            assertThat(looks.lookedWithin(3 * 3600 + 61, 60)).isFalse();

            RunEvent test = RunDirectoryReader.open(out).events().rows().stream()
                .filter(e -> e.type().equals(RunEvent.FINAL_TEST)).findFirst().orElseThrow();
            assertThat(test.details()).containsEntry(RunEvent.FINAL_LOOK, 2).containsEntry("level", a.level())
                .containsEntry("verdict", a.verdict().name()).containsEntry("memory_leak", a.leak().verdict().name())
                .containsEntry(RunEvent.RESOURCES_THROUGH_SEC, resources.get(resources.size() - 1).tSec())
                .containsEntry(RunEvent.METRICS_THROUGH_SEC, intervals.get(intervals.size() - 1).tSec());
            assertThat(a.level()).isEqualTo(0.05 / 4);
            assertThat(test.message()).startsWith("final test 2 at level 0.0125 on the load intervals up to 03:00:00");
        }
    }
}
