package dev.soak.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunDirectoryTest {
    @TempDir
    Path tmp;

    private static final byte[] TOML = "name = \"smoke\"\r\n# comment kept verbatim \u00e9\n[duration]\ntotal_seconds = 60\n"
        .getBytes(StandardCharsets.UTF_8);

    private Path newRun() {
        Path dir = tmp.resolve("run");
        try (RunDirectory run = RunDirectory.create(dir, Fixtures.info(), TOML)) {
            run.resources().append(Fixtures.resource(1));
            run.resources().append(Fixtures.resource(2));
            run.metrics().append(Fixtures.metrics(10));
            run.events().append(Fixtures.event(0, "start"));
        }
        return dir;
    }

    @Test
    void metricTotals_areTheMetricsWithoutTheirDetail_andEqualErrorCountsShareOneMap() {
        Path dir = tmp.resolve("run");
        try (RunDirectory run = RunDirectory.create(dir, Fixtures.info(), TOML)) {
            for (int i = 1; i <= 3; i++) {
                run.metrics().append(Fixtures.metrics(10 * i));
            }
        }
        List<IntervalMetrics> full = RunDirectoryReader.open(dir).metrics().rows();
        List<IntervalMetrics> totals = RunDirectoryReader.open(dir).metricTotals().rows();
        assertThat(full).hasSize(3);
        assertThat(full.get(0).perOperation()).containsOnlyKeys("store", "recall");
        assertThat(full.get(0).all().errorsByClass()).containsEntry("timeout", 1L)
            .isSameAs(full.get(2).all().errorsByClass()).isSameAs(full.get(1).perOperation().get("store").errorsByClass());
        assertThat(totals).hasSize(3).allSatisfy(m -> {
            assertThat(m.perOperation()).isEmpty();
            assertThat(m.all().errorsByClass()).isEmpty();
        });
        for (int i = 0; i < 3; i++) {
            IntervalMetrics f = full.get(i);
            IntervalMetrics t = totals.get(i);
            assertThat(new double[] {t.tSec(), t.intervalSec(), t.all().ops(), t.all().errors(), t.all().achievedRate(),
                t.late(), t.dropped()}).containsExactly(f.tSec(), f.intervalSec(), f.all().ops(), f.all().errors(),
                f.all().achievedRate(), f.late(), f.dropped());
            assertThat(t.all().latency()).isEqualTo(f.all().latency());
            assertThat(t.all().uncorrected()).isEqualTo(f.all().uncorrected());
        }
    }

    @Test
    void create_writesLayout_scenarioBytesExact_runJsonFieldNames() throws Exception {
        Path dir = newRun();
        assertThat(dir.resolve("run.json")).exists();
        assertThat(dir.resolve("checkpoints")).isDirectory();
        assertThat(dir.resolve("latency.hlog")).exists();
        assertThat(Files.readAllBytes(dir.resolve("scenario.toml"))).isEqualTo(TOML);
        String json = Files.readString(dir.resolve("run.json"));
        JsonNode n = RunJson.parse(json);
        List<String> names = new ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("format_version", "scenario_name", "start", "host", "java_version", "os",
            "soak_version", "target_pid", "target_command", "status", "seed", "resumes");
        assertThat(json).contains("\"format_version\" : 1", "\"start\" : \"2026-11-28T05:00:00.000+01:00\"",
            "\"status\" : \"running\"", "\"seed\" : 42", "\"target_pid\" : 1234",
            "\"target_command\" : \"java -jar server.jar\"");
        try (var s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(f -> f.endsWith(".tmp"));
        }
    }

    @Test
    void runInfo_roundTrip_andFinish() throws Exception {
        Path dir = tmp.resolve("run");
        OffsetDateTime end = Fixtures.START.plusHours(2);
        try (RunDirectory run = RunDirectory.create(dir, Fixtures.info(), TOML)) {
            run.finish(RunStatus.ABORTED, end);
        }
        RunInfo back = RunDirectoryReader.open(dir).runInfo().orElseThrow();
        assertThat(back).isEqualTo(Fixtures.info().withEnd(end, RunStatus.ABORTED));
        assertThat(Files.readString(dir.resolve("run.json")))
            .contains("\"end\" : \"2026-11-28T07:00:00.000+01:00\"", "\"status\" : \"aborted\"");
    }

    @Test
    void create_directoryHoldingRun_failsNamingPathAndFiles() {
        Path dir = newRun();
        assertThatThrownBy(() -> RunDirectory.create(dir, Fixtures.info(), TOML))
            .isInstanceOf(RunDirectoryException.class)
            .hasMessageContaining(dir.toString())
            .hasMessageContaining("already holds a run (found run.json, resources.jsonl, metrics.jsonl")
            .hasMessageContaining("resume");
        // nothing was touched
        assertThat(RunDirectoryReader.open(dir).resources().rows()).hasSize(2);
    }

    @Test
    void create_onAFile_fails() throws Exception {
        Path file = Files.writeString(tmp.resolve("x"), "hi");
        assertThatThrownBy(() -> RunDirectory.create(file, Fixtures.info(), TOML))
            .isInstanceOf(RunDirectoryException.class).hasMessageContaining(file + " is a file");
    }

    @Test
    void create_existingDirectoryWithOtherFiles_isFine() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("run"));
        Files.writeString(dir.resolve("target-stdout.log"), "hello");
        RunDirectory.create(dir, Fixtures.info(), TOML).close();
        assertThat(dir.resolve("run.json")).exists();
    }

    @Test
    void open_notARunDirectory_messageNamesPathAndExpectedFiles() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertThatThrownBy(() -> RunDirectoryReader.open(empty)).isInstanceOf(RunDirectoryException.class)
            .hasMessage(empty + " is not a Soak run directory: it contains none of run.json, resources.jsonl,"
                + " metrics.jsonl, events.jsonl, latency.hlog, checkpoints/. Pass the directory a soak run wrote (its"
                + " --output-dir).");
        Path missing = tmp.resolve("nope");
        assertThatThrownBy(() -> RunDirectoryReader.open(missing)).isInstanceOf(RunDirectoryException.class)
            .hasMessageContaining(missing + " does not exist");
    }

    @Test
    void reader_missingOptionalFiles_readEmpty() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("partial"));
        Files.writeString(dir.resolve("metrics.jsonl"), "{\"t_sec\":1,\"ops\":5}\n");
        RunDirectoryReader r = RunDirectoryReader.open(dir);
        assertThat(r.metrics().rows()).hasSize(1);
        assertThat(r.metrics().rows().get(0).all().ops()).isEqualTo(5);
        assertThat(r.resources().rows()).isEmpty();
        assertThat(r.events().rows()).isEmpty();
        assertThat(r.checkpoints().rows()).isEmpty();
        assertThat(r.latencyLog().intervals().rows()).isEmpty();
        assertThat(r.scenarioToml()).isEmpty();
        assertThat(r.runInfo()).isEmpty();
        assertThat(r.runInfoProblem()).hasValueSatisfying(p -> assertThat(p).contains("run.json is missing"));
    }

    @Test
    void reader_seedStyleDirectory_onlyCheckpoints_readable() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("seed/checkpoints"));
        Files.writeString(dir.resolve("checkpoint-0001.json"),
            "{\"timestamp_sec\": 3600, \"metrics\": {\"p99_latency_ms\": 12.5}, \"resources\": {\"rss_mb\": 512}}");
        ReadResult<Checkpoint> cps = RunDirectoryReader.open(dir.getParent()).checkpoints();
        assertThat(cps.skippedLines()).isZero();
        assertThat(cps.rows().get(0).resources().rssMb()).isEqualTo(512.0);
        assertThat(cps.rows().get(0).resources().tSec()).isEqualTo(3600.0);
        assertThat(cps.rows().get(0).metrics().all().latency().p99Ms()).isEqualTo(12.5);
        assertThat(cps.rows().get(0).heapProfile()).isEqualTo(HeapProfile.none());
        assertThatThrownBy(() -> RunDirectory.create(dir.getParent(), Fixtures.info(), TOML))
            .isInstanceOf(RunDirectoryException.class).hasMessageContaining("already holds a run (found checkpoints/)");
    }

    @Test
    void reader_corruptRunJson_reportsProblem() throws Exception {
        Path dir = newRun();
        Files.writeString(dir.resolve("run.json"), "{\"scenario_name\":\"x\"}");
        RunDirectoryReader r = RunDirectoryReader.open(dir);
        assertThat(r.runInfo()).isEmpty();
        assertThat(r.runInfoProblem()).hasValueSatisfying(p -> assertThat(p).contains("run.json cannot be read")
            .contains("start"));
        assertThatThrownBy(() -> RunDirectory.resume(dir, Clock.systemUTC()))
            .isInstanceOf(RunDirectoryException.class).hasMessageContaining("cannot resume");
    }

    @Test
    void resume_tornLines_truncatedRecordedAndNextRecordsReadCleanly() throws Exception {
        Path dir = newRun();
        Files.writeString(dir.resolve("resources.jsonl"), "{\"t_sec\":3,\"rss", StandardOpenOption.APPEND);
        Files.writeString(dir.resolve("metrics.jsonl"), "{\"t_sec\":20,\"op", StandardOpenOption.APPEND);
        RunDirectoryReader reader = RunDirectoryReader.open(dir);
        assertThat(reader.resources().rows()).hasSize(2);
        assertThat(reader.resources().skippedLines()).isEqualTo(1);
        assertThat(reader.metrics().skippedLines()).isEqualTo(1);

        Clock clock = Clock.fixed(Instant.parse("2026-11-28T05:00:00Z"), ZoneOffset.UTC); // 1 h after start
        try (RunDirectory run = RunDirectory.resume(dir, clock)) {
            assertThat(run.resumed()).hasValueSatisfying(r -> {
                assertThat(r.droppedLines()).isEqualTo(2);
                assertThat(r.droppedBytes()).isEqualTo(30);
                assertThat(r.tSec()).isEqualTo(3600.0);
            });
            run.resources().append(Fixtures.resource(3));
            run.metrics().append(Fixtures.metrics(20));
        }
        ReadResult<ResourceSample> rs = reader.resources();
        assertThat(rs.skippedLines()).isZero();
        assertThat(rs.rows()).extracting(ResourceSample::tSec).containsExactly(1.0, 2.0, 3.0);
        assertThat(reader.metrics().rows()).extracting(IntervalMetrics::tSec).containsExactly(10.0, 20.0);
        RunInfo info = reader.runInfo().orElseThrow();
        assertThat(info.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(info.resumes()).hasSize(1);
        assertThat(Files.readString(dir.resolve("run.json"))).contains("\"resumes\" : [ {",
            "\"at\" : \"2026-11-28T05:00:00.000Z\"".replace("Z", "+00:00"), "\"dropped_bytes\" : 30",
            "\"dropped_lines\" : 2");
        RunEvent resume = reader.events().rows().get(reader.events().rows().size() - 1);
        assertThat(resume.type()).isEqualTo("resume");
        assertThat(resume.level()).isEqualTo("warn");
        assertThat(resume.details()).containsEntry("resources.jsonl_dropped_bytes", 15)
            .containsEntry("metrics.jsonl_dropped_bytes", 15).containsEntry("dropped_lines", 2);
    }

    @Test
    void resume_cleanDirectory_dropsNothing_andCanResumeTwice() throws Exception {
        Path dir = newRun();
        RunDirectory.resume(dir, Clock.systemUTC()).close();
        try (RunDirectory run = RunDirectory.resume(dir, Clock.systemUTC())) {
            assertThat(run.resumed().orElseThrow().droppedBytes()).isZero();
            assertThat(run.info().resumes()).hasSize(2);
        }
        RunDirectoryReader r = RunDirectoryReader.open(dir);
        assertThat(r.events().rows()).extracting(RunEvent::type).containsExactly("start", "resume", "resume");
        assertThat(r.latencyLog().intervals().skippedLines()).isZero();
    }

    @Test
    void resume_latencyLogLostItsHeader_headerWrittenAgain() throws Exception {
        Path dir = newRun();
        Files.write(dir.resolve("latency.hlog"), new byte[0]); // crash before the header reached the file
        RunDirectory.resume(dir, Clock.systemUTC()).close();
        assertThat(Files.readAllLines(dir.resolve("latency.hlog")).get(2)).startsWith("#[StartTime: ");
        assertThat(RunDirectoryReader.open(dir).latencyLog().startTimeEpochSec()).isPresent();
    }

    @Test
    void checkpoints_seedFieldNames_numbering_continuesAfterResume() throws Exception {
        Path dir = tmp.resolve("run");
        Map<String, Object> verdicts = Map.of("memory_leak", Map.of("verdict", "PASS", "slope_mb_per_hour", 0.25));
        try (RunDirectory run = RunDirectory.create(dir, Fixtures.info(), TOML)) {
            HeapProfile heap = new HeapProfile(1.0e6, 2.0e6, 3e5, 4.0e6, 5.0e6, Double.NaN, Double.NaN, "prometheus");
            Checkpoint c = run.checkpoints().write(3600, Fixtures.metrics(3600), Fixtures.resource(3599), heap,
                verdicts);
            assertThat(c.number()).isEqualTo(1);
            run.checkpoints().write(7200, Fixtures.metrics(7200), Fixtures.resource(7199), HeapProfile.none(),
                RunJson.MAPPER.readTree("{\"latency_drift\":{\"verdict\":\"INCONCLUSIVE\"}}"));
        }
        Path first = dir.resolve("checkpoints/checkpoint-0001.json");
        JsonNode n = RunJson.parse(Files.readString(first));
        // what the seed's plot_soak_results.py reads
        assertThat(n.get("timestamp_sec").asDouble()).isEqualTo(3600.0);
        assertThat(n.get("resources").get("rss_mb").asDouble()).isEqualTo(3699.0);
        assertThat(n.get("metrics").get("p99_latency_ms").asDouble()).isEqualTo(6.0);
        List<String> metricNames = new ArrayList<>();
        n.get("metrics").fieldNames().forEachRemaining(metricNames::add);
        assertThat(metricNames).contains("p50_latency_ms", "p95_latency_ms", "p999_latency_ms", "ops",
            "achieved_rate", "throughput", "error_rate", "per_operation");
        assertThat(n.get("metrics").get("throughput").asDouble()).isEqualTo(10.0);
        assertThat(n.get("metrics").get("error_rate").asDouble()).isEqualTo(0.01);
        assertThat(Files.readString(first)).contains("\"heap_profile\" : {\n    \"allocated\" : 1000000,\n"
            + "    \"active\" : 2000000,\n    \"metadata\" : 300000,\n    \"resident\" : 4000000,\n"
            + "    \"mapped\" : 5000000,\n    \"source\" : \"prometheus\"\n  }");
        assertThat(n.get("verdicts").get("memory_leak").get("verdict").asText()).isEqualTo("PASS");

        // a crash between write and rename leaves a temp file: ignored by readers, removed on resume
        Files.writeString(dir.resolve("checkpoints/checkpoint-0003.json.tmp"), "{\"timest");
        assertThat(RunDirectoryReader.open(dir).checkpoints().skippedLines()).isZero();
        try (RunDirectory run = RunDirectory.resume(dir, Clock.systemUTC())) {
            assertThat(run.checkpoints().nextNumber()).isEqualTo(3);
            run.checkpoints().write(10800, Fixtures.metrics(10800), Fixtures.resource(10799), HeapProfile.none(),
                Map.of());
        }
        assertThat(dir.resolve("checkpoints/checkpoint-0003.json.tmp")).doesNotExist();
        ReadResult<Checkpoint> cps = RunDirectoryReader.open(dir).checkpoints();
        assertThat(cps.rows()).extracting(Checkpoint::number).containsExactly(1, 2, 3);
        assertThat(cps.rows().get(0).metrics()).isEqualTo(Fixtures.metrics(3600));
        assertThat(cps.rows().get(0).resources()).isEqualTo(Fixtures.resource(3599));
        assertThat(cps.rows().get(0).heapProfile().allocatedBytes()).isEqualTo(1e6);
        assertThat(cps.rows().get(0).heapProfile().jvmHeapUsedBytes()).isNaN();
        assertThat(cps.rows().get(0).verdicts()).isEqualTo(verdicts);
        assertThat(cps.rows().get(1).heapProfile()).isEqualTo(HeapProfile.none());
        assertThat(cps.rows().get(1).verdicts()).containsKey("latency_drift");
    }

    @Test
    void checkpoints_nanInVerdicts_leftOut_fileIsStrictJson() throws Exception {
        Path dir = tmp.resolve("run");
        Map<String, Object> leak = new java.util.LinkedHashMap<>();
        leak.put("verdict", "INCONCLUSIVE");
        leak.put("slope_mb_per_hour", Double.NaN);
        leak.put("ci", List.of(1.0, Double.POSITIVE_INFINITY));
        try (RunDirectory run = RunDirectory.create(dir, Fixtures.info(), TOML)) {
            run.checkpoints().write(1, Fixtures.metrics(1), Fixtures.resource(1), HeapProfile.none(),
                Map.of("memory_leak", leak));
        }
        String text = Files.readString(dir.resolve("checkpoints/checkpoint-0001.json"));
        assertThat(text).doesNotContain("NaN").doesNotContain("Infinity").doesNotContain("slope_mb_per_hour");
        JsonNode n = new com.fasterxml.jackson.databind.ObjectMapper().readTree(text); // strict parser
        assertThat(n.at("/verdicts/memory_leak/ci").toString()).isEqualTo("[1.0,null]");
    }

    @Test
    void checkpoints_corruptFile_skippedAndCounted() throws Exception {
        Path dir = newRun();
        try (RunDirectory run = RunDirectory.resume(dir, Clock.systemUTC())) {
            run.checkpoints().write(1, Fixtures.metrics(1), Fixtures.resource(1), HeapProfile.none(), Map.of());
        }
        Files.writeString(dir.resolve("checkpoints/checkpoint-0002.json"), "{\"timestamp_sec\": 2, \"metr");
        ReadResult<Checkpoint> cps = RunDirectoryReader.open(dir).checkpoints();
        assertThat(cps.rows()).hasSize(1);
        assertThat(cps.skippedLines()).isEqualTo(1);
        assertThat(cps.warnings().get(0)).startsWith("checkpoints/checkpoint-0002.json: not valid JSON");
    }

    @Test
    void checkpoints_verdictsNotAnObject_rejected() {
        Path dir = tmp.resolve("run");
        try (RunDirectory run = RunDirectory.create(dir, Fixtures.info(), TOML)) {
            assertThatThrownBy(() -> run.checkpoints().write(1, Fixtures.metrics(1), Fixtures.resource(1),
                HeapProfile.none(), RunJson.MAPPER.getNodeFactory().textNode("PASS")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("verdicts must be a JSON object");
        }
    }

    @Test
    void reader_whileWriterAppends_seesOnlyCompleteOrderedRows() throws Exception {
        Path dir = tmp.resolve("run");
        AtomicBoolean stop = new AtomicBoolean();
        try (RunDirectory run = RunDirectory.create(dir, Fixtures.info(), TOML)) {
            Thread writer = new Thread(() -> {
                for (int i = 1; !stop.get() && i <= 3_000; i++) {
                    run.metrics().append(Fixtures.metrics(i));
                }
            });
            writer.start();
            RunDirectoryReader reader = RunDirectoryReader.open(dir);
            int reads = 0;
            int lastSize = 0;
            while (writer.isAlive() && reads < 40) {
                ReadResult<IntervalMetrics> rs = reader.metrics();
                assertThat(rs.skippedLines()).isLessThanOrEqualTo(1);
                List<IntervalMetrics> rows = rs.rows();
                for (int i = 0; i < rows.size(); i++) {
                    assertThat(rows.get(i).tSec()).isEqualTo(i + 1.0);
                }
                assertThat(rows.size()).isGreaterThanOrEqualTo(lastSize);
                lastSize = rows.size();
                reads++;
            }
            stop.set(true);
            writer.join();
            assertThat(reads).isPositive();
            ReadResult<IntervalMetrics> done = RunDirectoryReader.open(dir).metrics();
            assertThat(done.skippedLines()).isZero();
            assertThat(done.rows()).hasSize((int) run.metrics().linesWritten());
        }
    }
}
