package dev.soak.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunAnalysisTest {
    @TempDir
    Path tmp;

    @Test
    void anExtensibleRunsFinalAnalysis_isAtTheLevelOfTheFinalLookItReached() throws IOException {
        Path dir = Runs.healthy(tmp.resolve("run"));
        assertThat(RunAnalysis.options(RunLoader.load(List.of(dir))).levelOfThisLook()).isEqualTo(0.05);

        // the same run, allowed to go on to 12 h: the test at its planned end was at α/2
        Path toml = dir.resolve("scenario.toml");
        Files.writeString(toml, Files.readString(toml).replace("total_seconds = 14400",
            "total_seconds = 14400\nmax_total_seconds = 43200"), StandardCharsets.UTF_8);
        assertThat(RunAnalysis.options(RunLoader.load(List.of(dir))).levelOfThisLook()).isEqualTo(0.025);

        // extended twice: its final analysis is the third, at α/8
        String extend = "{\"t_sec\":%d,\"type\":\"extend\",\"level\":\"info\",\"message\":\"INCONCLUSIVE: extending\"}\n";
        Files.writeString(dir.resolve("events.jsonl"), extend.formatted(14400) + extend.formatted(18000),
            StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        RunData run = RunLoader.load(List.of(dir));
        assertThat(RunAnalysis.options(run).levelOfThisLook()).isEqualTo(0.05 / 8);
        assertThat(RunAnalysis.analyze(run).verdicts()).isNotEmpty();
    }

    @Test
    void aRunItsFinalTestEnded_isTestedOnTheDataThatTestRead_andAnExtensionOrResumeAfterItUndoesThat() throws IOException {
        Path dir = Runs.healthy(tmp.resolve("run"));
        Path toml = dir.resolve("scenario.toml");
        Files.writeString(toml, Files.readString(toml).replace("total_seconds = 14400",
            "total_seconds = 14400\nmax_total_seconds = 43200"), StandardCharsets.UTF_8);
        ReportModel tested = RunAnalysis.analyze(RunLoader.load(List.of(dir)));
        double resourcesThrough = lastTSec(dir.resolve("resources.jsonl"));
        double metricsThrough = lastTSec(dir.resolve("metrics.jsonl"));
        Files.writeString(dir.resolve("events.jsonl"), ("{\"t_sec\":%s,\"type\":\"final_test\",\"level\":\"info\","
            + "\"message\":\"final test 1: PASS\",\"details\":{\"final_look\":1,\"resources_through_sec\":%s,"
            + "\"metrics_through_sec\":%s}}%n").formatted(metricsThrough, resourcesThrough, metricsThrough),
            StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        // the load and the sampling go on for ten minutes while the test runs, the memory 400 MB up, the p99 tenfold
        appendShifted(dir.resolve("resources.jsonl"), 20, "pss_mb", 400);
        appendShifted(dir.resolve("metrics.jsonl"), 10, "p99_latency_ms", 0);
        ReportModel cut = RunAnalysis.analyze(RunLoader.load(List.of(dir)));
        assertThat(cut.verdicts()).extracting(ReportModel.MetricVerdict::metric, ReportModel.MetricVerdict::estimate,
            ReportModel.MetricVerdict::verdict).containsExactlyElementsOf(tested.verdicts().stream()
            .map(v -> org.assertj.core.groups.Tuple.tuple(v.metric(), v.estimate(), v.verdict())).toList());
        assertThat(cut.notes()).anySatisfy(n -> assertThat(n).contains("final test 1, which ended the run")
            .contains("the 10 load interval(s) and 20 resource sample(s) recorded after it"));
        assertThat(RunAnalysis.finalAnalysis(RunLoader.load(List.of(dir))).leak().ratePerHour())
            .isEqualTo(tested.verdicts().get(0).estimate());

        // the run went on after that test (it was extended, or resumed): everything is tested
        for (String type : List.of("extend", "resume")) {
            List<String> events = Files.readAllLines(dir.resolve("events.jsonl"));
            Path copy = tmp.resolve(type);
            copyDirectory(dir, copy);
            Files.writeString(copy.resolve("events.jsonl"), String.join("\n", events) + "\n{\"t_sec\":%s,\"type\":\"%s\",\"level\":\"info\",\"message\":\"x\"}\n"
                .formatted(metricsThrough + 1, type), StandardCharsets.UTF_8);
            ReportModel whole = RunAnalysis.analyze(RunLoader.load(List.of(copy)));
            assertThat(whole.notes()).as(type).noneSatisfy(n -> assertThat(n).contains("ended the run"));
            assertThat(whole.verdicts().get(0).metric()).isEqualTo("pss_mb");
            assertThat(whole.verdicts().get(0).samples()).as(type).isEqualTo(tested.verdicts().get(0).samples() + 20);
            assertThat(whole.verdicts().get(0).estimate()).as(type).isNotEqualTo(tested.verdicts().get(0).estimate());
        }
    }

    private static double lastTSec(Path jsonl) throws IOException {
        List<String> lines = Files.readAllLines(jsonl);
        return new ObjectMapper().readTree(lines.get(lines.size() - 1)).get("t_sec").asDouble();
    }

    /**
     * Appends {@code n} copies of the file's last line, each one interval later than the one before, with {@code field}
     * raised by {@code add} (or, when {@code add} is 0, multiplied by ten).
     */
    private static void appendShifted(Path jsonl, int n, String field, double add) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> lines = new ArrayList<>(Files.readAllLines(jsonl));
        ObjectNode last = (ObjectNode) json.readTree(lines.get(lines.size() - 1));
        double step = last.get("t_sec").asDouble() - json.readTree(lines.get(lines.size() - 2)).get("t_sec").asDouble();
        for (int i = 1; i <= n; i++) {
            ObjectNode row = last.deepCopy();
            double v = last.get(field).asDouble();
            row.put("t_sec", last.get("t_sec").asDouble() + i * step).put(field, add == 0 ? v * 10 : v + add);
            lines.add(json.writeValueAsString(row));
        }
        Files.write(jsonl, lines);
    }

    private static void copyDirectory(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }
}
