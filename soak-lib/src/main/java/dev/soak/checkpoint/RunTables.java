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
import java.util.function.Consumer;
import java.util.function.Function;
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
 * {@link #exportCsv} writes the same columns as CSV a row at a time ({@link CsvRows}), metrics.csv as metrics.jsonl
 * is read, so an export holds no table. Stateless and thread-safe; the tables returned are new and belong to the
 * caller.
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

    /**
     * A column: its name and a row's number (NaN when not measured), or, when {@code text} is not null, a row's
     * text.
     */
    record Field<T>(String name, ToDoubleFunction<T> value, Function<T, String> text) {
        Field(String name, ToDoubleFunction<T> value) {
            this(name, value, null);
        }

        static <T> Field<T> text(String name, Function<T, String> text) {
            return new Field<>(name, r -> Double.NaN, text);
        }
    }

    /** Resources, one row per sample. */
    public static Table resources(List<ResourceSample> rows) {
        return table("resources", resourceFields(), rows);
    }

    /** Interval metrics, flattened, one row per interval. */
    public static Table metrics(List<IntervalMetrics> rows) {
        MetricColumns columns = new MetricColumns();
        rows.forEach(columns::add);
        return table("metrics", columns.fields(), rows);
    }

    private static <T> Table table(String name, List<Field<T>> fields, List<T> rows) {
        Table t = Table.create(name);
        for (Field<T> f : fields) {
            if (f.text() != null) {
                t.addColumns(StringColumn.create(f.name(), rows.stream().map(f.text()).toList()));
                continue;
            }
            double[] v = new double[rows.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = f.value().applyAsDouble(rows.get(i));
            }
            t.addColumns(DoubleColumn.create(f.name(), v));
        }
        return t;
    }

    static List<Field<ResourceSample>> resourceFields() {
        List<Field<ResourceSample>> f = new ArrayList<>();
        f.add(new Field<>("t_sec", ResourceSample::tSec));
        f.add(new Field<>("t_hours", r -> r.tSec() / 3600.0));
        for (int i = 0; i < RunJson.RESOURCE_FIELDS.length; i++) {
            int k = i;
            f.add(new Field<>(RunJson.RESOURCE_FIELDS[i], r -> RunJson.resourceValues(r)[k]));
        }
        return f;
    }

    /**
     * The columns of {@link #metrics} for the rows {@link #add}ed: every error class seen (sorted), every operation
     * seen (in the order first seen).
     */
    static final class MetricColumns {
        private final Set<String> classes = new TreeSet<>();
        private final Set<String> operations = new LinkedHashSet<>();
        private long rows;

        void add(IntervalMetrics m) {
            rows++;
            classes.addAll(m.all().errorsByClass().keySet());
            operations.addAll(m.perOperation().keySet());
        }

        long rows() {
            return rows;
        }

        List<Field<IntervalMetrics>> fields() {
            List<Field<IntervalMetrics>> f = new ArrayList<>();
            f.add(new Field<>("t_sec", IntervalMetrics::tSec));
            f.add(new Field<>("t_hours", m -> m.tSec() / 3600.0));
            f.add(new Field<>("interval_sec", IntervalMetrics::intervalSec));
            f.add(new Field<>("late", m -> m.late()));
            f.add(new Field<>("dropped", m -> m.dropped()));
            f.add(new Field<>("driver_pause_ms", IntervalMetrics::driverPauseMs));
            addOperation(f, "", IntervalMetrics::all);
            f.add(new Field<>("error_rate", m -> m.all().ops() == 0 ? Double.NaN
                : (double) m.all().errors() / m.all().ops()));
            for (String c : classes) {
                f.add(new Field<>("errors_by_class." + c, m -> m.all().errorsByClass().getOrDefault(c, 0L)));
            }
            for (String op : operations) {
                addOperation(f, op + ".", m -> m.perOperation().get(op));
            }
            return f;
        }
    }

    private static void addOperation(List<Field<IntervalMetrics>> f, String prefix,
                                     Function<IntervalMetrics, OperationMetrics> pick) {
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
        for (String name : OPERATION_FIELDS) {
            ToDoubleFunction<OperationMetrics> get = fields.get(name);
            f.add(new Field<>(prefix + name, m -> {
                OperationMetrics o = pick.apply(m);
                return o == null ? Double.NaN : get.applyAsDouble(o);
            }));
        }
    }

    /** Events, one row per event: {@code t_sec}, {@code t_hours}, {@code type}, {@code level}, {@code message}. */
    public static Table events(List<RunEvent> rows) {
        return table("events", eventFields(), rows);
    }

    private static List<Field<RunEvent>> eventFields() {
        return List.of(new Field<>("t_sec", RunEvent::tSec), new Field<>("t_hours", e -> e.tSec() / 3600.0),
            Field.text("type", RunEvent::type), Field.text("level", RunEvent::level),
            Field.text("message", RunEvent::message));
    }

    /**
     * Writes {@code resources.csv}, {@code metrics.csv} and {@code events.csv} of the run {@code reader} reads into
     * {@code outDir} (created when missing), for {@code analyze --csv}; rows in the files' order. metrics.csv is
     * written as metrics.jsonl is read, twice (its columns, then its rows), so the per-operation detail of a week of
     * 1 s intervals is never held.
     *
     * @return the files written
     */
    public static List<Path> exportCsv(RunDirectoryReader reader, Path outDir) {
        return exportCsv(reader.resources().rows(), reader, List.of(), reader.events().rows(), outDir);
    }

    /**
     * As {@link #exportCsv(RunDirectoryReader, Path)}, the resources and events already read, metrics.csv from the
     * metrics.jsonl {@code metricsOf} reads, or from {@code otherwise} when that file has no row (a run read from
     * its checkpoints).
     */
    public static List<Path> exportCsv(List<ResourceSample> resources, RunDirectoryReader metricsOf,
                                       List<IntervalMetrics> otherwise, List<RunEvent> events, Path outDir) {
        MetricColumns columns = new MetricColumns();
        metricsOf.metrics(m -> {
            columns.add(m);
            return null;
        });
        if (columns.rows() == 0) {
            return exportCsv(resources, otherwise, events, outDir);
        }
        return export(outDir, resources, events, columns.fields(), csv -> metricsOf.metrics(m -> {
            csv.add(m);
            return null;
        }));
    }

    /** As {@link #exportCsv(RunDirectoryReader, Path)}, from series already read (or merged). */
    public static List<Path> exportCsv(List<ResourceSample> resources, List<IntervalMetrics> metrics,
                                       List<RunEvent> events, Path outDir) {
        MetricColumns columns = new MetricColumns();
        metrics.forEach(columns::add);
        return export(outDir, resources, events, columns.fields(), csv -> metrics.forEach(csv::add));
    }

    private static List<Path> export(Path outDir, List<ResourceSample> resources, List<RunEvent> events,
                                     List<Field<IntervalMetrics>> metricFields,
                                     Consumer<CsvRows<IntervalMetrics>> metricRows) {
        try {
            Files.createDirectories(outDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + outDir + ": " + e.getMessage(), e);
        }
        Path resourcesCsv = outDir.resolve("resources.csv");
        try (CsvRows<ResourceSample> csv = new CsvRows<>(resourcesCsv, resourceFields())) {
            resources.forEach(csv::add);
        }
        Path metricsCsv = outDir.resolve("metrics.csv");
        try (CsvRows<IntervalMetrics> csv = new CsvRows<>(metricsCsv, metricFields)) {
            metricRows.accept(csv);
        }
        Path eventsCsv = outDir.resolve("events.csv");
        try (CsvRows<RunEvent> csv = new CsvRows<>(eventsCsv, eventFields())) {
            events.forEach(csv::add);
        }
        return List.of(resourcesCsv, metricsCsv, eventsCsv);
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

    static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
