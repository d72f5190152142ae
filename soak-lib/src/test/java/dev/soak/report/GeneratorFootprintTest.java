package dev.soak.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.soak.checkpoint.RunEvent;
import dev.soak.detect.AnalysisOptions;
import dev.soak.detect.MetricVerdict;
import dev.soak.detect.Verdict;
import dev.soak.scenario.Thresholds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratorFootprintTest {
    private static final AnalysisOptions OPTIONS = AnalysisOptions.builder().thresholds(new Thresholds(10, 2)).offline()
            .build();

    @TempDir
    Path dir;

    @Test
    void driverJsonl_readAsFirstAndLastValues_collectionTimeAndMeanCpu_aTornLineSkipped() throws Exception {
        Files.write(dir.resolve("driver.jsonl"), List.of(
                "{\"t_sec\":1.0,\"rss_mb\":100.0,\"threads\":25,\"open_fds\":126,\"heap_after_gc_mb\":3.0,"
                        + "\"gc_time_sec\":0.5,\"gc_count\":2}",
                "{\"t_sec\":2.0,\"cpu_percent\":40.0,\"rss_mb\":110.0,\"heap_after_gc_mb\":3.5,\"heap_used_mb\":71.5,"
                        + "\"gc_time_sec\":0.6,\"unknown\":{\"nested\":[1,2]}}",
                "{\"t_sec\":101.0,\"cpu_percent\":20.0,\"rss_mb\":130.0,\"threads\":28,\"open_fds\":130,"
                        + "\"heap_used_mb\":12,\"heap_after_gc_mb\":5.0,\"gc_time_sec\":6.5}",
                "{\"t_sec\":102.0,\"rss_m"));
        GeneratorFootprint g = GeneratorFootprint.read(dir, OPTIONS, false, 0).orElseThrow();
        assertThat(g.samples()).isEqualTo(3);
        assertThat(g.spanSec()).isEqualTo(100.0);
        assertThat(g.rssFirstMb()).isEqualTo(100.0);
        assertThat(g.rssLastMb()).isEqualTo(130.0);
        assertThat(g.heapFirstMb()).isEqualTo(3.0);
        assertThat(g.heapLastMb()).isEqualTo(5.0);
        assertThat(g.gcSec()).isCloseTo(6.0, within(1e-12));
        assertThat(g.cpuMeanPercent()).isEqualTo(30.0);
        assertThat(g.gcShare()).isCloseTo(0.06, within(1e-12));
        assertThat(g.threadsFirst()).isEqualTo(25);
        assertThat(g.threadsLast()).isEqualTo(28);
        assertThat(g.fdsFirst()).isEqualTo(126);
        assertThat(g.fdsLast()).isEqualTo(130);
        assertThat(g.heapUsedMaxMb()).isEqualTo(71.5);
        assertThat(g.line()).startsWith("RSS 100 → 130 MB (its heap in use, garbage included, reached 71.5 MB),"
                + " heap after GC 3.0 → 5.0 MB, collections 6.0 s (6.0 % of the run),"
                + " CPU 30 % of a core on average, threads 25 → 28, open fds 126 → 130; its heap after GC: INCONCLUSIVE")
                .contains("its collections took a large share of the run");
    }

    @Test
    void noDriverJsonl_noFootprint() throws Exception {
        assertThat(GeneratorFootprint.read(dir, OPTIONS, false, 0)).isEmpty();
        Files.writeString(dir.resolve("driver.jsonl"), "");
        assertThat(GeneratorFootprint.read(dir, OPTIONS, false, 0)).isEmpty();
    }

    @Test
    void aGeneratorWhoseHeapAfterGcGrows_isSaidToLeak_andOneWhoseHeapIsFlat_toPass() throws Exception {
        writeHeap(dir, 30, 1);
        GeneratorFootprint leaking = GeneratorFootprint.read(dir, OPTIONS, false, 0).orElseThrow();
        MetricVerdict t = leaking.heapTrend().orElseThrow();
        assertThat(t.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(t.ratePerHour()).isBetween(25.0, 35.0);
        assertThat(leaking.leaks()).isTrue();
        assertThat(leaking.line()).contains("its heap after GC: FAIL").contains("the load generator leaks");

        writeHeap(dir, 0, 2);
        GeneratorFootprint flat = GeneratorFootprint.read(dir, OPTIONS, false, 0).orElseThrow();
        assertThat(flat.heapTrend().orElseThrow().verdict()).isEqualTo(Verdict.PASS);
        assertThat(flat.heapTrend().orElseThrow().ciHighPerHour()).isLessThan(10);
        assertThat(flat.leaks()).isFalse();
        assertThat(flat.line()).contains("its heap after GC: PASS").doesNotContain("leaks");
    }

    @Test
    void aTargetInTheGeneratorsJvm_isNotTestedAgainAsTheGenerators() throws Exception {
        writeHeap(dir, 30, 1);
        assertThat(GeneratorFootprint.read(dir, OPTIONS, false, 0).orElseThrow().cpu()).hasSize(241);
        GeneratorFootprint g = GeneratorFootprint.read(dir, OPTIONS, true, 0).orElseThrow();
        assertThat(g.heapTrend()).isEmpty();
        assertThat(g.cpu()).as("the target's own CPU, plotted as the target's").isEmpty();
        assertThat(g.line()).doesNotContain("its heap after GC").endsWith("; the target ran in this JVM, so its heap is"
                + " the target's, tested among the verdicts");
    }

    @Test
    void theLoader_takesTheThresholdFromTheScenario_andTheSharedJvmFromTheStartEvent() throws Exception {
        Path run = SyntheticRun.write(dir.resolve("run"), SyntheticRun.Spec.healthy());
        writeHeap(run, 30, 1);
        Analyze.Result r = Analyze.run(Analyze.Options.of(run));
        GeneratorFootprint own = r.run().generators().get(0);
        assertThat(own.heapTrend().orElseThrow().thresholdPerHour()).isEqualTo(r.run().scenario().memoryLeakMbPerHour());
        assertThat(own.heapTrend().orElseThrow().verdict()).isEqualTo(Verdict.FAIL);
        // said in every report and on the console, without deciding the run's outcome (the target is healthy)
        assertThat(r.exitCode()).isNotEqualTo(RunAnalysis.EXIT_FAIL);
        assertThat(r.summary()).contains("the load generator's own heap after GC grows");
        assertThat(Files.readString(run.resolve("report.txt"))).contains("its heap after GC: FAIL");
        assertThat(Files.readString(run.resolve("report.html"))).contains("<li><span class=\"v FAIL\">FAIL</span> RSS");
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(run.resolve("report.json").toFile());
        assertThat(json.path("generators").path(0).path("heap_after_gc_trend").path("verdict").asText()).isEqualTo("FAIL");
        assertThat(json.path("generators").path(0).path("heap_after_gc_trend").path("estimate").asDouble())
                .isBetween(25.0, 35.0);

        Files.writeString(run.resolve("events.jsonl"), new com.fasterxml.jackson.databind.ObjectMapper()
                .writeValueAsString(Map.of("t_sec", 0.5, "type", RunEvent.START, "level", "info", "message", "started",
                        "details", Map.of(RunEvent.TARGET_IN_THIS_JVM, true))) + "\n",
                java.nio.file.StandardOpenOption.APPEND);
        assertThat(RunLoader.load(List.of(run), false).generators().get(0).heapTrend()).isEmpty();
    }

    @Test
    void anExtendedRun_testsTheGeneratorAtTheLevelOfItsLastFinalLook_asItTestsTheTarget() throws Exception {
        Path run = SyntheticRun.write(dir.resolve("extended"), SyntheticRun.Spec.healthy());
        writeHeap(run, 30, 1);
        Path scenario = run.resolve("scenario.toml");
        Files.writeString(scenario, Files.readString(scenario).replaceFirst("(?m)^total_seconds = (\\d+)$",
                "total_seconds = $1\nmax_total_seconds = 100000"));
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        for (double t : new double[] {7200, 9000}) {
            Files.writeString(run.resolve("events.jsonl"), mapper.writeValueAsString(Map.of("t_sec", t, "type",
                    RunEvent.EXTEND, "level", "info", "message", "extending", "details", Map.of())) + "\n",
                    java.nio.file.StandardOpenOption.APPEND);
        }
        RunData data = RunLoader.load(List.of(run), false);
        assertThat(data.scenario().extensible()).isTrue();
        double level = RunAnalysis.options(data).levelOfThisLook();
        assertThat(level).isEqualTo(0.05 / 8);
        assertThat(data.generators().get(0).heapTrend().orElseThrow().levelUsed()).isEqualTo(level);
    }

    @Test
    void aResumedRun_testsTheHeapOfTheGeneratorJvmOfItsLastPart_only() throws Exception {
        // the first part's generator leaked 60 MB/h for 3 h; the resumed part's, a new JVM, holds 25 MB for 3 h
        Path run = SyntheticRun.write(dir.resolve("resumed"), SyntheticRun.Spec.healthy());
        Random rnd = new Random(5);
        List<String> lines = new ArrayList<>();
        int second = 0;
        for (int i = 0; i <= 360; i++) {
            double t = 60.0 * i;
            boolean first = t < 3 * 3600;
            second += first ? 0 : 1;
            double heap = first ? 20 + 60 * t / 3600 : 25;
            lines.add(String.format(Locale.ROOT, "{\"t_sec\":%.1f,\"rss_mb\":300,\"heap_after_gc_mb\":%.3f}", t,
                    heap + 2 * rnd.nextGaussian()));
        }
        Files.write(run.resolve("driver.jsonl"), lines);
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        for (double t : new double[] {0.5, 3 * 3600}) {
            Files.writeString(run.resolve("events.jsonl"), mapper.writeValueAsString(Map.of("t_sec", t, "type",
                    RunEvent.START, "level", "info", "message", "started", "details", Map.of())) + "\n",
                    java.nio.file.StandardOpenOption.APPEND);
        }
        GeneratorFootprint g = RunLoader.load(List.of(run), false).generators().get(0);
        assertThat(g.heapFromSec()).isEqualTo(3 * 3600);
        MetricVerdict trend = g.heapTrend().orElseThrow();
        assertThat(trend.samplesUsed()).isLessThanOrEqualTo(second);
        assertThat(trend.verdict()).isNotEqualTo(Verdict.FAIL);
        assertThat(g.line()).contains("tested from the resume at 03:00:00");
        assertThat(g.samples()).as("the rest of the footprint spans the whole run").isEqualTo(361);
        // the whole file, one JVM's heap read against another's, is what it was tested on before
        assertThat(GeneratorFootprint.read(run, OPTIONS, false, 0).orElseThrow().heapTrend().orElseThrow().samplesUsed())
                .isGreaterThan(second);
    }

    /** Four hours of 60 s samples of a heap after GC growing {@code mbPerHour} with 2 MB of noise. */
    private static void writeHeap(Path dir, double mbPerHour, long seed) throws IOException {
        Random rnd = new Random(seed);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i <= 240; i++) {
            double t = 60.0 * i;
            lines.add(String.format(Locale.ROOT, "{\"t_sec\":%.1f,\"cpu_percent\":30,\"rss_mb\":%.2f,\"heap_after_gc_mb\":%.3f}", t,
                    200 + mbPerHour * t / 3600, 20 + mbPerHour * t / 3600 + 2 * rnd.nextGaussian()));
        }
        Files.write(dir.resolve("driver.jsonl"), lines);
    }
}
