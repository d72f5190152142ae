package dev.soak.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class ScenarioPlanTest {
    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    @Test
    void diurnalPlan_showsDurationsRateSummaryAndTheHourlyRates() {
        String plan = ScenarioPlan.render(ScenarioLoader.load(Path.of("..", "scenarios", "soak", "24h_production.toml")));

        assertThat(plan).contains("Scenario: 24-Hour Production Soak Test")
                .contains("scenario time  86400 s (1 d)")
                .contains("wall time      86400 s (1 d)")
                .contains("rate over the run: min 500.0, mean 750.0, max 1000.0 ops/s; about 64,800,000 operations")
                .contains("03:00    500.0").contains("14:00   1000.0")
                .contains("store                 35.0 %").contains("embedding_search      30.0 %")
                .contains("preload 100,000 items").contains("embedding_dim 768")
                .contains("memory leak 10 MB/hour; latency drift 2 %/hour")
                .contains("RSS > 8192 MB, p99 > 100 ms, error rate > 5 % sustained for 60 s (1 min); also on a leak or drift FAIL verdict")
                .contains("kind engram, endpoint http://localhost:7432")
                .contains("the process listening on port 7432")
                .contains("faults injected: none")
                // 3 weighted operations every 10 s: (170 + 3 x 590 + 8 x 250) / 10 + 540 / 60 + (2000 + 3 x 2000) / 3600
                // = 405 bytes a second, 1.4 MiB an hour, 33.4 MiB a day
                .contains("run directory: about 33 MB for the records (1 MB an hour: each metrics interval is a line and 8"
                        + " histograms)");
        assertThat(plan.lines().filter(l -> l.matches("\\s+(\\s+\\d\\d:00\\s+[0-9.]+){6}"))).hasSize(4);
    }

    @Test
    void burstPlan_meanIsTheTimeWeightedAverage_andFaultsAreListed() {
        Scenario s = Scenario.builder("b")
                .duration(java.time.Duration.ofMinutes(20))
                .arrival(new ArrivalPattern.PeriodicBurst(1000, 9000, 60, 600))
                .targetKind(TargetSpec.TargetKind.EMBEDDED)
                .faults(new FaultSpec(1200, 0, 0, 0, 30, 0, 0, 0, 0.02, 0))
                .timeScale(2)
                .build();
        String plan = ScenarioPlan.render(s);

        // 1000 + 8000 * 60/600 = 1800 ops/s
        assertThat(plan).contains("min 1000.0, mean 1800.0, max 9000.0 ops/s")
                .contains("wall time      600 s (10 min) (time_scale 2")
                .contains("in wall time 30 s every 300 s (5 min)")
                .contains("kind embedded")
                .contains("faults injected: leak 1200 MB/hour, fd leak 30 per minute, error rate 2 %")
                .doesNotContain("hourly rates");
    }

    @Test
    void targetPlan_saysHowTheProcessIsFound() {
        Scenario pid = Scenario.builder("p").arrival(new ArrivalPattern.Constant(1)).pid(4242).build();
        Scenario cmd = Scenario.builder("c").arrival(new ArrivalPattern.Constant(1))
                .command(java.util.List.of("./server", "--port", "9000")).endpoint("http://127.0.0.1:9000").build();
        assertThat(ScenarioPlan.render(pid)).contains("watched process: pid 4242");
        assertThat(ScenarioPlan.render(cmd)).contains("watched process: spawned: ./server --port 9000");
    }

    @Test
    void chooseScenario_positionalOrOption_notBothNorNeither() {
        Path a = Path.of("a.toml");
        Path run = Path.of("runs", "r1");
        assertThat(ScenarioCommandLine.chooseScenario(a, null, null, err)).contains(a);
        assertThat(ScenarioCommandLine.chooseScenario(null, a, null, err)).contains(a);
        assertThat(ScenarioCommandLine.chooseScenario(a, a, null, err)).contains(a);
        assertThat(ScenarioCommandLine.chooseScenario(a, null, run, err)).contains(a);
        assertThat(ScenarioCommandLine.chooseScenario(null, null, run, err)).contains(run.resolve("scenario.toml"));
        assertThat(ScenarioCommandLine.chooseScenario(a, Path.of("b.toml"), null, err)).isEmpty();
        assertThat(ScenarioCommandLine.chooseScenario(null, null, null, err)).isEmpty();
        assertThat(errBytes.toString(StandardCharsets.UTF_8)).contains("Two scenarios given").contains("No scenario given");
    }

    @Test
    void overrides_applyAndRevalidate_namingTheFlag() {
        Scenario base = ScenarioLoader.load(Path.of("..", "scenarios", "smoke.toml"));
        Scenario s = new ScenarioOverrides(OptionalDouble.of(0.5), OptionalDouble.empty(), OptionalDouble.of(0.25), Optional.of("http://127.0.0.1:7000"),
                OptionalDouble.of(3)).applyTo(base, "smoke.toml");

        assertThat(s.totalSeconds()).isEqualTo(1800);
        assertThat(s.wallSeconds()).isEqualTo(600);
        assertThat(s.soak().checkpointIntervalSec()).isEqualTo(900);
        assertThat(s.target().endpoint().toString()).isEqualTo("http://127.0.0.1:7000");
        assertThat(s.target().kind()).isEqualTo(TargetSpec.TargetKind.ENGRAM);
        assertThat(ScenarioOverrides.none().applyTo(base, "x")).isSameAs(base);

        ScenarioException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> ScenarioOverrides.of(0.001, null, null, "nope", null).applyTo(base, "smoke.toml"), ScenarioException.class);
        assertThat(e.getMessage())
                .contains("[target] endpoint (set by --endpoint) = \"nope\" is not a valid http:// or https:// URL")
                .contains("[soak] warmup_sec = 5 must be less than the run's wall length, 3.6 s");
    }

    @Test
    void overrides_maxDurationHours_setsMaxTotalSeconds_isDescribed_andNamedInProblems() {
        Scenario base = ScenarioLoader.load(Path.of("..", "scenarios", "smoke.toml"));
        ScenarioOverrides o = ScenarioOverrides.of(2.0, 6.0, null, null, 2.0);
        Scenario s = o.applyTo(base, "smoke.toml");

        assertThat(s.totalSeconds()).isEqualTo(7200);
        assertThat(s.maxTotalSeconds()).hasValue(21_600);
        assertThat(s.maxWallSeconds()).isEqualTo(10_800);
        assertThat(o.isEmpty()).isFalse();
        assertThat(o.describe()).contains("--max-duration-hours 6 -> [duration] max_total_seconds = 21600");
        assertThat(ScenarioOverrides.of(2.0, null, null, null, null).maxDurationHours()).isEmpty();

        ScenarioException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> ScenarioOverrides.of(null, 0.001, null, null, null).applyTo(base, "smoke.toml"), ScenarioException.class);
        assertThat(e.getMessage()).contains("[duration] max_total_seconds (set by --max-duration-hours 0.001) = 3.6 must be >= "
                + "[duration] total_seconds = 60");
    }

    @Test
    void extensiblePlan_saysHowFarTheRunMayGo_andThatThePlannedTestUsesHalfAlpha() {
        Scenario s = Scenario.builder("e").arrival(new ArrivalPattern.Constant(1))
                .duration(java.time.Duration.ofHours(24)).maxDuration(java.time.Duration.ofHours(48)).timeScale(2).build();
        String plan = ScenarioPlan.render(s);

        assertThat(plan).contains("  extension      up to 48 h in all (24 h wall) if INCONCLUSIVE")
                .contains("the test at the planned end then uses alpha/2");
        Scenario realTime = ScenarioBuilder.from(s).timeScale(1).build();
        assertThat(ScenarioPlan.render(realTime)).contains("  extension      up to 48 h in all if INCONCLUSIVE")
                .doesNotContain("wall) if INCONCLUSIVE");
        Scenario fixed = ScenarioBuilder.from(s).maxDuration(java.time.Duration.ofHours(24)).build();
        assertThat(ScenarioPlan.render(fixed)).doesNotContain("extension").doesNotContain("alpha/2");
    }
}
