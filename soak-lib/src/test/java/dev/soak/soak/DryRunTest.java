package dev.soak.soak;

import static org.assertj.core.api.Assertions.assertThat;

import dev.soak.scenario.ScenarioOverrides;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DryRunTest {
    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    @Test
    void printsThePlan_andWhatTheRunCanFind_exitZero() {
        int code = DryRun.print(Path.of("..", "scenarios", "soak", "24h_production.toml"), ScenarioOverrides.none(), out,
            err);

        assertThat(code).isZero();
        String plan = outBytes.toString(StandardCharsets.UTF_8);
        assertThat(plan).startsWith("Scenario: 24-Hour Production Soak Test").contains("Abort conditions")
            .contains("What the run can find")
            // 24 h, auto warm-up: the whole day counted; the figures of DetectabilityTest's hand computation
            .contains("in 24.0 h of load (less the warm-up the analysis finds):\n"
                + "    a 10 MB/h leak while the memory's noise is below 91 MB (passing) or 49 MB (wandering)")
            .contains("a 2 %/h p99 drift while p99 scatters");
        assertThat(errBytes.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void aFixedWarmup_isLeftOutOfTheDataCounted() {
        DryRun.print(Path.of("..", "scenarios", "smoke.toml"), ScenarioOverrides.none(), out, err);
        // 60 s of load, warmup_sec = 5: 55 s of data
        assertThat(outBytes.toString(StandardCharsets.UTF_8)).contains("55 s of load after the warm-up is shorter than the runs calibrated");
    }

    @Test
    void badScenario_printsEveryProblem_exitTwo_noStackTrace(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.toml");
        Files.writeString(bad, "name = \"b\"\n[arrival]\npattern = \"constant\"\nrate = -1\n[soak]\ntime_scale = 0\n");

        int code = DryRun.print(bad, ScenarioOverrides.none(), out, err);

        assertThat(code).isEqualTo(2);
        assertThat(outBytes.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(errBytes.toString(StandardCharsets.UTF_8)).contains("2 problems")
            .contains("[arrival] rate = -1").contains("[soak] time_scale = 0").doesNotContain("\tat ");
        assertThat(DryRun.print(dir.resolve("missing.toml"), ScenarioOverrides.none(), out, err)).isEqualTo(2);
        assertThat(errBytes.toString(StandardCharsets.UTF_8)).contains("missing.toml: does not exist");
    }
}
