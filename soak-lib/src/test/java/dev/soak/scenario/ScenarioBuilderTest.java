package dev.soak.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.entry;

import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class ScenarioBuilderTest {

    /** The parts of a problem that do not depend on where it came from. */
    private static List<String> withoutSource(ScenarioException e) {
        return e.problems().stream().map(p -> p.keyPath() + " | " + p.value() + " | " + p.allowed() + " | " + p.hint()).toList();
    }

    @Test
    void builder_andToml_reportTheSameProblems() {
        ScenarioException fromBuilder = catchThrowableOfType(() -> Scenario.builder("x")
                .duration(Duration.ofMinutes(20))
                .arrival(new ArrivalPattern.PeriodicBurst(-1, 10, 400, 300))
                .thresholds(new Thresholds(0, 2))
                .endpoint("http//nohost")
                .warmup(Duration.ofMinutes(30))
                .build(), ScenarioException.class);
        ScenarioException fromToml = catchThrowableOfType(() -> ScenarioLoader.parse("""
                name = "x"
                [duration]
                total_seconds = 1200
                [arrival]
                pattern = "periodic_burst"
                base_rate = -1
                burst_rate = 10
                burst_duration_sec = 400
                burst_period_sec = 300
                [soak]
                warmup_sec = 1800
                [soak.thresholds]
                memory_leak_mb_per_hour = 0
                [target]
                endpoint = "http//nohost"
                """, "x.toml"), ScenarioException.class);

        assertThat(withoutSource(fromBuilder)).hasSize(5).containsExactlyInAnyOrderElementsOf(withoutSource(fromToml));
        assertThat(fromBuilder.problems()).allSatisfy(p -> assertThat(p.source()).isEqualTo("ScenarioBuilder"));
        assertThat(fromBuilder.getMessage()).contains(
                "ScenarioBuilder: [arrival] burst_duration_sec = 400 must not be longer than its period");
    }

    @Test
    void builder_missingArrival_isReportedLikeTheLoader() {
        ScenarioException e = catchThrowableOfType(() -> Scenario.builder("x").build(), ScenarioException.class);
        assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p.message())
                .startsWith("ScenarioBuilder: [arrival] pattern is missing: allowed patterns are constant, poisson"));
    }

    @Test
    void builder_appliesDefaultsAndWeights() {
        Scenario s = Scenario.builder("checkout")
                .arrival(new ArrivalPattern.Constant(300))
                .weight(EngramOperation.STORE, 1)
                .weight(EngramOperation.RECALL, 3)
                .targetKind(TargetSpec.TargetKind.EMBEDDED)
                .faults(new FaultSpec(50, 0, 0, 0, 0, 0, 0, 0, 0, 0))
                .checkpointInterval(Duration.ofSeconds(15))
                .abortConditions(new AbortConditions(OptionalDouble.of(512), OptionalDouble.empty(),
                        OptionalDouble.empty(), true, 10))
                .build();

        assertThat(s.totalSeconds()).isEqualTo(300);
        assertThat(s.operations().weights()).containsExactly(entry("store", 0.25), entry("recall", 0.75));
        assertThat(s.soak().checkpointIntervalSec()).isEqualTo(15);
        assertThat(s.target().faults().leakMbPerHour()).isEqualTo(50);
        assertThat(s.soak().abort().maxRssMb()).hasValue(512);
    }

    @Test
    void from_roundTripsAScenario_andRampFollowsTheDuration() throws Exception {
        Scenario loaded = ScenarioLoader.load(ScenarioLoaderTest.resource("engram/periodic_burst_40_50_10.toml"));
        assertThat(ScenarioBuilder.from(loaded).build()).isEqualTo(loaded);

        Scenario ramp = Scenario.builder("r").arrival(new ArrivalPattern.Ramp(0, 100, 1)).duration(Duration.ofHours(1)).build();
        assertThat(ramp.arrival()).isEqualTo(new ArrivalPattern.Ramp(0, 100, 3600));
        Scenario longer = ScenarioBuilder.from(ramp).duration(Duration.ofHours(2)).build();
        assertThat(longer.arrival()).isEqualTo(new ArrivalPattern.Ramp(0, 100, 7200));
    }

    @Test
    void maxDuration_setsMaxTotalSeconds_andFromKeepsIt() {
        Scenario s = Scenario.builder("x").arrival(new ArrivalPattern.Constant(1))
                .duration(Duration.ofHours(24)).maxDuration(Duration.ofHours(72)).timeScale(4).build();

        assertThat(s.maxTotalSeconds()).hasValue(259_200);
        assertThat(s.extensible()).isTrue();
        assertThat(s.maxWallSeconds()).isEqualTo(64_800);
        assertThat(ScenarioBuilder.from(s).build()).isEqualTo(s);

        ScenarioException e = catchThrowableOfType(() -> ScenarioBuilder.from(s).duration(Duration.ofHours(96)).build(),
                ScenarioException.class);
        assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p.message())
                .startsWith("ScenarioBuilder: [duration] max_total_seconds = 259200 must be >= [duration] total_seconds = 345600"));
    }
}
