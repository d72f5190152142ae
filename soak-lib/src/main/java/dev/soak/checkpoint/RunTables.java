package dev.soak.checkpoint;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/**
 * Tablesaw views of a run directory's series, one row per line, for {@code analyze --csv},
 * plots and notebooks. Every column is a {@link DoubleColumn} named after the JSON field; a value
 * that was not measured is missing (NaN). Both tables start with {@code t_sec} and
 * {@code t_hours}.
 * <ul>
 * <li>{@link #resources}: the thirteen resources.jsonl fields ({@code rss_mb}, …).</li>
 * <li>{@link #metrics}: the top-level metrics.jsonl fields, {@code error_rate} (errors / ops),
 *     {@code errors_by_class.<class>} for every class seen, and per operation
 *     {@code <operation>.<field>} (e.g. {@code recall.p99_latency_ms}) for every operation seen.</li>
 * </ul>
 * Stateless and thread-safe; the tables returned are new and belong to the caller.
 */
public final class RunTables {
    private static final String[] OPERATION_FIELDS = operationFields();

    private RunTables() {
    }

    private static String[] operationFields() {
        List<String> f = new ArrayList<>(List.of("ops", "errors", "intended_rate", "achieved_rate"));
        for (String l : RunJson.LATENCY_FIELDS) {
            f.add(l);
        }
        for (String l : RunJson.LATENCY_FIELDS) {
            f.add(RunJson.UNCORRECTED + l);
        }
        return f.toArray(String[]::new);
    }

    /** Resources, one row per sample. */
    public static Table resources(List<ResourceSample> rows) {
        Table t = Table.create("resources");
        t.addColumns(column("t_sec", rows, ResourceSample::tSec), column("t_hours", rows, r -> r.tSec() / 3600.0));
        for (int i = 0; i < RunJson.RESOURCE_FIELDS.length; i++) {
            int k = i;
            t.addColumns(column(RunJson.RESOURCE_FIELDS[i], rows, r -> RunJson.resourceValues(r)[k]));
        }
        return t;
    }

    /** Interval metrics, flattened, one row per interval. */
    public static Table metrics(List<IntervalMetrics> rows) {
        Table t = Table.create("metrics");
        t.addColumns(column("t_sec", rows, IntervalMetrics::tSec), column("t_hours", rows, m -> m.tSec() / 3600.0),
            column("interval_sec", rows, IntervalMetrics::intervalSec), column("late", rows, m -> m.late()),
            column("dropped", rows, m -> m.dropped()));
        addOperation(t, "", rows, IntervalMetrics::all);
        t.addColumns(column("error_rate", rows, m -> m.all().ops() == 0 ? Double.NaN
            : (double) m.all().errors() / m.all().ops()));
        Set<String> classes = new TreeSet<>();
        Set<String> operations = new LinkedHashSet<>();
        for (IntervalMetrics m : rows) {
            classes.addAll(m.all().errorsByClass().keySet());
            operations.addAll(m.perOperation().keySet());
        }
        for (String c : classes) {
            t.addColumns(column("errors_by_class." + c, rows, m -> m.all().errorsByClass().getOrDefault(c, 0L)));
        }
        for (String op : operations) {
            addOperation(t, op + ".", rows, m -> m.perOperation().get(op));
        }
        return t;
    }

    private static void addOperation(Table t, String prefix, List<IntervalMetrics> rows,
                                     java.util.function.Function<IntervalMetrics, OperationMetrics> pick) {
        Map<String, ToDoubleFunction<OperationMetrics>> fields = new LinkedHashMap<>();
        fields.put("ops", o -> o.ops());
        fields.put("errors", o -> o.errors());
        fields.put("intended_rate", OperationMetrics::intendedRate);
        fields.put("achieved_rate", OperationMetrics::achievedRate);
        for (int i = 0; i < RunJson.LATENCY_FIELDS.length; i++) {
            int k = i;
            fields.put(RunJson.LATENCY_FIELDS[i], o -> RunJson.latencyValues(o.latency())[k]);
            fields.put(RunJson.UNCORRECTED + RunJson.LATENCY_FIELDS[i],
                o -> RunJson.latencyValues(o.uncorrected())[k]);
        }
        for (String f : OPERATION_FIELDS) {
            ToDoubleFunction<OperationMetrics> get = fields.get(f);
            t.addColumns(column(prefix + f, rows, m -> {
                OperationMetrics o = pick.apply(m);
                return o == null ? Double.NaN : get.applyAsDouble(o);
            }));
        }
    }

    private static <T> DoubleColumn column(String name, List<T> rows, ToDoubleFunction<T> get) {
        double[] v = new double[rows.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = get.applyAsDouble(rows.get(i));
        }
        return DoubleColumn.create(name, v);
    }

    /** Events, one row per event: {@code t_sec}, {@code t_hours}, {@code type}, {@code level}, {@code message}. */
    public static Table events(List<RunEvent> rows) {
        return Table.create("events", column("t_sec", rows, RunEvent::tSec), column("t_hours", rows, e -> e.tSec() / 3600.0),
            StringColumn.create("type", rows.stream().map(RunEvent::type).toList()),
            StringColumn.create("level", rows.stream().map(RunEvent::level).toList()),
            StringColumn.create("message", rows.stream().map(RunEvent::message).toList()));
    }

    /**
     * Writes {@code resources.csv}, {@code metrics.csv} and {@code events.csv} of the run
     * {@code reader} reads into {@code outDir} (created when missing), for {@code analyze --csv}.
     *
     * @return the files written
     */
    public static List<Path> exportCsv(RunDirectoryReader reader, Path outDir) {
        return exportCsv(reader.resources().rows(), reader.metrics().rows(), reader.events().rows(), outDir);
    }

    /** As {@link #exportCsv(RunDirectoryReader, Path)}, from series already read (or merged). */
    public static List<Path> exportCsv(List<ResourceSample> resources, List<IntervalMetrics> metrics,
                                       List<RunEvent> events, Path outDir) {
        try {
            Files.createDirectories(outDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + outDir + ": " + e.getMessage(), e);
        }
        List<Path> written = new ArrayList<>();
        for (Table t : List.of(resources(resources), metrics(metrics), events(events))) {
            Path f = outDir.resolve(t.name() + ".csv");
            writeCsv(t, f);
            written.add(f);
        }
        return written;
    }

    /**
     * Writes {@code table} as CSV (RFC 4180, UTF-8, {@code \n} line ends): a header of column names,
     * numbers formatted independently of the locale (whole numbers without a fraction, others as
     * {@link Double#toString}), missing values as empty fields.
     */
    public static void writeCsv(Table table, Path file) {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            writeCsv(table, w);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** As {@link #writeCsv(Table, Path)}, to a writer (not closed). */
    public static void writeCsv(Table table, Writer out) throws IOException {
        List<Column<?>> cols = table.columns();
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cols.size(); c++) {
            line.append(c == 0 ? "" : ",").append(quote(cols.get(c).name()));
        }
        out.write(line.append('\n').toString());
        for (int r = 0; r < table.rowCount(); r++) {
            line.setLength(0);
            for (int c = 0; c < cols.size(); c++) {
                if (c > 0) {
                    line.append(',');
                }
                Column<?> col = cols.get(c);
                if (col.isMissing(r)) {
                    continue;
                }
                if (col instanceof NumericColumn<?> n) {
                    line.append(number(n.getDouble(r)));
                } else {
                    line.append(quote(col.getUnformattedString(r)));
                }
            }
            out.write(line.append('\n').toString());
        }
    }

    static String number(double v) {
        if (!Double.isFinite(v)) {
            return "";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    private static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
