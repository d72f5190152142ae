package dev.soak.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratorFootprintTest {
    @TempDir
    Path dir;

    @Test
    void driverJsonl_readAsFirstAndLastValues_collectionTimeAndMeanCpu_aTornLineSkipped() throws Exception {
        Files.write(dir.resolve("driver.jsonl"), List.of(
                "{\"t_sec\":1.0,\"rss_mb\":100.0,\"heap_after_gc_mb\":3.0,\"gc_time_sec\":0.5,\"gc_count\":2}",
                "{\"t_sec\":2.0,\"cpu_percent\":40.0,\"rss_mb\":110.0,\"heap_after_gc_mb\":3.5,\"gc_time_sec\":0.6}",
                "{\"t_sec\":101.0,\"cpu_percent\":20.0,\"rss_mb\":130.0,\"heap_after_gc_mb\":5.0,\"gc_time_sec\":6.5}",
                "{\"t_sec\":102.0,\"rss_m"));
        GeneratorFootprint g = GeneratorFootprint.read(dir).orElseThrow();
        assertThat(g.samples()).isEqualTo(3);
        assertThat(g.spanSec()).isEqualTo(100.0);
        assertThat(g.rssFirstMb()).isEqualTo(100.0);
        assertThat(g.rssLastMb()).isEqualTo(130.0);
        assertThat(g.heapFirstMb()).isEqualTo(3.0);
        assertThat(g.heapLastMb()).isEqualTo(5.0);
        assertThat(g.gcSec()).isCloseTo(6.0, within(1e-12));
        assertThat(g.cpuMeanPercent()).isEqualTo(30.0);
        assertThat(g.gcShare()).isCloseTo(0.06, within(1e-12));
        assertThat(g.line()).startsWith("RSS 100 → 130 MB, heap after GC 3.0 → 5.0 MB, collections 6.0 s (6.0 % of the run),"
                + " CPU 30 % of a core on average").contains("its collections took a large share of the run");
    }

    @Test
    void noDriverJsonl_noFootprint() throws Exception {
        assertThat(GeneratorFootprint.read(dir)).isEmpty();
        Files.writeString(dir.resolve("driver.jsonl"), "");
        assertThat(GeneratorFootprint.read(dir)).isEmpty();
    }
}
