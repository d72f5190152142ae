package dev.soak.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import static dev.soak.checkpoint.Fixtures.NAN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonLinesFormatTest {
    @TempDir
    Path dir;

    private String onlyLine(Path file) throws Exception {
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(1);
        assertThat(Files.readString(file)).endsWith("\n");
        return lines.get(0);
    }

    @Test
    @org.junit.jupiter.api.condition.EnabledOnOs(org.junit.jupiter.api.condition.OS.LINUX)
    void aWriteThatFails_saysWhichFileAndWhatTheSystemSaid() {
        // /dev/full fails every write with ENOSPC, as a full disk does
        Path full = java.nio.file.Paths.get("/dev/full");
        var lines = new JsonLinesWriter<ResourceSample>(full, RunJson::resources);
        assertThatThrownBy(() -> lines.append(Fixtures.resource(1.5))).isInstanceOfSatisfying(RunWriteException.class, e -> {
            assertThat(e.file()).isEqualTo(full);
            assertThat(e.reason()).isEqualTo("No space left on device");
            assertThat(e.getMessage()).isEqualTo("cannot append to /dev/full: No space left on device");
        });
        // the histogram log writes through a PrintStream, which keeps only that a write failed: the reason is kept too
        assertThatThrownBy(() -> new LatencyLogWriter(full, 0, true)).isInstanceOfSatisfying(RunWriteException.class,
            e -> assertThat(e.getMessage()).isEqualTo("cannot append to /dev/full: No space left on device"));
        assertThat(RunWriteException.in(new IllegalStateException("wrapped", new RuntimeException(
            new RunWriteException("cannot write x", full, new java.io.IOException("Read-only file system"))))).reason())
            .as("found under other failures").isEqualTo("Read-only file system");
    }

    @Test
    void resources_line_hasDocumentedNames_countsAsIntegers_nanAbsent() throws Exception {
        Path f = dir.resolve("resources.jsonl");
        try (var w = new JsonLinesWriter<ResourceSample>(f, RunJson::resources)) {
            w.append(Fixtures.resource(1.5));
        }
        assertThat(onlyLine(f)).isEqualTo("{\"t_sec\":1.5,\"cpu_percent\":12.5,\"rss_mb\":101.5,\"vsize_mb\":2048.0,"
            + "\"threads\":17,\"open_fds\":42,\"network_connections\":3,\"disk_io_mb\":0.25,\"anon_mb\":80.0,"
            + "\"max_open_files\":1024}");
    }

    @Test
    void resources_allFieldsMeasured_everyDocumentedNamePresent() throws Exception {
        Path f = dir.resolve("resources.jsonl");
        try (var w = new JsonLinesWriter<ResourceSample>(f, RunJson::resources)) {
            w.append(new ResourceSample(3, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13));
        }
        JsonNode n = RunJson.parse(onlyLine(f));
        List<String> names = new ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("t_sec", "cpu_percent", "rss_mb", "vsize_mb", "threads", "open_fds",
            "network_connections", "disk_io_mb", "pss_mb", "anon_mb", "swap_mb", "heap_after_gc_mb", "max_open_files",
            "memory_limit_mb");
    }

    @Test
    void metrics_line_hasDocumentedNamesInOrder_andPerOperation() throws Exception {
        Path f = dir.resolve("metrics.jsonl");
        try (var w = new JsonLinesWriter<IntervalMetrics>(f, RunJson::metrics)) {
            w.append(Fixtures.metrics(10));
        }
        String line = onlyLine(f);
        assertThat(line).startsWith("{\"t_sec\":10.0,\"interval_sec\":10.0,\"ops\":100,\"errors\":1,"
            + "\"errors_by_class\":{\"timeout\":1},\"late\":3,\"dropped\":0,\"intended_rate\":10.5,"
            + "\"achieved_rate\":10.0,\"p50_latency_ms\":1.5,\"p90_latency_ms\":3.0,\"p95_latency_ms\":4.5,"
            + "\"p99_latency_ms\":6.0,\"p999_latency_ms\":7.5,\"max_latency_ms\":9.0,"
            + "\"uncorrected_p50_latency_ms\":0.75,\"uncorrected_p90_latency_ms\":1.5,"
            + "\"uncorrected_p95_latency_ms\":2.25,\"uncorrected_p99_latency_ms\":3.0,"
            + "\"uncorrected_p999_latency_ms\":3.75,\"uncorrected_max_latency_ms\":4.5,"
            + "\"per_operation\":{\"store\":{\"ops\":60,\"errors\":1,\"errors_by_class\":{\"timeout\":1},");
        assertThat(line).contains("\"recall\":{\"ops\":40,\"errors\":0,\"errors_by_class\":{},\"intended_rate\":4.5,"
            + "\"achieved_rate\":4.0,\"p50_latency_ms\":1.0,");
    }

    @Test
    void metrics_errorClassesWithoutErrors_areNotWritten_andReadBackAsNone() throws Exception {
        // the driver counts every class, most of them 0 in most intervals
        Map<String, Long> counted = new java.util.TreeMap<>(Map.of("exception", 0L, "http_5xx", 2L, "io", 0L,
            "refused", 0L, "timeout", 1L));
        var op = new OperationMetrics(10, 3, counted, 1.0, 1.0, LatencySummary.empty(), LatencySummary.empty());
        var zeros = new OperationMetrics(5, 0, Map.of("io", 0L, "timeout", 0L), 0.5, 0.5, LatencySummary.empty(),
            LatencySummary.empty());
        Path f = dir.resolve("metrics.jsonl");
        try (var w = new JsonLinesWriter<IntervalMetrics>(f, RunJson::metrics)) {
            w.append(new IntervalMetrics(1, 1, op, 0, 0, Map.of("store", op, "recall", zeros)));
        }
        String line = onlyLine(f);
        assertThat(line).contains("\"errors\":3,\"errors_by_class\":{\"http_5xx\":2,\"timeout\":1},")
            .contains("\"errors\":0,\"errors_by_class\":{},").doesNotContain("\"io\"").doesNotContain(":0,\"timeout");
        IntervalMetrics back = RunDirectoryReader.open(dir).metrics().rows().get(0);
        assertThat(back.all().errorsByClass()).isEqualTo(Map.of("http_5xx", 2L, "timeout", 1L));
        assertThat(back.perOperation().get("recall").errorsByClass()).isEmpty();
        assertThat(back.all().errors()).isEqualTo(3);
    }

    @Test
    void metrics_emptyInterval_latencyFieldsAbsent() throws Exception {
        Path f = dir.resolve("metrics.jsonl");
        var empty = new OperationMetrics(0, 0, Map.of(), 5.0, 0.0, LatencySummary.empty(), LatencySummary.empty());
        try (var w = new JsonLinesWriter<IntervalMetrics>(f, RunJson::metrics)) {
            w.append(new IntervalMetrics(1, 1, empty, 0, 0, Map.of()));
        }
        String line = onlyLine(f);
        assertThat(line).doesNotContain("latency").doesNotContain("NaN").doesNotContain("null");
        IntervalMetrics back = RecordDecoder.metrics(line, true);
        assertThat(back.all().latency().p99Ms()).isNaN();
    }

    @Test
    void events_line_detailsOnlyWhenPresent() throws Exception {
        Path f = dir.resolve("events.jsonl");
        try (var w = new JsonLinesWriter<RunEvent>(f, RunJson::event)) {
            w.append(Fixtures.event(0, "start"));
            w.append(new RunEvent(5.25, "warning", "warn", "rss high", Map.of("rss_mb", 512.5, "pid", 77,
                "pss_mb", Double.NaN)));
            w.append(new RunEvent(6, "warning", "warn", "no pss", Map.of("pss_mb", Double.NaN)));
        }
        List<String> lines = Files.readAllLines(f);
        assertThat(lines.get(0)).isEqualTo(
            "{\"t_sec\":0.0,\"type\":\"start\",\"level\":\"info\",\"message\":\"something start\"}");
        assertThat(lines.get(1)).isEqualTo("{\"t_sec\":5.25,\"type\":\"warning\",\"level\":\"warn\","
            + "\"message\":\"rss high\",\"details\":{\"pid\":77,\"rss_mb\":512.5}}");
        assertThat(lines.get(2)).isEqualTo(
            "{\"t_sec\":6.0,\"type\":\"warning\",\"level\":\"warn\",\"message\":\"no pss\"}");
    }

    @Test
    void numbers_ignoreDefaultLocale() throws Exception {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);
        try {
            Path f = dir.resolve("resources.jsonl");
            try (var w = new JsonLinesWriter<ResourceSample>(f, RunJson::resources)) {
                w.append(Fixtures.resource(1234567.5));
            }
            assertThat(onlyLine(f)).contains("\"t_sec\":1234567.5,").contains("\"rss_mb\":1234667.5,")
                .doesNotContain("1234567,5");
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void roundTrip_everyRecordType() {
        Path r = dir.resolve("r.jsonl");
        Path m = dir.resolve("m.jsonl");
        Path e = dir.resolve("e.jsonl");
        var event = new RunEvent(5.25, "abort", "error", "p99 too high", Map.of("p99_ms", 250.0, "op", "recall",
            "sustained", true));
        try (var rw = new JsonLinesWriter<ResourceSample>(r, RunJson::resources);
             var mw = new JsonLinesWriter<IntervalMetrics>(m, RunJson::metrics);
             var ew = new JsonLinesWriter<RunEvent>(e, RunJson::event)) {
            rw.append(Fixtures.resource(1));
            rw.append(ResourceSample.empty(2));
            mw.append(Fixtures.metrics(10));
            ew.append(event);
        }
        ReadResult<ResourceSample> rs = JsonLines.readBytes(r, RecordDecoder::resources);
        assertThat(rs.rows()).containsExactly(Fixtures.resource(1), ResourceSample.empty(2));
        assertThat(rs.skippedLines()).isZero();
        assertThat(JsonLines.read(m, line -> RecordDecoder.metrics(line, true)).rows()).containsExactly(Fixtures.metrics(10));
        assertThat(JsonLines.read(e, line -> RunJson.event(RunJson.parse(line))).rows()).containsExactly(event);
    }

    @Test
    void append_concurrentThreads_linesNeverInterleave() throws Exception {
        Path f = dir.resolve("resources.jsonl");
        int threads = 4;
        int perThread = 500;
        try (var w = new JsonLinesWriter<ResourceSample>(f, RunJson::resources)) {
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> ts = new ArrayList<>();
            for (int k = 0; k < threads; k++) {
                int base = k * perThread;
                Thread t = new Thread(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException ex) {
                        return;
                    }
                    for (int i = 0; i < perThread; i++) {
                        w.append(Fixtures.resource(base + i));
                    }
                });
                t.start();
                ts.add(t);
            }
            go.countDown();
            for (Thread t : ts) {
                t.join();
            }
            assertThat(w.linesWritten()).isEqualTo(threads * perThread);
        }
        ReadResult<ResourceSample> rs = JsonLines.readBytes(f, RecordDecoder::resources);
        assertThat(rs.skippedLines()).isZero();
        assertThat(rs.rows()).hasSize(threads * perThread);
        assertThat(rs.rows().stream().mapToDouble(ResourceSample::tSec).distinct().count())
            .isEqualTo(threads * perThread);
    }

    @Test
    void append_afterClose_throwsNamingFile() {
        Path f = dir.resolve("events.jsonl");
        var w = new JsonLinesWriter<RunEvent>(f, RunJson::event);
        w.close();
        assertThatThrownBy(() -> w.append(Fixtures.event(1, "x"))).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("events.jsonl");
    }

    @Test
    void read_tornLastAndCorruptMiddleLines_skippedAndCounted() throws Exception {
        Path f = dir.resolve("resources.jsonl");
        Files.writeString(f, "{\"t_sec\":1,\"rss_mb\":10}\n"
            + "{\"t_sec\":2,\"rss_m\n"                 // corrupt (a torn line glued by an old writer)
            + "{\"rss_mb\":11}\n"                       // no t_sec
            + "\n"                                      // blank: ignored, not counted
            + "{\"t_sec\":3,\"rss_mb\":12}\n"
            + "{\"t_sec\":4,\"rss_mb\":1");            // torn last line
        ReadResult<ResourceSample> rs = JsonLines.readBytes(f, RecordDecoder::resources);
        assertThat(rs.rows()).extracting(ResourceSample::tSec).containsExactly(1.0, 3.0);
        assertThat(rs.skippedLines()).isEqualTo(3);
        assertThat(rs.warnings()).hasSize(3);
        assertThat(rs.warnings().get(0)).startsWith("resources.jsonl line 2: not valid JSON");
        assertThat(rs.warnings().get(1)).isEqualTo("resources.jsonl line 3: missing number \"t_sec\"; skipped");
        assertThat(rs.warnings().get(2)).startsWith("resources.jsonl line 6: incomplete last line (21 bytes");
    }

    @Test
    void readAhead_onWorkerThreads_givesTheRowsCountsAndWarningsOfTheOneThreadRead() throws Exception {
        Path f = dir.resolve("resources.jsonl");
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 3000; i++) {
            text.append(i % 97 == 0 ? "{\"t_sec\":" + i + ",\"rss_m\n" // corrupt
                : i % 131 == 0 ? "{\"rss_mb\":" + i + "}\n"       // no t_sec
                : i % 50 == 0 ? "   \n"                             // blank
                : "{\"t_sec\":" + i + ",\"rss_mb\":" + (100 + i % 7) + "}\n");
        }
        Files.writeString(f, text + "{\"t_sec\":3001,\"rss_mb\":1");  // torn last line
        // the in-order step may reject a line too (here one of every seven)
        java.util.function.UnaryOperator<ResourceSample> keep = r -> {
            if (r.rssMb() == 105) {
                throw new IllegalArgumentException("rss " + r.rssMb() + " rejected");
            }
            return r;
        };
        ReadResult<ResourceSample> one = JsonLines.readBytes(f, (b, off, n) -> keep.apply(RecordDecoder.resources(b, off, n)));
        for (int threads : new int[] {1, 2, 3}) {
            ReadResult<ResourceSample> ahead = JsonLines.readBytes(f, RecordDecoder::resources, keep, threads);
            assertThat(ahead.rows()).as("%d threads", threads).isEqualTo(one.rows());
            assertThat(ahead.skippedLines()).isEqualTo(one.skippedLines());
            assertThat(ahead.warnings()).isEqualTo(one.warnings());
        }
        // few enough problems that every warning is kept: a torn last line's comes after the rest, as in one thread
        Path few = dir.resolve("few.jsonl");
        StringBuilder fewText = new StringBuilder();
        for (int i = 1; i <= 1000; i++) {
            fewText.append(i == 10 ? "{\"t_sec\":10,\"rss_m\n" : i >= 995 ? "{\"rss_mb\":1}\n" : "{\"t_sec\":" + i + "}\n");
        }
        Files.writeString(few, fewText + "{\"t_sec\":3001,\"rss_mb\":1");
        ReadResult<ResourceSample> fewOne = JsonLines.readBytes(few, (b, off, n) -> RecordDecoder.resources(b, off, n));
        ReadResult<ResourceSample> fewAhead = JsonLines.readBytes(few, RecordDecoder::resources, r -> r, 2);
        assertThat(fewAhead.warnings()).isEqualTo(fewOne.warnings()).hasSize(fewOne.skippedLines());
        assertThat(fewOne.warnings()).hasSize(8);
        assertThat(fewAhead.warnings().get(fewAhead.warnings().size() - 1)).contains("incomplete last line");
        assertThat(one.rows()).hasSizeGreaterThan(2000);
        assertThat(one.skippedLines()).isGreaterThan(JsonLines.MAX_WARNINGS);
        assertThat(one.warnings().get(0)).isEqualTo("resources.jsonl line 5: rss 105.0 rejected; skipped");
        assertThat(one.warnings().get(JsonLines.MAX_WARNINGS)).startsWith("… and ");
    }

    @Test
    void read_missingFile_isEmpty() {
        ReadResult<RunEvent> rs = JsonLines.read(dir.resolve("events.jsonl"), line -> RunJson.event(RunJson.parse(line)));
        assertThat(rs.rows()).isEmpty();
        assertThat(rs.skippedLines()).isZero();
        assertThat(rs.warnings()).isEmpty();
    }

    @Test
    void read_manyCorruptLines_warningsCapped() throws Exception {
        Path f = dir.resolve("events.jsonl");
        Files.writeString(f, "garbage\n".repeat(50));
        ReadResult<RunEvent> rs = JsonLines.read(f, line -> RunJson.event(RunJson.parse(line)));
        assertThat(rs.skippedLines()).isEqualTo(50);
        assertThat(rs.warnings()).hasSize(JsonLines.MAX_WARNINGS + 1);
        assertThat(rs.warnings().get(JsonLines.MAX_WARNINGS)).isEqualTo("… and 30 more skipped lines");
    }

    @Test
    void repair_tornLastLine_truncatedToLastLineEnd() throws Exception {
        Path f = dir.resolve("metrics.jsonl");
        Files.writeString(f, "{\"t_sec\":1}\n{\"t_sec\":2}\n{\"t_se");
        assertThat(JsonLines.repairTornLastLine(f)).isEqualTo(6);
        assertThat(Files.readString(f)).isEqualTo("{\"t_sec\":1}\n{\"t_sec\":2}\n");
        assertThat(JsonLines.repairTornLastLine(f)).isZero();
        Files.writeString(f, "no line end at all");
        assertThat(JsonLines.repairTornLastLine(f)).isEqualTo(18);
        assertThat(Files.size(f)).isZero();
    }

    @Test
    void repair_tornLineLongerThanSearchChunk_found() throws Exception {
        Path f = dir.resolve("metrics.jsonl");
        String torn = "{\"t_sec\":3,\"x\":\"" + "y".repeat(20_000);
        Files.writeString(f, "{\"t_sec\":1}\n" + torn);
        assertThat(JsonLines.repairTornLastLine(f)).isEqualTo(torn.length());
        assertThat(Files.readString(f)).isEqualTo("{\"t_sec\":1}\n");
    }
}
