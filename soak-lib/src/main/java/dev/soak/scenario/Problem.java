package dev.soak.scenario;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * One thing wrong with a scenario: where it is, what was written, what is allowed and how to fix it.
 *
 * <p>Example ({@link #message()}):
 * <pre>
 * bad.toml: [soak] warmup_sec = 1800 must be less than the run's wall length, 1200 s
 * ([duration] total_seconds / [soak] time_scale). Fix: lower warmup_sec or raise total_seconds.
 * </pre>
 * Immutable and thread-safe.
 *
 * @param source   the file (as given) or another origin such as {@code "ScenarioBuilder"}
 * @param keyPath  the key as a reader finds it in the file, e.g. {@code [soak] warmup_sec},
 *                 {@code name}, {@code [[operations.request]] #2 path}; empty for file-level problems
 * @param value    the offending value as written (TOML-ish), empty when there is none (missing key)
 * @param allowed  what is allowed, or what is wrong, as one clause
 * @param hint     how to fix it, one sentence; may be empty
 * @param line     1-based line for a TOML syntax error, otherwise empty
 * @param column   1-based column for a TOML syntax error, otherwise empty
 */
public record Problem(String source, String keyPath, String value, String allowed, String hint,
                      OptionalInt line, OptionalInt column) {

    public Problem {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(keyPath, "keyPath");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(allowed, "allowed");
        Objects.requireNonNull(hint, "hint");
        Objects.requireNonNull(line, "line");
        Objects.requireNonNull(column, "column");
    }

    /** A problem with a key (no line/column). */
    public static Problem at(String source, String keyPath, String value, String allowed, String hint) {
        return new Problem(source, keyPath, value, allowed, hint, OptionalInt.empty(), OptionalInt.empty());
    }

    /**
     * One paragraph: {@code source[:line:column]: key = value: allowed. Fix: hint}.
     */
    public String message() {
        StringBuilder b = new StringBuilder(source);
        if (line.isPresent()) {
            b.append(':').append(line.getAsInt());
            if (column.isPresent()) {
                b.append(':').append(column.getAsInt());
            }
        }
        b.append(": ");
        if (!keyPath.isEmpty()) {
            b.append(keyPath);
            if (!value.isEmpty()) {
                b.append(" = ").append(value);
            }
            b.append(' ');
        }
        b.append(allowed);
        if (!hint.isEmpty()) {
            b.append(". ").append(hint);
        }
        if (b.charAt(b.length() - 1) != '.' && b.charAt(b.length() - 1) != '?') {
            b.append('.');
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return message();
    }
}
