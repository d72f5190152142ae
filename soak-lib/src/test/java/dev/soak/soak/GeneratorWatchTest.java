package dev.soak.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.soak.checkpoint.RunDirectory;
import dev.soak.checkpoint.RunDirectoryReader;
import dev.soak.checkpoint.RunEvent;
import dev.soak.checkpoint.RunInfo;
import dev.soak.detect.AnalysisOptions;
import dev.soak.detect.Look;
import dev.soak.detect.MetricVerdict;
import dev.soak.detect.Verdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratorWatchTest {
    @TempDir
    Path tmp;

    @Test
    void aGeneratorWhoseHeapGrows_isSaidOnce_atTheLookThatFindsIt_withItsRate() throws IOException {
        // 6 h of the generator's samples, a minute apart: its heap after GC grows 60 MB/h under 3 MB of noise
        Path dir = tmp.resolve("leaking");
        List<String> said = new ArrayList<>();
        try (RunDirectory run = create(dir)) {
            writeDriverSamples(dir, 6 * 60, 60);
            GeneratorWatch watch = new GeneratorWatch(dir, false, 0);
            Optional<MetricVerdict> first = watch.look(lookAt(5, 6 * 3600, 8 * 3600), 5, 6 * 3600, run, said::add);
            Optional<MetricVerdict> second = watch.look(lookAt(6, 6 * 3600 + 60, 8 * 3600), 6, 6 * 3600 + 60, run,
                said::add);

            assertThat(first).get().extracting(MetricVerdict::verdict).isEqualTo(Verdict.FAIL);
            assertThat(first.get().ratePerHour()).isCloseTo(60, within(6.0));
            assertThat(first.get().levelUsed()).as("a live look's share of α").isPositive().isLessThan(0.05);
            assertThat(second).get().extracting(MetricVerdict::verdict).isEqualTo(Verdict.FAIL);
            assertThat(watch.last()).isEqualTo(second);
        }
        assertThat(said).singleElement().asString().startsWith("soak: warning: at checkpoint 5, the load generator's own"
            + " heap after GC: FAIL, ").contains("threshold 10.0 MB/h").contains("the load generator leaks");
        List<RunEvent> events = RunDirectoryReader.open(dir).events().rows().stream()
            .filter(e -> e.type().equals(GeneratorWatch.EVENT)).toList();
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.level()).isEqualTo("warn");
            assertThat(e.details()).containsEntry("checkpoint", 5).containsEntry("threshold_per_hour", 10.0);
            assertThat(((Number) e.details().get("rate_per_hour")).doubleValue()).isCloseTo(60, within(6.0));
            assertThat(((Number) e.details().get("rate_low_per_hour")).doubleValue()).isPositive();
        });
    }

    @Test
    void aLevelHeap_saysNothing_andATargetInThisJvm_isNotTestedAsTheGenerators() throws IOException {
        Path dir = tmp.resolve("level");
        List<String> said = new ArrayList<>();
        try (RunDirectory run = create(dir)) {
            writeDriverSamples(dir, 6 * 60, 0);
            Optional<MetricVerdict> level = new GeneratorWatch(dir, false, 0)
                .look(lookAt(5, 6 * 3600, 8 * 3600), 5, 6 * 3600, run, said::add);
            assertThat(level).get().extracting(MetricVerdict::verdict).isNotEqualTo(Verdict.FAIL);

            Path shared = tmp.resolve("shared");
            Files.createDirectories(shared);
            writeDriverSamples(shared, 6 * 60, 60);
            GeneratorWatch inThisJvm = new GeneratorWatch(shared, true, 0);
            assertThat(inThisJvm.look(lookAt(5, 6 * 3600, 8 * 3600), 5, 6 * 3600, run, said::add)).isEmpty();
            assertThat(inThisJvm.last()).isEmpty();
        }
        assertThat(said).isEmpty();
        assertThat(RunDirectoryReader.open(dir).events().rows()).noneMatch(e -> e.type().equals(GeneratorWatch.EVENT));
    }

    private static AnalysisOptions lookAt(int number, double elapsedSec, double plannedSec) {
        return AnalysisOptions.defaults().toBuilder().look(new Look(number, elapsedSec, elapsedSec - 1800, plannedSec))
            .build();
    }

    private static RunDirectory create(Path dir) {
        OffsetDateTime start = OffsetDateTime.of(2026, 12, 3, 0, 0, 0, 0, ZoneOffset.UTC);
        return RunDirectory.create(dir, RunInfo.newRun(dir.getFileName().toString(), start, 1, OptionalLong.empty(),
            Optional.empty()), "name = \"x\"\n".getBytes(StandardCharsets.UTF_8));
    }

    /** {@code n} samples a minute apart, heap after GC 40 MB growing {@code mbPerHour} under N(0, 3²) noise. */
    private static void writeDriverSamples(Path dir, int n, double mbPerHour) throws IOException {
        Random rnd = new Random(3);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            double t = 60.0 * i;
            b.append(String.format(Locale.ROOT, "{\"t_sec\":%.1f,\"cpu_percent\":12.0,\"rss_mb\":%.2f,\"threads\":30,"
                + "\"open_fds\":90,\"heap_after_gc_mb\":%.3f,\"heap_used_mb\":120.0,\"gc_time_sec\":%.2f,\"gc_count\":%d}%n",
                t, 300 + mbPerHour * t / 3600, 40 + mbPerHour * t / 3600 + 3 * rnd.nextGaussian(), 0.01 * i, i));
        }
        Files.writeString(dir.resolve("driver.jsonl"), b.toString());
    }
}
