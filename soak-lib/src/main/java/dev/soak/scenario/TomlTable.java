package dev.soak.scenario;

import static dev.soak.scenario.Problems.num;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One TOML table of a scenario file with typed, problem-reporting access: a value of the wrong
 * type is reported (file, key, value, expected type) and read as absent, so that loading goes on
 * and every problem of the file is found in one pass. Not thread-safe; one per table per load.
 */
final class TomlTable {
    final String section;
    final ObjectNode node;
    final Problems problems;
    private final String displayPrefix;

    TomlTable(String section, ObjectNode node, Problems problems) {
        this(section, node, problems, null);
    }

    /** {@code displayPrefix} replaces {@code [section]} in key paths, e.g. {@code [[operations.request]] #2}. */
    TomlTable(String section, ObjectNode node, Problems problems, String displayPrefix) {
        this.section = section;
        this.node = node;
        this.problems = problems;
        this.displayPrefix = displayPrefix;
    }

    String key(String key) {
        return displayPrefix != null ? displayPrefix + " " + key : Problems.key(section, key);
    }

    boolean has(String key) {
        return node.has(key);
    }

    /** A number, or null when absent or not a number (reported). */
    Double number(String key, String what) {
        JsonNode v = node.get(key);
        if (v == null) {
            return null;
        }
        if (!v.isNumber()) {
            typeError(key, v, "must be " + what, "Fix: write a plain number without quotes, e.g. " + key + " = 10");
            return null;
        }
        return v.doubleValue();
    }

    double number(String key, String what, double dflt) {
        Double v = number(key, what);
        return v == null ? dflt : v;
    }

    /** A whole number, or null when absent or not whole (reported). */
    Long whole(String key, String what) {
        JsonNode v = node.get(key);
        if (v == null) {
            return null;
        }
        if (!v.isNumber() || !(v.canConvertToLong() && (v.isIntegralNumber() || v.doubleValue() == Math.rint(v.doubleValue())))) {
            typeError(key, v, "must be " + what, "Fix: write a whole number without quotes or decimals, e.g. " + key + " = 10");
            return null;
        }
        return v.longValue();
    }

    /** A whole number that fits an int. */
    Integer wholeInt(String key, String what) {
        Long v = whole(key, what);
        if (v != null && (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE)) {
            problems.add(key(key), Long.toString(v), "must be " + what, "Fix: use a smaller number");
            return null;
        }
        return v == null ? null : v.intValue();
    }

    String string(String key, String what) {
        JsonNode v = node.get(key);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            typeError(key, v, "must be " + what, "Fix: put the text in double quotes, e.g. " + key + " = \"...\"");
            return null;
        }
        return v.textValue();
    }

    Boolean bool(String key) {
        JsonNode v = node.get(key);
        if (v == null) {
            return null;
        }
        if (!v.isBoolean()) {
            typeError(key, v, "must be true or false", "Fix: write true or false without quotes");
            return null;
        }
        return v.booleanValue();
    }

    /** A sub-table (a [section.key] table or an inline table), or null when absent or not a table (reported). */
    TomlTable table(String key) {
        JsonNode v = node.get(key);
        if (v == null) {
            return null;
        }
        String full = section.isEmpty() ? key : section + "." + key;
        if (!v.isObject()) {
            typeError(key, v, "must be a table", "Fix: write [" + full + "] on its own line and its keys below it");
            return null;
        }
        return new TomlTable(full, (ObjectNode) v, problems);
    }

    /**
     * A table of header values ({@code headers}, {@code metrics_headers}): each name with its text, in file order;
     * empty when absent. A value that is not text is reported with {@code fix}.
     */
    Map<String, String> headerTable(String key, String fix) {
        Map<String, String> out = new LinkedHashMap<>();
        TomlTable h = table(key);
        if (h != null) {
            h.node.fields().forEachRemaining(e -> {
                if (e.getValue().isTextual()) {
                    out.put(e.getKey(), e.getValue().textValue());
                } else {
                    h.typeError(e.getKey(), e.getValue(), "must be text (a header value)", fix);
                }
            });
        }
        return out;
    }

    void typeError(String key, JsonNode v, String allowed, String hint) {
        problems.add(key(key), render(v), allowed, hint);
    }

    /**
     * Reports every key not in {@code allowed}, with the closest known key. {@code context}, when
     * not empty, replaces the generic "is not a known key of [section]" clause.
     */
    void rejectUnknown(List<String> allowed, String context, List<String> preferred) {
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String k = e.getKey();
            if (allowed.contains(k)) {
                continue;
            }
            boolean isTable = e.getValue().isObject();
            String shown = isTable ? "[" + (section.isEmpty() ? k : section + "." + k) + "]" : key(k);
            String clause = !context.isEmpty() ? context
                    : section.isEmpty() ? "is not a known key" : "is not a known key of [" + section + "]";
            Optional<String> near = preferred.isEmpty() ? Optional.empty() : KeySchema.closest(k, preferred).map(c -> Problems.key(section, c));
            if (near.isEmpty() && !preferred.isEmpty() && preferred.size() == 1 && !context.isEmpty()) {
                near = Optional.of(Problems.key(section, preferred.get(0)));
            }
            if (near.isEmpty()) {
                near = KeySchema.suggest(section, k);
            }
            String hint = near.map(n -> "Did you mean `" + n + "`?")
                    .orElse("Known keys here: " + String.join(", ", allowed));
            problems.add(shown, isTable ? "" : render(e.getValue()), clause, hint);
        }
    }

    /** Renders a value roughly as TOML: strings quoted, arrays in brackets, tables in braces. */
    static String render(JsonNode v) {
        if (v.isTextual()) {
            return Problems.quote(v.textValue());
        }
        if (v.isNumber()) {
            return v.isIntegralNumber() ? v.asText() : num(v.doubleValue());
        }
        if (v.isArray()) {
            List<String> parts = new ArrayList<>();
            v.forEach(x -> parts.add(render(x)));
            return "[" + String.join(", ", parts) + "]";
        }
        if (v.isObject()) {
            List<String> parts = new ArrayList<>();
            v.fields().forEachRemaining(e -> parts.add(e.getKey() + " = " + render(e.getValue())));
            return "{ " + String.join(", ", parts) + " }";
        }
        return v.asText();
    }
}
