package dev.soak.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.soak.report.ReportModel.ChangePoint;
import dev.soak.report.ReportModel.Forecast;
import dev.soak.report.ReportModel.Kind;
import dev.soak.report.ReportModel.MetricVerdict;
import dev.soak.report.ReportModel.Trend;
import dev.soak.report.ReportModel.Verdict;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportJsonTest {
    @TempDir
    Path tmp;

    @Test
    void reportJson_roundTripsTheAnalysis() throws Exception {
        Path dir = Runs.leakAndDrift(tmp.resolve("run"));
        RunData run = RunLoader.load(List.of(dir));
        ReportModel model = RunAnalysis.analyze(run);
        ReportWriter.write(run, model, dir);
        assertThat(ReportJson.readModel(dir.resolve("report.json"))).isEqualTo(model);

        JsonNode json = new ObjectMapper().readTree(dir.resolve("report.json").toFile());
        assertThat(json.path("overall").asText()).isEqualTo("FAIL");
        assertThat(json.path("exit_code").asInt()).isEqualTo(1);
        assertThat(json.path("verdicts")).allSatisfy(v -> {
            assertThat(v.has("estimate") && v.has("lower") && v.has("upper") && v.has("p_value") && v.has("threshold")).isTrue();
        });
        assertThat(json.path("events").size()).isEqualTo(run.events().size());
        assertThat(json.path("operations").findValuesAsText("operation")).contains("all", "store", "recall");
    }

    @Test
    void infinitiesAndUnknowns_roundTrip() {
        Trend t = new Trend(0, 3600, 1800, 10, Double.NaN, -1, 1, true, List.of(new ReportModel.Step(900, 0.25)));
        ReportModel m = new ReportModel("test", 0, "none",
                List.of(new MetricVerdict("x", Kind.DRIFT, true, Verdict.INCONCLUSIVE, Double.NaN, Double.NaN, Double.NaN, 0.9, "%/h",
                        Double.NaN, 2, Double.POSITIVE_INFINITY, 3, t, "too few")),
                List.of(new Forecast("open_fds", 1024, "max_open_files", 100, 0, Double.POSITIVE_INFINITY,
                        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 24, false, null, "open_fds stayed at 100.")),
                List.of(new ChangePoint("rss_mb", 100, -12.5, "MB")), List.of("a note"));
        RunData run = new RunData(List.of(tmp), java.util.Map.of(), "unknown", "", ScenarioFacts.defaults(), List.of(), List.of(),
                new OperationSums(), List.of(), LatencyLog.empty(), List.of());
        Path out = tmp.resolve("out");
        ReportWriter.write(run, m, out);
        assertThat(ReportJson.readModel(out.resolve("report.json"))).isEqualTo(m);
    }

    @Test
    void eventDetails_areWrittenByKey_soThatTwoAnalysesOfOneRunWriteTheSameFile() throws Exception {
        java.util.Map<String, Object> details = new java.util.LinkedHashMap<>();
        for (String k : List.of("seed", "time_scale", "wall_sec", "endpoint", "pid", "target", "abort_conditions", "arrival")) {
            details.put(k, k.length());
        }
        RunData run = new RunData(List.of(tmp), java.util.Map.of(), "complete", "", ScenarioFacts.defaults(), List.of(),
                List.of(), new OperationSums(), List.of(new dev.soak.checkpoint.RunEvent(0, "start", "info", "started", details)),
                LatencyLog.empty(), List.of());
        Path out = tmp.resolve("out");
        ReportWriter.write(run, RunAnalysis.analyze(run), out);
        List<String> keys = new java.util.ArrayList<>();
        new ObjectMapper().readTree(out.resolve("report.json").toFile()).path("events").get(0).path("details").fieldNames()
                .forEachRemaining(keys::add);
        // RunEvent keeps its details in an immutable map whose order is random from one JVM to the next
        assertThat(keys).hasSize(details.size()).isSorted();
    }
}
