package dev.soak.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.soak.checkpoint.HeapProfile;
import dev.soak.checkpoint.IntervalMetrics;
import dev.soak.checkpoint.LatencySummary;
import dev.soak.checkpoint.OperationMetrics;
import dev.soak.checkpoint.ResourceSample;
import dev.soak.checkpoint.RunDirectory;
import dev.soak.checkpoint.RunEvent;
import dev.soak.checkpoint.RunInfo;
import dev.soak.checkpoint.RunStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run directory written by dev.soak.checkpoint's own writers (as the orchestrator will) is read and reported right. */
class CheckpointWriterCompatTest {
    @TempDir
    Path tmp;

    @Test
    void runWrittenByRunDirectory_isAnalysed_withUntaggedTotalsNotDoubleCounted() throws Exception {
        Path dir = tmp.resolve("run");
        OffsetDateTime start = OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
        Random rnd = new Random(4);
        Histogram wholeRun = LatencyLog.newHistogram();
        long opsTotal = 0;
        try (RunDirectory run = RunDirectory.create(dir, RunInfo.newRun("written-by-checkpoint", start, 1, OptionalLong.empty(), Optional.empty()),
                "name = \"written-by-checkpoint\"\n[soak.thresholds]\nmemory_leak_mb_per_hour = 10.0\n".getBytes(StandardCharsets.UTF_8))) {
            run.events().append(new RunEvent(0, "start", "info", "run started", Map.of()));
            for (int i = 1; i <= 180; i++) {
                double t = i * 60.0;
                double rss = 400 + 40 * t / 3600 + 3 * rnd.nextGaussian();
                ResourceSample r = new ResourceSample(t, 20, rss, 3 * rss, 30, 100, 10, 0, Double.NaN, Double.NaN, Double.NaN,
                        Double.NaN, 1024, Double.NaN);
                run.resources().append(r);
                Histogram get = LatencyLog.newHistogram(), put = LatencyLog.newHistogram();
                for (int k = 0; k < 300; k++) {
                    (k % 3 == 0 ? put : get).recordValue(Math.round(1e6 * Math.exp(0.5 * rnd.nextGaussian()) * (k % 3 == 0 ? 3 : 1)));
                }
                wholeRun.add(get);
                wholeRun.add(put);
                opsTotal += 300;
                Histogram all = LatencyLog.newHistogram();
                all.add(get);
                all.add(put);
                OperationMetrics om = new OperationMetrics(300, 0, Map.of(), 5, 5, RunLoader.summary(all), LatencySummary.empty());
                IntervalMetrics m = new IntervalMetrics(t, 60, om, 0, 0, Map.of(
                        "get", new OperationMetrics(200, 0, Map.of(), 3.3, 3.3, RunLoader.summary(get), LatencySummary.empty()),
                        "put", new OperationMetrics(100, 0, Map.of(), 1.7, 1.7, RunLoader.summary(put), LatencySummary.empty())));
                run.metrics().append(m);
                run.latencyLog().appendInterval(m, Map.of("get", get, "put", put), Map.of("get", get, "put", put));
                if (i % 30 == 0) {
                    run.checkpoints().write(t, m, r, HeapProfile.none(), Map.of());
                }
            }
            run.finish(RunStatus.COMPLETED, start.plusHours(3));
        }
        var result = Analyze.run(Analyze.Options.of(dir));
        assertThat(result.exitCode()).as(result.summary()).isEqualTo(RunAnalysis.EXIT_FAIL);
        assertThat(result.model().leakDetected()).isTrue();
        assertThat(result.run().status()).isEqualTo("complete");
        List<OperationTable.Row> rows = OperationTable.rows(result.run());
        OperationTable.Row all = rows.stream().filter(r -> r.name().equals("all")).findFirst().orElseThrow();
        assertThat(all.exact()).isTrue();
        assertThat(all.ops()).isEqualTo(opsTotal);
        assertThat(all.p99Ms()).isEqualTo(wholeRun.getValueAtPercentile(99) / 1e6);
        assertThat(rows).extracting(OperationTable.Row::name).containsExactlyInAnyOrder("all", "get", "put");
        assertThat(Files.readString(dir.resolve("report.txt"))).contains("MEMORY_LEAK_DETECTED");
        assertThat(result.run().latency().wholeRun(null).getTotalCount()).isEqualTo(opsTotal);
    }
}
