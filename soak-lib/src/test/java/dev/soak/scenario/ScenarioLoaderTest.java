package dev.soak.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioLoaderTest {

    static Path resource(String name) throws Exception {
        return Path.of(ScenarioLoaderTest.class.getResource("/scenarios/" + name).toURI());
    }

    @Test
    void engramPeriodicBurst_40_50_10_withClusteredSubTable_loadsUnchanged() throws Exception {
        Scenario s = ScenarioLoader.load(resource("engram/periodic_burst_40_50_10.toml"));

        assertThat(s.name()).isEqualTo("Lunchtime Bursts");
        assertThat(s.totalSeconds()).isEqualTo(1200);
        assertThat(s.arrival()).isEqualTo(new ArrivalPattern.PeriodicBurst(1500, 9000, 45, 600));
        assertThat(s.operations().weights()).containsExactly(
                entry("store", 0.4), entry("recall", 0.5), entry("embedding_search", 0.1));
        assertThat(s.data()).isEqualTo(new DataSpec(250_000, 768, 2, new EmbeddingDistribution.Clustered(12, 0.08)));
        assertThat(s.validation().expectedP99LatencyMs()).hasValue(12.0);
        assertThat(s.validation().expectedThroughputOpsSec()).hasValue(2000.0);
        assertThat(s.validation().maxErrorRate()).hasValue(0.005);
        assertThat(s.chaosEnabled()).isFalse();
        assertThat(s.target().kind()).isEqualTo(TargetSpec.TargetKind.ENGRAM);
        assertThat(s.target().endpoint()).isEqualTo(URI.create("http://localhost:7432"));
    }

    @Test
    void engramPoisson_fractionalWeights_inlineDistribution_loadsUnchanged() throws Exception {
        Scenario s = ScenarioLoader.load(resource("engram/poisson_inline_distribution.toml"));

        assertThat(s.arrival()).isEqualTo(new ArrivalPattern.Poisson(1000));
        assertThat(s.operations().weights()).containsOnlyKeys("store", "recall", "embedding_search");
        assertThat(s.operations().weights().get("store")).isCloseTo(0.5, within(1e-12));
        assertThat(s.operations().weights().get("recall")).isCloseTo(0.425, within(1e-12));
        assertThat(s.operations().weights().get("embedding_search")).isCloseTo(0.075, within(1e-12));
        assertThat(s.data().distribution()).isEqualTo(new EmbeddingDistribution.Clustered(10, 0.1));
        assertThat(s.data().embeddingDim()).isEqualTo(384);
    }

    @Test
    void engramExponential_hotSpotVector_allFourOperations() throws Exception {
        Scenario s = ScenarioLoader.load(resource("engram/exponential_hot_spot.toml"));

        assertThat(s.arrival()).isEqualTo(new ArrivalPattern.Exponential(250));
        assertThat(s.operations().weights()).containsExactly(entry("store", 0.3), entry("recall", 0.3),
                entry("embedding_search", 0.2), entry("pattern_completion", 0.2));
        assertThat(s.data().distribution()).isEqualTo(new EmbeddingDistribution.HotSpot(1.0, List.of(0.5, -0.5, 0.25)));
        assertThat(s.chaosEnabled()).isTrue();
        assertThat(s.totalSeconds()).isEqualTo(300);
    }

    @Test
    void minimalScenario_takesEveryDocumentedDefault() {
        Scenario s = ScenarioLoader.parse("name = \"min\"\n[arrival]\npattern = \"constant\"\nrate = 5\n", "min.toml");

        assertThat(s.description()).isEmpty();
        assertThat(s.totalSeconds()).isEqualTo(300);
        assertThat(s.operations().weights()).containsExactly(entry("store", 0.35), entry("recall", 0.35),
                entry("embedding_search", 0.3));
        assertThat(s.operations().requests()).isEmpty();
        assertThat(s.data()).isEqualTo(new DataSpec(0, 768, 1, new EmbeddingDistribution.Clustered(10, 0.1)));
        assertThat(s.validation()).isEqualTo(ValidationSpec.none());
        assertThat(s.target().kind()).isEqualTo(TargetSpec.TargetKind.ENGRAM);
        assertThat(s.target().endpoint()).isEqualTo(URI.create("http://localhost:7432"));
        assertThat(s.target().healthPath()).isEqualTo("/health");
        assertThat(s.target().readyTimeoutSec()).isEqualTo(30);
        assertThat(s.target().pid()).isEmpty();
        assertThat(s.target().pidFile()).isEmpty();
        assertThat(s.target().command()).isEmpty();
        assertThat(s.target().faults()).isEqualTo(FaultSpec.none());
        SoakSettings k = s.soak();
        assertThat(k.checkpointIntervalSec()).isEqualTo(3600);
        assertThat(k.resourceCheckIntervalSec()).isEqualTo(60);
        assertThat(k.sampleIntervalSec()).isEqualTo(10);
        assertThat(k.warmupSec()).isEmpty();
        assertThat(k.timeScale()).isEqualTo(1);
        assertThat(k.abort()).isEqualTo(AbortConditions.none());
        assertThat(k.thresholds()).isEqualTo(new Thresholds(10, 2));
    }

    @Test
    void seed24hProduction_loadsWithItsValues() throws Exception {
        Scenario s = ScenarioLoader.load(Path.of("..", "scenarios", "soak", "24h_production.toml"));

        assertThat(s.arrival()).isEqualTo(new ArrivalPattern.Diurnal(500, 2, 14, 3));
        assertThat(s.totalSeconds()).isEqualTo(86_400);
        assertThat(s.soak().abort().maxRssMb()).hasValue(8192);
        assertThat(s.soak().abort().maxP99Ms()).hasValue(100);
        assertThat(s.soak().abort().maxErrorRate()).hasValue(0.05);
        assertThat(s.soak().abort().abortOnRegression()).isTrue();
        assertThat(s.data().numNodes()).isEqualTo(100_000);
    }

    @Test
    void everyKey_isReadIntoTheRecords() {
        String toml = """
                name = "all"
                description = "every key"
                [duration]
                total_seconds = 7200
                [arrival]
                pattern = "ramp"
                start_ops = 10
                end_ops = 110
                [target]
                kind = "engram"
                endpoint = "http://127.0.0.1:9000"
                command = "  ./server   --port 9000 "
                health_path = "/ready"
                ready_timeout_sec = 12.5
                [soak]
                checkpoint_interval_sec = 600
                resource_check_interval_sec = 5
                sample_interval_sec = 2
                warmup_sec = 120
                time_scale = 2
                [soak.abort_conditions]
                max_rss_mb = 512
                max_p99_ms = 25.0
                max_error_rate = 0.1
                abort_on_regression = true
                sustained_sec = 30
                [soak.thresholds]
                memory_leak_mb_per_hour = 4.0
                latency_drift_pct_per_hour = 1.5
                exhaustion_horizon_hours = 72
                """;
        Scenario s = ScenarioLoader.parse(toml, "all.toml");

        assertThat(s.arrival()).isEqualTo(new ArrivalPattern.Ramp(10, 110, 7200));
        assertThat(s.target().endpoint()).isEqualTo(URI.create("http://127.0.0.1:9000"));
        assertThat(s.target().command()).containsExactly("./server", "--port", "9000");
        assertThat(s.target().healthPath()).isEqualTo("/ready");
        assertThat(s.target().readyTimeoutSec()).isEqualTo(12.5);
        assertThat(s.soak().checkpointIntervalSec()).isEqualTo(600);
        assertThat(s.soak().resourceCheckIntervalSec()).isEqualTo(5);
        assertThat(s.soak().sampleIntervalSec()).isEqualTo(2);
        assertThat(s.soak().warmupSec()).hasValue(120);
        assertThat(s.soak().timeScale()).isEqualTo(2);
        assertThat(s.wallSeconds()).isEqualTo(3600);
        assertThat(s.soak().abort().maxRssMb()).hasValue(512);
        assertThat(s.soak().abort().maxP99Ms()).hasValue(25);
        assertThat(s.soak().abort().maxErrorRate()).hasValue(0.1);
        assertThat(s.soak().abort().abortOnRegression()).isTrue();
        assertThat(s.soak().abort().sustainedSec()).isEqualTo(30);
        assertThat(s.soak().thresholds()).isEqualTo(new Thresholds(4, 1.5, 72));
    }

    @Test
    void embeddedTarget_withFaults_andPidFileTarget() {
        Scenario e = ScenarioLoader.parse("""
                name = "f"
                [arrival]
                pattern = "constant"
                rate = 100
                [soak]
                warmup_sec = "auto"
                [target]
                kind = "embedded"
                [target.faults]
                leak_mb_per_hour = 1
                leak_bytes_per_store = 2
                latency_drift_pct_per_hour = 3
                base_latency_ms = 4
                fd_leak_per_minute = 5
                thread_leak_per_minute = 6
                warmup_mb = 7
                warmup_tau_sec = 8
                error_rate = 0.09
                crash_after_sec = 10
                """, "f.toml");
        assertThat(e.target().faults()).isEqualTo(new FaultSpec(1, 2, 3, 4, 5, 6, 7, 8, 0.09, 10));
        assertThat(e.soak().warmupSec()).isEmpty();

        Scenario p = ScenarioLoader.parse("""
                name = "p"
                [arrival]
                pattern = "constant"
                rate = 100
                [target]
                pid_file = "/run/engram.pid"
                """, "p.toml");
        assertThat(p.target().pidFile()).contains(Path.of("/run/engram.pid"));
        Scenario c = ScenarioLoader.parse("""
                name = "c"
                [arrival]
                pattern = "constant"
                rate = 100
                [target]
                command = ["java", "-jar", "my server.jar"]
                """, "c.toml");
        assertThat(c.target().command()).containsExactly("java", "-jar", "my server.jar");
    }

    @Test
    void httpTemplates_defaultToHttpKind_andNormaliseTheirWeights() {
        Scenario s = ScenarioLoader.parse("""
                name = "svc"
                [arrival]
                pattern = "poisson"
                lambda = 50
                [target]
                endpoint = "http://127.0.0.1:8080"
                [[operations.request]]
                name = "get_item"
                weight = 3
                path = "/items/{{randInt:1:1000}}"
                [[operations.request]]
                name = "put_item"
                method = "put"
                path = "/items/{{seq}}"
                body = '{"id": "{{uuid}}", "v": {{embedding}}}'
                headers = { "Content-Type" = "application/json" }
                expect_status = [200, 201]
                """, "svc.toml");

        assertThat(s.target().kind()).isEqualTo(TargetSpec.TargetKind.HTTP);
        assertThat(s.operations().isHttpTemplates()).isTrue();
        assertThat(s.operations().weights()).containsExactly(entry("get_item", 0.75), entry("put_item", 0.25));
        HttpRequestTemplate put = s.operations().requests().get(1);
        assertThat(put.method()).isEqualTo("PUT");
        assertThat(put.headers()).containsExactly(entry("Content-Type", "application/json"));
        assertThat(put.expectStatus()).containsExactly(200, 201);
        assertThat(put.body()).contains("{{embedding}}");
        HttpRequestTemplate get = s.operations().requests().get(0);
        assertThat(get.method()).isEqualTo("GET");
        assertThat(get.body()).isEmpty();
        assertThat(get.expectStatus()).isEmpty();
    }

    @Test
    void syntaxError_isReportedAsFileLineColumn_alone() {
        ScenarioException e = catchThrowableOfType(
                () -> ScenarioLoader.parse("name = \"x\"\n[arrival]\npattern = = \"constant\"\n", "s.toml"), ScenarioException.class);

        assertThat(e.problems()).hasSize(1);
        Problem p = e.problems().get(0);
        assertThat(p.line()).hasValue(3);
        assertThat(p.column()).hasValue(11);
        assertThat(e.getMessage()).startsWith("Invalid scenario: s.toml:3:11: TOML syntax error");
    }

    @Test
    void missingFile_isOneClearProblem(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("nope.toml");
        assertThatThrownBy(() -> ScenarioLoader.load(missing))
                .isInstanceOf(ScenarioException.class)
                .hasMessage("Invalid scenario: " + missing + ": does not exist. Fix: check the path; the bundled "
                        + "scenarios are under scenarios/, e.g. scenarios/smoke.toml.");
        assertThatThrownBy(() -> ScenarioLoader.load(dir)).hasMessageContaining("is a directory");
        Path latin1 = dir.resolve("latin1.toml");
        Files.write(latin1, new byte[] {'n', 'a', 'm', 'e', '=', '"', (byte) 0xE9, '"', '\n'});
        assertThatThrownBy(() -> ScenarioLoader.load(latin1)).hasMessageContaining("is not UTF-8 text");
    }

    @Test
    void unknownKeys_suggestTheClosestKnownKey_acrossSections() {
        assertThat(KeySchema.suggest("soak", "checkpoint_intervall_sec")).contains("[soak] checkpoint_interval_sec");
        assertThat(KeySchema.suggest("duration", "checkpoint_interval_sec")).contains("[soak] checkpoint_interval_sec");
        assertThat(KeySchema.suggest("target", "endpont")).contains("[target] endpoint");
        assertThat(KeySchema.suggest("", "totally_unrelated_words")).isEmpty();
        assertThat(KeySchema.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(KeySchema.distance("", "abc")).isEqualTo(3);
        assertThat(KeySchema.distance("same", "same")).isZero();
    }

    @Test
    void problemMessage_namesFileKeyValueAllowedAndFix() {
        ScenarioException e = catchThrowableOfType(() -> ScenarioLoader.parse(
                "name = \"w\"\n[duration]\ntotal_seconds = 1200\n[arrival]\npattern = \"constant\"\nrate = 1\n[soak]\nwarmup_sec = 1800\n",
                "w.toml"), ScenarioException.class);

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.keyPath()).isEqualTo("[soak] warmup_sec");
            assertThat(p.value()).isEqualTo("1800");
            assertThat(p.message()).isEqualTo("w.toml: [soak] warmup_sec = 1800 must be less than the run's wall length, "
                    + "1200 s ([duration] total_seconds = 1200 / [soak] time_scale = 1). Fix: lower warmup_sec or raise total_seconds.");
        });
    }

    private static Scenario withDuration(String durationKeys, double timeScale) {
        return ScenarioLoader.parse("name = \"x\"\n[duration]\n" + durationKeys + "\n[arrival]\npattern = \"constant\"\nrate = 1\n"
                + "[soak]\ntime_scale = " + timeScale + "\n", "x.toml");
    }

    @Test
    void maxTotalSeconds_isRead_andMaxWallSecondsDividesItByTheTimeScale() {
        Scenario s = withDuration("total_seconds = 3600\nmax_total_seconds = 10800", 1);
        assertThat(s.maxTotalSeconds()).hasValue(10800);
        assertThat(s.extensible()).isTrue();
        assertThat(s.wallSeconds()).isEqualTo(3600);
        assertThat(s.maxWallSeconds()).isEqualTo(10800);

        Scenario scaled = withDuration("total_seconds = 3600\nmax_total_seconds = 10800", 2);
        assertThat(scaled.extensible()).isTrue();
        assertThat(scaled.wallSeconds()).isEqualTo(1800);
        assertThat(scaled.maxWallSeconds()).isEqualTo(5400);
    }

    @Test
    void maxTotalSeconds_absentOrEqualToTotal_isNotExtensible() {
        Scenario absent = withDuration("total_seconds = 3600", 2);
        assertThat(absent.maxTotalSeconds()).isEmpty();
        assertThat(absent.extensible()).isFalse();
        assertThat(absent.maxWallSeconds()).isEqualTo(absent.wallSeconds()).isEqualTo(1800);

        Scenario equal = withDuration("total_seconds = 3600\nmax_total_seconds = 3600", 2);
        assertThat(equal.maxTotalSeconds()).hasValue(3600);
        assertThat(equal.extensible()).isFalse();
        assertThat(equal.maxWallSeconds()).isEqualTo(1800);
    }

    @Test
    void maxTotalSeconds_belowTotal_isAProblemNamingBothKeysAndTheFix() {
        ScenarioException e = catchThrowableOfType(() -> withDuration("total_seconds = 7200\nmax_total_seconds = 3600", 1),
                ScenarioException.class);

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.keyPath()).isEqualTo("[duration] max_total_seconds");
            assertThat(p.message()).isEqualTo("x.toml: [duration] max_total_seconds = 3600 must be >= [duration] total_seconds = 7200 "
                    + "(an extension only lengthens the run; equal means no extension). Fix: raise max_total_seconds to at least "
                    + "7200 (or lower total_seconds), or leave it out for no extension.");
        });
    }

    @Test
    void maxTotalSeconds_notAPositiveNumber_isAProblemNamingTheKey() {
        ScenarioException text = catchThrowableOfType(() -> withDuration("max_total_seconds = \"2d\"", 1), ScenarioException.class);
        assertThat(text.problems()).singleElement().satisfies(p -> {
            assertThat(p.keyPath()).isEqualTo("[duration] max_total_seconds");
            assertThat(p.value()).isEqualTo("\"2d\"");
            assertThat(p.message()).contains("must be a number of scenario seconds >= [duration] total_seconds")
                    .contains("Fix: write a plain number without quotes");
        });

        ScenarioException negative = catchThrowableOfType(() -> withDuration("max_total_seconds = -1", 1), ScenarioException.class);
        assertThat(negative.problems()).singleElement().satisfies(p -> {
            assertThat(p.keyPath()).isEqualTo("[duration] max_total_seconds");
            assertThat(p.message()).contains("[duration] max_total_seconds = -1 must be a number of scenario seconds > 0")
                    .contains("Fix: ");
        });
    }

    @Test
    void maxTotalSeconds_misspelt_suggestsTheKey() {
        ScenarioException e = catchThrowableOfType(() -> withDuration("max_total_second = 7200", 1), ScenarioException.class);
        assertThat(e.getMessage()).contains("[duration] max_total_second = 7200 is not a known key of [duration]")
                .contains("Did you mean `[duration] max_total_seconds`?");
    }
}
