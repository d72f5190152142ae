package dev.soak.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ScenarioTomlTest {

    static List<Path> scenarios() throws Exception {
        List<Path> all = new java.util.ArrayList<>(BundledScenariosTest.bundled().toList());
        for (String f : new String[] {"periodic_burst_40_50_10.toml", "poisson_inline_distribution.toml", "exponential_hot_spot.toml"}) {
            all.add(ScenarioLoaderTest.resource("engram/" + f));
        }
        return all;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void write_thenLoad_givesTheSameScenario(Path file) {
        Scenario original = ScenarioLoader.load(file);
        Scenario again = ScenarioLoader.parse(ScenarioToml.write(original), "written");
        assertSameUpToWeightRounding(again, original);
    }

    @Test
    void metricsHeaders_areRead_writtenBack_andFilledFromTheEnvironment() {
        Scenario s = ScenarioLoader.parse("""
                name = "secured"
                [arrival]
                pattern = "constant"
                rate = 10.0
                [target]
                endpoint = "http://10.0.3.7:8080"
                metrics_path = "/actuator/prometheus"
                metrics_headers = { Authorization = "Bearer {{env:PATH}}", "X-Tenant" = "blue" }
                """, "secured");
        assertThat(s.target().metricsHeaders())
                .containsExactly(Map.entry("Authorization", "Bearer {{env:PATH}}"), Map.entry("X-Tenant", "blue"));
        assertThat(s.target().metricsHeaderValues()).containsEntry("Authorization", "Bearer " + System.getenv("PATH"))
                .containsEntry("X-Tenant", "blue");
        assertThat(ScenarioLoader.parse(ScenarioToml.write(s), "w").target().metricsHeaders())
                .isEqualTo(s.target().metricsHeaders());
        assertThat(ScenarioPlan.render(s)).contains("(sending Authorization, X-Tenant)").doesNotContain("blue");
    }

    @Test
    void write_keepsTemplatesTargetsFaultsAndEscapes() {
        Scenario s = Scenario.builder("quote \" back\\slash\ttab")
                .description("line1\nline2")
                .arrival(new ArrivalPattern.Diurnal(10, 3, 20.5, 6))
                .request(new HttpRequestTemplate("get", 2, "GET", "/a/{{seq}}", "", Map.of("X-K", "v\"1"), List.of(200)))
                .request(new HttpRequestTemplate("post", 1, "POST", "/b", "{\"e\": {{embedding}}}", Map.of(), List.of()))
                .command(List.of("java", "-jar", "my server.jar"))
                .endpoint("http://127.0.0.1:8080")
                .abortConditions(new AbortConditions(OptionalDouble.of(100), OptionalDouble.empty(), OptionalDouble.of(0.2), true, 5))
                .build();
        assertSameUpToWeightRounding(ScenarioLoader.parse(ScenarioToml.write(s), "w"), s);

        Scenario f = Scenario.builder("f").arrival(new ArrivalPattern.Ramp(1, 2, 0))
                .targetKind(TargetSpec.TargetKind.EMBEDDED)
                .faults(new FaultSpec(1, 2, 3, 4, 5, 6, 7, 8, 0.5, 10))
                .warmup(java.time.Duration.ofSeconds(12))
                .build();
        assertSameUpToWeightRounding(ScenarioLoader.parse(ScenarioToml.write(f), "w"), f);
    }

    private static void assertSameUpToWeightRounding(Scenario actual, Scenario expected) {
        assertThat(actual.operations().requests()).isEqualTo(expected.operations().requests());
        assertThat(actual.operations().weights().keySet()).containsExactlyElementsOf(expected.operations().weights().keySet());
        expected.operations().weights().forEach((k, w) -> assertThat(actual.operations().weights().get(k)).isCloseTo(w, within(1e-12)));
        Scenario normalised = new Scenario(actual.name(), actual.description(), actual.totalSeconds(), actual.maxTotalSeconds(),
                actual.arrival(), expected.operations(), actual.data(), actual.validation(), actual.chaosEnabled(),
                actual.target(), actual.soak());
        assertThat(normalised).isEqualTo(expected);
    }

    @Test
    void write_keepsMaxTotalSeconds_andLeavesItOutWhenAbsent() {
        Scenario s = Scenario.builder("ext").arrival(new ArrivalPattern.Constant(1))
                .duration(java.time.Duration.ofHours(2)).maxDuration(java.time.Duration.ofMinutes(330)).build();
        String toml = ScenarioToml.write(s);

        assertThat(toml).contains("[duration]\ntotal_seconds = 7200\nmax_total_seconds = 19800\n");
        Scenario again = ScenarioLoader.parse(toml, "w");
        assertThat(again.maxTotalSeconds()).hasValue(19_800);
        assertThat(again).isEqualTo(s);

        Scenario none = Scenario.builder("none").arrival(new ArrivalPattern.Constant(1)).build();
        assertThat(ScenarioToml.write(none)).doesNotContain("max_total_seconds");
        assertThat(ScenarioLoader.parse(ScenarioToml.write(none), "w").maxTotalSeconds()).isEmpty();
    }
}
