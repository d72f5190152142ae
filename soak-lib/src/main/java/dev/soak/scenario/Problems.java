package dev.soak.scenario;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the {@link Problem}s of one scenario so that all of them are reported together.
 * Not thread-safe: one instance per load or build.
 */
final class Problems {
    private final String source;
    private final List<Problem> list = new ArrayList<>();

    Problems(String source) {
        this.source = source;
    }

    String source() {
        return source;
    }

    void add(String keyPath, String value, String allowed, String hint) {
        list.add(Problem.at(source, keyPath, value, allowed, hint));
    }

    void add(Problem p) {
        list.add(p);
    }

    /** True when a problem was already reported for this key path or anything under it. */
    boolean reported(String keyPathPrefix) {
        for (Problem p : list) {
            if (p.keyPath().startsWith(keyPathPrefix)) {
                return true;
            }
        }
        return false;
    }

    boolean isEmpty() {
        return list.isEmpty();
    }

    List<Problem> list() {
        return List.copyOf(list);
    }

    void throwIfAny() {
        if (!list.isEmpty()) {
            throw new ScenarioException(list);
        }
    }

    /** A number as a person would write it in TOML: {@code 5}, {@code 0.25}, {@code -1e+21}, {@code nan}. */
    static String num(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        BigDecimal d = BigDecimal.valueOf(v).stripTrailingZeros();
        return Math.abs(v) >= 1e15 ? d.toString() : d.toPlainString();
    }

    /** A TOML string literal. */
    static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** The key as shown to users: {@code name}, {@code [soak] warmup_sec}. */
    static String key(String section, String key) {
        return section.isEmpty() ? key : "[" + section + "] " + key;
    }
}
