package dev.soak.checkpoint;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decodes the records of the run directory's value files, a {@link ResourceSample} ({@code resources.jsonl}) and an
 * {@link IntervalMetrics} ({@code metrics.jsonl}), from a line's bytes or from the same object inside a checkpoint
 * file, with Jackson's streaming parser: no tree is built for a line. A run's reports and live looks read every line
 * of these files, and a week of 1 s load intervals is 600,000 lines of about 3 KB: building each line's tree was most
 * of the reading time (the thirty-fifth session's measurements in docs/calibration.md), and a {@code per_operation}
 * object not asked for is now only scanned.
 *
 * <p>Field by field: a number field that is absent or not a JSON number reads as NaN (a count as 0, a fractional count
 * truncated as {@link com.fasterxml.jackson.databind.JsonNode#longValue()} does); when a key is repeated the last value
 * counts (so a repeated {@code per_operation} or {@code errors_by_class} object replaces the earlier one, and an
 * operation or error class whose last value is not an object or a number is dropped); a record that is not valid JSON
 * up to the end of its object, is not an object, or has no numeric {@code t_sec} (a checkpoint's may take the
 * checkpoint's time instead), is rejected with an {@link IllegalArgumentException}. Anything after the object is
 * ignored, as {@code ObjectMapper.readTree} does by default. These are the rules of the tree decoders it replaced
 * ({@code RecordDecoderTest} compares the two).
 *
 * <p>Stateless and thread-safe.
 */
final class RecordDecoder {
    private static final JsonFactory JSON = JsonFactory.builder().enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER).build();

    /** A resource field's name → its place in {@link RunJson#RESOURCE_FIELDS}. */
    private static final Map<String, Integer> RESOURCE_FIELDS = Map.copyOf(places(RunJson.RESOURCE_FIELDS, ""));
    /** A latency field's name → its place in {@link RunJson#LATENCY_FIELDS}, after them the uncorrected ones'. */
    private static final Map<String, Integer> LATENCY_FIELDS = latencyPlaces();

    private RecordDecoder() {
    }

    private static Map<String, Integer> places(String[] names, String prefix) {
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < names.length; i++) {
            m.put(prefix + names[i], i);
        }
        return m;
    }

    private static Map<String, Integer> latencyPlaces() {
        Map<String, Integer> m = places(RunJson.LATENCY_FIELDS, "");
        places(RunJson.LATENCY_FIELDS, RunJson.UNCORRECTED).forEach((name, i) -> m.put(name, RunJson.LATENCY_FIELDS.length + i));
        return Map.copyOf(m);
    }

    /** What reads the fields of one object from a parser standing on its first field. */
    private interface Fields<T> {
        T read(JsonParser p, TSec t) throws IOException;
    }

    /** A {@code resources.jsonl} line; its {@code t_sec} is required. */
    static ResourceSample resources(String line) {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        return resources(b, 0, b.length);
    }

    /** A {@code resources.jsonl} line, its UTF-8 bytes {@code line[offset, offset + length)}. */
    static ResourceSample resources(byte[] line, int offset, int length) {
        return decode(bytes(line, offset, length), Double.NaN, RecordDecoder::resources);
    }

    /** A checkpoint's {@code resources} object; without a {@code t_sec} it is at {@code defaultTSec}. */
    static ResourceSample resources(com.fasterxml.jackson.databind.JsonNode node, double defaultTSec) {
        return decode(node.traverse(), defaultTSec, RecordDecoder::resources);
    }

    /**
     * A {@code metrics.jsonl} line; its {@code t_sec} is required. With {@code detail} false, its totals only: no
     * {@code per_operation} and an empty {@code errors_by_class} ({@link IntervalMetrics#totals()}).
     */
    static IntervalMetrics metrics(String line, boolean detail) {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        return metrics(b, 0, b.length, detail);
    }

    /**
     * A {@code metrics.jsonl} line, its UTF-8 bytes {@code line[offset, offset + length)}; see
     * {@link #metrics(String, boolean)}.
     */
    static IntervalMetrics metrics(byte[] line, int offset, int length, boolean detail) {
        return decode(bytes(line, offset, length), Double.NaN, (p, t) -> metrics(p, t, detail));
    }

    /** A checkpoint's {@code metrics} object, whole; without a {@code t_sec} it ends at {@code defaultTSec}. */
    static IntervalMetrics metrics(com.fasterxml.jackson.databind.JsonNode node, double defaultTSec) {
        return decode(node.traverse(), defaultTSec, (p, t) -> metrics(p, t, true));
    }

    private static JsonParser bytes(byte[] line, int offset, int length) {
        try {
            return JSON.createParser(line, offset, length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The object {@code p} starts with, read by {@code fields}; {@code defaultTSec} NaN: its {@code t_sec} is required. */
    private static <T> T decode(JsonParser parser, double defaultTSec, Fields<T> fields) {
        try (JsonParser p = parser) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not a JSON object");
            }
            return fields.read(p, new TSec(defaultTSec));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ResourceSample resources(JsonParser p, TSec t) throws IOException {
        double[] v = new double[RunJson.RESOURCE_FIELDS.length];
        Arrays.fill(v, Double.NaN);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            if (name.equals("t_sec")) {
                t.read(p);
                continue;
            }
            Integer i = RESOURCE_FIELDS.get(name);
            if (i != null) {
                v[i] = number(p);
            } else {
                p.skipChildren();
            }
        }
        return new ResourceSample(t.value(), v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10],
            v[11], v[12]);
    }

    private static IntervalMetrics metrics(JsonParser p, TSec t, boolean detail) throws IOException {
        double intervalSec = Double.NaN;
        long late = 0;
        long dropped = 0;
        double driverPauseMs = Double.NaN;
        Operation all = new Operation();
        Map<String, OperationMetrics> perOperation = Map.of();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            switch (name) {
                case "t_sec" -> t.read(p);
                case "interval_sec" -> intervalSec = number(p);
                case "late" -> late = count(p);
                case "dropped" -> dropped = count(p);
                case "driver_pause_ms" -> driverPauseMs = number(p);
                case "per_operation" -> perOperation = detail ? operations(p) : skip(p, Map.of());
                default -> all.field(name, p, detail);
            }
        }
        return new IntervalMetrics(t.value(), intervalSec, all.metrics(), late, dropped, perOperation, driverPauseMs);
    }

    /** {@code per_operation}: each entry whose value is an object (a later entry of the same name replaces it). */
    private static Map<String, OperationMetrics> operations(JsonParser p) throws IOException {
        Map<String, OperationMetrics> per = new LinkedHashMap<>();
        if (p.currentToken() != JsonToken.START_OBJECT) {
            return skip(p, per);
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            if (p.nextToken() == JsonToken.START_OBJECT) {
                Operation op = new Operation();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    p.nextToken();
                    op.field(field, p, true);
                }
                per.put(name, op.metrics());
            } else {
                per.remove(name);
                p.skipChildren();
            }
        }
        return per;
    }

    private static <T> T skip(JsonParser p, T value) throws IOException {
        p.skipChildren();
        return value;
    }

    private static boolean isNumber(JsonToken token) {
        return token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT;
    }

    /** A number field's value: NaN unless the current token is a number (an object or array is skipped). */
    private static double number(JsonParser p) throws IOException {
        if (isNumber(p.currentToken())) {
            return p.getDoubleValue();
        }
        p.skipChildren();
        return Double.NaN;
    }

    /** A count field's value: 0 unless the current token is a number; a fraction is truncated. */
    private static long count(JsonParser p) throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_NUMBER_INT) {
            return p.getNumberValue().longValue();
        }
        if (token == JsonToken.VALUE_NUMBER_FLOAT) {
            return (long) p.getDoubleValue();
        }
        p.skipChildren();
        return 0;
    }

    /**
     * A record's {@code t_sec}: its last value must be a number, unless it has none and a default stands in (a
     * checkpoint's time).
     */
    private static final class TSec {
        private final double defaultSec;
        private double value = Double.NaN;
        private boolean seen;
        private boolean present;

        TSec(double defaultSec) {
            this.defaultSec = defaultSec;
        }

        void read(JsonParser p) throws IOException {
            seen = true;
            present = isNumber(p.currentToken());
            value = number(p);
        }

        double value() {
            if (!seen && !Double.isNaN(defaultSec)) {
                return defaultSec;
            }
            if (!present) {
                throw new IllegalArgumentException("missing number \"t_sec\"");
            }
            return value;
        }
    }

    /** The fields shared by a metrics line's top level and each of its {@code per_operation} entries, as read. */
    private static final class Operation {
        private long ops;
        private long errors;
        private Map<String, Long> errorsByClass = Map.of();
        private double intendedRate = Double.NaN;
        private double achievedRate = Double.NaN;
        private final double[] latency = nan(RunJson.LATENCY_FIELDS.length);
        private final double[] uncorrected = nan(RunJson.LATENCY_FIELDS.length);

        private static double[] nan(int n) {
            double[] v = new double[n];
            Arrays.fill(v, Double.NaN);
            return v;
        }

        /** Reads field {@code name} (its value is the current token), skipping it when it is not one of these. */
        void field(String name, JsonParser p, boolean errorClasses) throws IOException {
            switch (name) {
                case "ops" -> ops = count(p);
                case "errors" -> errors = count(p);
                case "intended_rate" -> intendedRate = number(p);
                case "achieved_rate" -> achievedRate = number(p);
                case "errors_by_class" -> errorsByClass = errorClasses ? errorClasses(p) : skip(p, Map.of());
                default -> {
                    Integer i = LATENCY_FIELDS.get(name);
                    if (i == null) {
                        p.skipChildren();
                    } else if (i < latency.length) {
                        latency[i] = number(p);
                    } else {
                        uncorrected[i - latency.length] = number(p);
                    }
                }
            }
        }

        private static Map<String, Long> errorClasses(JsonParser p) throws IOException {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                return skip(p, Map.of());
            }
            ErrorCounts counts = ErrorCounts.ofThisThread();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                if (isNumber(p.nextToken())) {
                    counts.put(name, count(p));
                } else {
                    counts.remove(name);
                    p.skipChildren();
                }
            }
            return counts.map();
        }

        OperationMetrics metrics() {
            return new OperationMetrics(ops, errors, errorsByClass, intendedRate, achievedRate,
                new LatencySummary(latency[0], latency[1], latency[2], latency[3], latency[4], latency[5]),
                new LatencySummary(uncorrected[0], uncorrected[1], uncorrected[2], uncorrected[3], uncorrected[4],
                    uncorrected[5]));
        }
    }
}
