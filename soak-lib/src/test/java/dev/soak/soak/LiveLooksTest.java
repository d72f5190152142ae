package dev.soak.soak;

import static org.assertj.core.api.Assertions.assertThat;

import dev.soak.checkpoint.RunDirectory;
import dev.soak.checkpoint.RunEvent;
import dev.soak.checkpoint.RunInfo;
import dev.soak.detect.AnalysisOptions;
import dev.soak.report.RunAnalysis;
import dev.soak.report.RunLoader;
import dev.soak.scenario.Scenario;
import dev.soak.scenario.ScenarioLoader;
import java.nio.charset.StandardCharsets;
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
}
