package dev.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.soak.scenario.ArrivalPattern;
import dev.soak.scenario.Problem;
import dev.soak.scenario.Scenario;
import dev.soak.scenario.ScenarioException;
import dev.soak.scenario.ScenarioLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SoakBuilderTest {

    @Test
    void timeScaleZero_failsWithTheTomlLoadersProblem() {
        ScenarioException fromCode = catchThrowableOfType(
                () -> Soak.builder("x").arrival(new ArrivalPattern.Constant(10)).timeScale(0).buildScenario(), ScenarioException.class);
        ScenarioException fromToml = catchThrowableOfType(
                () -> ScenarioLoader.parse("name = \"x\"\n[arrival]\npattern = \"constant\"\nrate = 10\n[soak]\ntime_scale = 0\n", "x.toml"), ScenarioException.class);

        assertThat(fromCode).isNotNull();
        assertThat(fromToml).isNotNull();
        Problem code = fromCode.problems().get(0);
        Problem toml = fromToml.problems().get(0);
        assertThat(code.keyPath()).isEqualTo("[soak] time_scale");
        assertThat(List.of(code.keyPath(), code.value(), code.allowed(), code.hint()))
                .isEqualTo(List.of(toml.keyPath(), toml.value(), toml.allowed(), toml.hint()));
    }

    @Test
    void warmupLongerThanTheRun_failsWithTheTomlLoadersProblem() {
        ScenarioException fromCode = catchThrowableOfType(() -> Soak.builder("x").arrival(new ArrivalPattern.Constant(10)).duration(Duration.ofSeconds(20))
                .warmup(Duration.ofSeconds(30)).buildScenario(), ScenarioException.class);
        ScenarioException fromToml = catchThrowableOfType(() -> ScenarioLoader.parse(
                "name = \"x\"\n[arrival]\npattern = \"constant\"\nrate = 10\n[duration]\ntotal_seconds = 20\n[soak]\nwarmup_sec = 30\n", "x.toml"), ScenarioException.class);

        Problem code = fromCode.problems().get(0);
        Problem toml = fromToml.problems().get(0);
        assertThat(code.message()).startsWith("ScenarioBuilder: [soak] warmup_sec = 30");
        assertThat(code.message().substring("ScenarioBuilder".length()))
                .isEqualTo(toml.message().substring("x.toml".length()));
    }

    @Test
    void shortRunBuiltInCode_derivesIntervalsFromTheWallLength() {
        Scenario s = Soak.builder("x").arrival(new ArrivalPattern.Constant(10)).duration(Duration.ofHours(1)).timeScale(120).buildScenario();

        assertThat(s.wallSeconds()).isEqualTo(30.0);
        assertThat(s.soak().sampleIntervalSec()).isEqualTo(1.0);          // 30/60 -> at least 1 s
        assertThat(s.soak().resourceCheckIntervalSec()).isEqualTo(0.5);   // 30/120 -> at least 0.5 s
        assertThat(s.soak().checkpointIntervalSec()).isEqualTo(7.5);      // 30/4
    }

    @Test
    void explicitIntervals_areKept() {
        Scenario s = Soak.builder("x").arrival(new ArrivalPattern.Constant(10)).duration(Duration.ofSeconds(30)).sampleInterval(Duration.ofSeconds(5))
                .resourceInterval(Duration.ofSeconds(2)).checkpointInterval(Duration.ofSeconds(10)).buildScenario();

        assertThat(s.soak().sampleIntervalSec()).isEqualTo(5.0);
        assertThat(s.soak().resourceCheckIntervalSec()).isEqualTo(2.0);
        assertThat(s.soak().checkpointIntervalSec()).isEqualTo(10.0);
    }

    @Test
    void scenarioFile_keepsItsValues_andMonitorPidReplacesItsCommand(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("s.toml");
        Files.writeString(file, "name = \"svc\"\n[arrival]\npattern = \"constant\"\nrate = 10\n[duration]\ntotal_seconds = 600\n[target]\ncommand = [\"./server\"]\n"
                + "[soak]\nsample_interval_sec = 7\n");

        Scenario s = Soak.scenario(file).monitor(4242).buildScenario();

        assertThat(s.soak().sampleIntervalSec()).isEqualTo(7.0);
        assertThat(s.target().pid()).hasValue(4242);
        assertThat(s.target().command()).isEmpty();
    }

    @Test
    void monitorNegativePid_failsWithTheTomlLoadersProblem() {
        ScenarioException e = catchThrowableOfType(() -> Soak.builder("x").arrival(new ArrivalPattern.Constant(10)).monitor(-5).buildScenario(), ScenarioException.class);

        assertThat(e.problems().get(0).message()).contains("[target] pid = -5 must be a process id > 0");
    }

    @Test
    void operation_weightNotPositive_orNameTwice_isRejectedAtOnce() {
        assertThatThrownBy(() -> Soak.builder().operation("get", 0, () -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("weight of operation \"get\" is 0.0; it must be a finite number > 0 (weights are relative)");
        assertThatThrownBy(() -> Soak.builder().operation("get", () -> { }).operation("get", 2, () -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("operation \"get\" is given twice");
    }

    @Test
    void missingScenarioFile_isAScenarioExceptionNamingTheFile(@TempDir Path dir) {
        Path missing = dir.resolve("nope.toml");
        assertThatThrownBy(() -> Soak.scenario(missing)).isInstanceOf(ScenarioException.class)
                .hasMessageContaining(missing.toString());
    }
}
