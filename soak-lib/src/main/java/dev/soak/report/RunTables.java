package dev.soak.report;

import dev.soak.checkpoint.IntervalMetrics;
import dev.soak.checkpoint.ResourceSample;
import dev.soak.checkpoint.RunEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Tablesaw views of a loaded run (column names are the run-directory field names; "not measured"
 * is a missing value) and their CSV export. Stateless and thread-safe; the tables are new each call.
 */
public final class RunTables {
    private RunTables() {
    }

    /** resources.jsonl as a table: {@code t_sec}, {@code t_hours} and every resource field. */
    public static Table resources(RunData run) {
        List<ResourceSample> r = run.resources();
        return Table.create("resources",
                col("t_sec", r, ResourceSample::tSec), col("t_hours", r, s -> s.tSec() / 3600),
                col("cpu_percent", r, ResourceSample::cpuPercent), col("rss_mb", r, ResourceSample::rssMb),
                col("vsize_mb", r, ResourceSample::vsizeMb), col("threads", r, ResourceSample::threads),
                col("open_fds", r, ResourceSample::openFds), col("network_connections", r, ResourceSample::networkConnections),
                col("disk_io_mb", r, ResourceSample::diskIoMb), col("pss_mb", r, ResourceSample::pssMb),
                col("anon_mb", r, ResourceSample::anonMb), col("swap_mb", r, ResourceSample::swapMb),
                col("heap_after_gc_mb", r, ResourceSample::heapAfterGcMb), col("max_open_files", r, ResourceSample::maxOpenFiles),
                col("memory_limit_mb", r, ResourceSample::memoryLimitMb));
    }

    /** metrics.jsonl totals as a table (one row per interval; merged runs: the merged intervals). */
    public static Table metrics(RunData run) {
        List<IntervalMetrics> m = run.metrics();
        return Table.create("metrics",
                col("t_sec", m, IntervalMetrics::tSec), col("t_hours", m, x -> x.tSec() / 3600),
                col("interval_sec", m, IntervalMetrics::intervalSec), col("ops", m, x -> x.all().ops()),
                col("errors", m, x -> x.all().errors()), col("late", m, IntervalMetrics::late),
                col("dropped", m, IntervalMetrics::dropped), col("intended_rate", m, x -> x.all().intendedRate()),
                col("achieved_rate", m, x -> x.all().achievedRate()), col("p50_latency_ms", m, x -> x.all().latency().p50Ms()),
                col("p90_latency_ms", m, x -> x.all().latency().p90Ms()), col("p95_latency_ms", m, x -> x.all().latency().p95Ms()),
                col("p99_latency_ms", m, x -> x.all().latency().p99Ms()), col("p999_latency_ms", m, x -> x.all().latency().p999Ms()),
                col("max_latency_ms", m, x -> x.all().latency().maxMs()));
    }

    /** events.jsonl as a table. */
    public static Table events(RunData run) {
        List<RunEvent> e = run.events();
        return Table.create("events", col("t_sec", e, RunEvent::tSec),
                StringColumn.create("type", e.stream().map(RunEvent::type).toList()),
                StringColumn.create("level", e.stream().map(RunEvent::level).toList()),
                StringColumn.create("message", e.stream().map(RunEvent::message).toList()));
    }

    /** Writes resources.csv, metrics.csv and events.csv into {@code dir} (created). */
    public static List<Path> writeCsv(RunData run, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> out = new ArrayList<>();
        for (Table t : List.of(resources(run), metrics(run), events(run))) {
            Path f = dir.resolve(t.name() + ".csv");
            t.write().csv(f.toFile());
            out.add(f);
        }
        return out;
    }

    private static <T> DoubleColumn col(String name, List<T> rows, ToDoubleFunction<T> f) {
        return DoubleColumn.create(name, rows.stream().mapToDouble(f).toArray());
    }
}
