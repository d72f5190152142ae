package dev.soak.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The report's memory does not grow with the number of latency intervals: an hour of 1 s intervals (3,600
 * intervals of two operations and their total, 10,800 histograms in {@code latency.hlog}) is analysed, and two such
 * load generators merged, in a child JVM of 96 MB of heap; in 10 MB the analysis says it ran out of memory and how to
 * give it more, without a stack trace. Holding each decoded histogram (about 120 KB each) took
 * over 1.2 GB for one such run: a day at the default 10 s intervals ran out of any heap Soak is given. The CSV
 * tables of 12 h of 1 s intervals are written in 46 MB, less than holding each interval's per-operation detail takes.
 */
class LongRunMemoryTest {

    @TempDir
    Path tmp;

    @Test
    @Execution(ExecutionMode.CONCURRENT) // child JVMs bounded in heap, not in time
    void anHourOf1sIntervals_isAnalysedIn96MB_alsoMergedWithASecondGenerator() throws Exception {
        SyntheticRun.Spec hour = new SyntheticRun.Spec("long", 3600, 1, 1, 0, 0, 5, 50, 1, false, 80);
        Path a = SyntheticRun.write(tmp.resolve("a"), hour);
        Path b = SyntheticRun.write(tmp.resolve("b"), hour.withSeed(2));

        Child one = analyse("-Xmx96m", a);
        assertThat(one.exit).as(one.output).isIn(0, 3);
        JsonNode report = new ObjectMapper().readTree(a.resolve("report.json").toFile());
        assertThat(report.path("counts").path("histogram_intervals").asInt()).isEqualTo(3600);
        assertThat(report.path("operations").get(0).path("exact").asBoolean()).as("percentiles from the histograms").isTrue();
        assertThat(Files.size(a.resolve("report.html"))).isPositive();

        Child merged = analyse("-Xmx96m", a, b);
        assertThat(merged.exit).as(merged.output).isIn(0, 3);
        JsonNode mergedReport = new ObjectMapper().readTree(a.resolve("merged").resolve("report.json").toFile());
        assertThat(mergedReport.path("operations").get(0).path("ops").asLong())
            .isEqualTo(2 * report.path("operations").get(0).path("ops").asLong());
    }

    private record Child(int exit, String output) { }

    @Test
    @Execution(ExecutionMode.CONCURRENT) // child JVMs bounded in heap, not in time
    void theCsvTablesOf12hOf1sIntervals_areWrittenInTheHeapTheReportNeeds() throws Exception {
        // 43,200 intervals of two operations: holding each one's per-operation detail took 56 MB of heap (out of
        // memory at 52), and a table of its 54 columns besides more than 72; written as metrics.jsonl is read, 36 MB
        // (out of memory at 32)
        Path a = SyntheticRun.write(tmp.resolve("a"),
            new SyntheticRun.Spec("long", 12 * 3600, 1, 1, 0, 0, 5, 50, 1, false, 80));
        Child c = analyse("-Xmx46m", "--csv", a);
        assertThat(c.exit).as(c.output).isIn(0, 3);
        List<String> lines = Files.readAllLines(a.resolve("csv").resolve("metrics.csv"));
        assertThat(lines).hasSize(1 + 12 * 3600);
        assertThat(lines.get(0)).startsWith("t_sec,t_hours,interval_sec,").contains(",store.p99_latency_ms,")
            .endsWith(",recall.uncorrected_max_latency_ms");
        assertThat(lines.get(1 + 12 * 3600 - 1)).startsWith("43200,12,1,");
        assertThat(Files.readAllLines(a.resolve("csv").resolve("resources.csv"))).hasSizeGreaterThan(12 * 3600);
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT) // child JVMs bounded in heap, not in time
    void anAnalysisThatRunsOutOfMemory_saysSoAndHowToGiveItMore_withoutAStackTrace() throws Exception {
        Path a = SyntheticRun.write(tmp.resolve("a"), new SyntheticRun.Spec("long", 3600, 1, 1, 0, 0, 5, 50, 1, false, 80));
        long metricsBytes = Files.size(a.resolve("metrics.jsonl"));
        Child small = analyse("-Xmx10m", a);
        assertThat(small.exit).as(small.output).isEqualTo(RunAnalysis.EXIT_BAD_INPUT);
        assertThat(small.output).contains("error: the analysis of " + a + " ran out of memory")
            .contains("the run's files are intact").contains("./jbang --runtime-option=-Xmx8g jbang-scripts/analyze.java " + a)
            .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(Files.size(a.resolve("metrics.jsonl"))).isEqualTo(metricsBytes);
    }

    private Child analyse(String heap, Path... dirs) throws IOException, InterruptedException {
        return analyse(heap, null, dirs);
    }

    private Child analyse(String heap, String flag, Path... dirs) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, heap, "-Djava.awt.headless=true", "-cp",
            System.getProperty("java.class.path"), AnalyzeChildMain.class.getName()));
        if (flag != null) {
            cmd.add(flag);
        }
        for (Path d : dirs) {
            cmd.add(d.toString());
        }
        Path log = Files.createTempFile(tmp, "child-", ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the analysis did not finish in 180 s: " + Files.readString(log, StandardCharsets.UTF_8));
        }
        return new Child(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
}
