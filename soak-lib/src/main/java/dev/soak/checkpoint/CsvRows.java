package dev.soak.checkpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A CSV file written a row at a time, in the format of {@link RunTables#writeCsv(tech.tablesaw.api.Table, Path)}
 * (a header of the fields' names; numbers formatted independently of the locale; a value not measured, NaN, as an
 * empty field; text quoted as RFC 4180 asks): a table too large to hold is written as it is read, and without
 * Tablesaw (whose first table scans the class path on four threads). Not thread-safe.
 *
 * @param <T> the row
 */
final class CsvRows<T> implements AutoCloseable {
    private final Path file;
    private final Writer out;
    private final List<RunTables.Field<T>> fields;
    private final StringBuilder line = new StringBuilder();

    /** Creates (or truncates) {@code file} and writes the header. */
    CsvRows(Path file, List<RunTables.Field<T>> fields) {
        this.file = file;
        this.fields = List.copyOf(fields);
        try {
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw failed(e);
        }
        for (int c = 0; c < this.fields.size(); c++) {
            line.append(c == 0 ? "" : ",").append(RunTables.quote(this.fields.get(c).name()));
        }
        write();
    }

    /** Writes {@code row}. */
    void add(T row) {
        for (int c = 0; c < fields.size(); c++) {
            if (c > 0) {
                line.append(',');
            }
            RunTables.Field<T> f = fields.get(c);
            if (f.text() == null) {
                line.append(RunTables.number(f.value().applyAsDouble(row)));
            } else {
                String text = f.text().apply(row);
                line.append(text == null ? "" : RunTables.quote(text));
            }
        }
        write();
    }

    private void write() {
        try {
            out.write(line.append('\n').toString());
        } catch (IOException e) {
            throw failed(e);
        }
        line.setLength(0);
    }

    private UncheckedIOException failed(IOException e) {
        return new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw failed(e);
        }
    }
}
