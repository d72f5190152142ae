package dev.soak.checkpoint;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RunTablesTest {
    @TempDir
    Path dir;

    @Test
    void resources_oneColumnPerField_tHours_nanMissing() {
        Table t = RunTables.resources(List.of(Fixtures.resource(0), Fixtures.resource(7200)));
        assertThat(t.columnNames()).containsExactly("t_sec", "t_hours", "cpu_percent", "rss_mb", "vsize_mb", "threads",
            "open_fds", "network_connections", "disk_io_mb", "pss_mb", "anon_mb", "swap_mb", "heap_after_gc_mb",
            "max_open_files", "memory_limit_mb");
        assertThat(t.rowCount()).isEqualTo(2);
        assertThat(t.doubleColumn("t_hours").get(1)).isEqualTo(2.0);
        assertThat(t.doubleColumn("rss_mb").get(1)).isEqualTo(7300.0);
        assertThat(t.doubleColumn("pss_mb").isMissing(0)).isTrue();
        assertThat(t.doubleColumn("pss_mb").countMissing()).isEqualTo(2);
    }

    @Test
    void metrics_flattened_perOperationColumns_unionOfOperations() {
        IntervalMetrics onlyStore = new IntervalMetrics(20, 10, Fixtures.op(10, 0, 1.0), 0, 0,
            Map.of("store", Fixtures.op(10, 0, 1.0)));
        Table t = RunTables.metrics(List.of(Fixtures.metrics(10), onlyStore));
        assertThat(t.columnNames()).startsWith("t_sec", "t_hours", "interval_sec", "late", "dropped", "driver_pause_ms", "ops", "errors",
            "intended_rate", "achieved_rate", "p50_latency_ms", "p90_latency_ms", "p95_latency_ms", "p99_latency_ms",
            "p999_latency_ms", "max_latency_ms", "uncorrected_p50_latency_ms");
        assertThat(t.columnNames()).contains("error_rate", "errors_by_class.timeout", "store.ops",
            "store.p99_latency_ms", "recall.p99_latency_ms", "recall.uncorrected_max_latency_ms");
        assertThat(t.doubleColumn("recall.p99_latency_ms").get(0)).isEqualTo(4.0);
        assertThat(t.doubleColumn("recall.p99_latency_ms").isMissing(1)).isTrue();
        assertThat(t.doubleColumn("store.ops").get(1)).isEqualTo(10.0);
        assertThat(t.doubleColumn("errors_by_class.timeout").get(0)).isEqualTo(1.0);
        assertThat(t.doubleColumn("errors_by_class.timeout").get(1)).isEqualTo(0.0);
        assertThat(t.doubleColumn("error_rate").get(0)).isEqualTo(0.01);
    }

    @Test
    void csv_localeIndependent_integersPlain_missingEmpty() throws Exception {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);
        try {
            Table t = RunTables.resources(List.of(Fixtures.resource(5400)));
            StringWriter w = new StringWriter();
            RunTables.writeCsv(t, w);
            String[] lines = w.toString().split("\n");
            assertThat(lines[0]).isEqualTo("t_sec,t_hours,cpu_percent,rss_mb,vsize_mb,threads,open_fds,"
                + "network_connections,disk_io_mb,pss_mb,anon_mb,swap_mb,heap_after_gc_mb,max_open_files,"
                + "memory_limit_mb");
            assertThat(lines[1]).isEqualTo("5400,1.5,12.5,5500,2048,17,42,3,0.25,,80,,,1024,");
            Path f = dir.resolve("resources.csv");
            RunTables.writeCsv(t, f);
            assertThat(Files.readString(f)).isEqualTo(w.toString());
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void tables_fromRunDirectoryReader_andCsvExport() throws Exception {
        Path run = dir.resolve("run");
        try (RunDirectory d = RunDirectory.create(run, Fixtures.info(), new byte[0])) {
            for (int i = 1; i <= 5; i++) {
                d.resources().append(Fixtures.resource(i));
                d.metrics().append(Fixtures.metrics(i * 10));
            }
        }
        RunDirectoryReader r = RunDirectoryReader.open(run);
        assertThat(RunTables.resources(r.resources().rows()).rowCount()).isEqualTo(5);
        assertThat(RunTables.metrics(r.metrics().rows()).doubleColumn("t_sec").asList())
            .containsExactly(10.0, 20.0, 30.0, 40.0, 50.0);
        List<Path> csv = RunTables.exportCsv(r, dir.resolve("out"));
        assertThat(csv).extracting(p -> p.getFileName().toString()).containsExactly("resources.csv", "metrics.csv", "events.csv");
        List<String> metricsLines = Files.readAllLines(csv.get(1));
        assertThat(metricsLines).hasSize(6);
        assertThat(metricsLines.get(0)).contains(",recall.p99_latency_ms,");
        assertThat(metricsLines.get(5)).startsWith("50,0.013888888888888");
    }

    @Test
    void csvExport_writtenAsTheFilesAreRead_isTheTablesAsCsv() throws Exception {
        // an operation that begins late, an error class seen only late, a skipped torn line, text with a comma,
        // a quote and a line break: the export streams metrics.jsonl and must give what the tables hold
        Path run = dir.resolve("run");
        try (RunDirectory d = RunDirectory.create(run, Fixtures.info(), new byte[0])) {
            for (int i = 1; i <= 6; i++) {
                d.resources().append(Fixtures.resource(i * 60));
                Map<String, OperationMetrics> per = new java.util.LinkedHashMap<>();
                per.put("store", Fixtures.op(60, 0, 2.0));
                if (i >= 4) {
                    per.put("forget", new OperationMetrics(5, 2, Map.of("refused", 2L), 0.5, 0.5,
                        Fixtures.op(5, 0, 3.0).latency(), Fixtures.op(5, 0, 3.0).uncorrected()));
                }
                OperationMetrics all = i >= 4 ? new OperationMetrics(65, 2, Map.of("refused", 2L), 6.5, 6.5,
                    Fixtures.op(65, 0, 2.0).latency(), Fixtures.op(65, 0, 2.0).uncorrected()) : Fixtures.op(60, 0, 2.0);
                d.metrics().append(new IntervalMetrics(i * 60, 60, all, i, 0, per));
            }
            d.events().append(new RunEvent(30, "note", "warn", "a \"quoted\", comma\nand a line", Map.of()));
        }
        Files.writeString(run.resolve("metrics.jsonl"), "{\"t_sec\": 999, \"ops\n",
            java.nio.file.StandardOpenOption.APPEND);
        RunDirectoryReader r = RunDirectoryReader.open(run).onAllCores();
        List<Path> csv = RunTables.exportCsv(r, dir.resolve("out"));
        StringWriter metrics = new StringWriter();
        RunTables.writeCsv(RunTables.metrics(r.metrics().rows()), metrics);
        assertThat(Files.readString(csv.get(1))).isEqualTo(metrics.toString());
        assertThat(metrics.toString().split("\n")[0]).contains(",errors_by_class.refused,", ",forget.p99_latency_ms,");
        assertThat(metrics.toString().split("\n")).hasSize(7);
        StringWriter resources = new StringWriter();
        RunTables.writeCsv(RunTables.resources(r.resources().rows()), resources);
        assertThat(Files.readString(csv.get(0))).isEqualTo(resources.toString());
        StringWriter events = new StringWriter();
        RunTables.writeCsv(RunTables.events(r.events().rows()), events);
        assertThat(Files.readString(csv.get(2))).isEqualTo(events.toString())
            .contains("\"a \"\"quoted\"\", comma\nand a line\"");
    }

    @Test
    void csvExport_ofARunReadFromItsCheckpoints_writesTheRowsItWasGiven() throws Exception {
        Path run = dir.resolve("cp");
        try (RunDirectory d = RunDirectory.create(run, Fixtures.info(), new byte[0])) {
            d.resources().append(Fixtures.resource(60));
        }
        List<IntervalMetrics> fromCheckpoints = List.of(Fixtures.metrics(600), Fixtures.metrics(1200));
        List<Path> csv = RunTables.exportCsv(List.of(), RunDirectoryReader.open(run), fromCheckpoints, List.of(),
            dir.resolve("out-cp"));
        StringWriter expected = new StringWriter();
        RunTables.writeCsv(RunTables.metrics(fromCheckpoints), expected);
        assertThat(Files.readString(csv.get(1))).isEqualTo(expected.toString());
    }
}
