package dev.soak.reference;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * JSON in and out for the reference server: streaming parsing of the request shapes (embeddings go
 * straight into {@code float[]}, no boxing) and writing of response maps. Malformed input becomes an
 * {@link ApiError} 400 {@code invalid_json} naming what was wrong.
 *
 * <p>Thread-safe (stateless; Jackson's factory and mapper are thread-safe).
 */
final class JsonIo {
    /**
     * {@code USE_FAST_DOUBLE_PARSER}: numbers are parsed from the parser's own character buffer
     * (FastDoubleParser, correctly rounded like {@link Float#parseFloat}) instead of through a
     * {@code String} and {@code FloatingDecimal}'s buffers per number — a 768-dimension embedding
     * otherwise allocates ~800 short-lived objects per request.
     */
    static final ObjectMapper MAPPER = JsonMapper.builder().enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER).build();
    private static final JsonFactory FACTORY = MAPPER.getFactory();
    private static final int MAX_DIM = 65_536;

    private JsonIo() {
    }

    /** A remember request. {@code embedding} is null when absent. */
    record Remember(String id, String content, float[] embedding, float confidence, String space) {
    }

    /** A completion request: the partial embedding ({@code known[i]} false where it was null). */
    record Complete(Map<String, String> knownFields, float[] values, boolean[] known, double cueStrength,
                    double ca1Threshold, String space) {
    }

    /** {@link #parseRemember(byte[], int)} with no size hint. */
    static Remember parseRemember(byte[] body) {
        return parseRemember(body, 0);
    }

    /** Parses a remember body; {@code dimHint} (0 = unknown) sizes the embedding array up front. */
    static Remember parseRemember(byte[] body, int dimHint) {
        String id = null;
        String content = null;
        float[] embedding = null;
        float confidence = 0.7f;
        String space = null;
        try (JsonParser p = FACTORY.createParser(body)) {
            expectObject(p);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                switch (name) {
                    case "id" -> id = string(p, v, name);
                    case "content" -> content = string(p, v, name);
                    case "embedding" -> embedding = v == JsonToken.VALUE_NULL ? null : floats(p, v, name, dimHint);
                    case "confidence" -> confidence = (float) number(p, v, name);
                    case "memory_space_id", "space" -> space = string(p, v, name);
                    default -> p.skipChildren();
                }
            }
            expectEnd(p);
        } catch (IOException e) { // JsonProcessingException included: both are the client's malformed body
            throw invalid(e);
        }
        if (content == null) {
            throw ApiError.badRequest("missing_field", "field 'content' (the text to remember) is missing");
        }
        if (!(confidence >= 0 && confidence <= 1)) {
            throw ApiError.badRequest("invalid_confidence", "confidence = " + confidence
                    + " must be between 0.0 and 1.0");
        }
        return new Remember(id, content, embedding, confidence, space);
    }

    static Complete parseComplete(byte[] body) {
        Map<String, String> known = new LinkedHashMap<>();
        float[] values = new float[0];
        boolean[] mask = new boolean[0];
        double cue = 0.7;
        double ca1 = 0.7;
        String space = null;
        boolean sawEpisode = false;
        try (JsonParser p = FACTORY.createParser(body)) {
            expectObject(p);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                switch (name) {
                    case "memory_space_id" -> space = string(p, v, name);
                    case "partial_episode" -> {
                        sawEpisode = true;
                        if (v != JsonToken.START_OBJECT) {
                            throw ApiError.badRequest("invalid_json", "'partial_episode' must be an object");
                        }
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String f = p.currentName();
                            JsonToken fv = p.nextToken();
                            switch (f) {
                                case "known_fields" -> {
                                    if (fv != JsonToken.START_OBJECT) {
                                        throw ApiError.badRequest("invalid_json", "'known_fields' must be an object of strings");
                                    }
                                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                                        String k = p.currentName();
                                        JsonToken kv = p.nextToken();
                                        known.put(k, kv.isScalarValue() ? p.getValueAsString() : skipped(p));
                                    }
                                }
                                case "partial_embedding" -> {
                                    if (fv != JsonToken.START_ARRAY) {
                                        throw ApiError.badRequest("invalid_json",
                                                "'partial_embedding' must be an array of numbers or nulls");
                                    }
                                    float[] vals = new float[64];
                                    boolean[] m = new boolean[64];
                                    int n = 0;
                                    JsonToken t;
                                    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                                        if (n == vals.length) {
                                            checkLength(n, f);
                                            vals = Arrays.copyOf(vals, n * 2);
                                            m = Arrays.copyOf(m, n * 2);
                                        }
                                        if (t == JsonToken.VALUE_NULL) {
                                            m[n++] = false;
                                        } else if (t.isNumeric()) {
                                            vals[n] = p.getFloatValue();
                                            m[n++] = true;
                                        } else {
                                            throw ApiError.badRequest("invalid_json", "partial_embedding[" + n
                                                    + "] is " + t.asString() + "; each element must be a number or null");
                                        }
                                    }
                                    values = Arrays.copyOf(vals, n);
                                    mask = Arrays.copyOf(m, n);
                                }
                                case "cue_strength" -> cue = number(p, fv, f);
                                default -> p.skipChildren();
                            }
                        }
                    }
                    case "config" -> {
                        if (v == JsonToken.START_OBJECT) {
                            while (p.nextToken() == JsonToken.FIELD_NAME) {
                                String f = p.currentName();
                                JsonToken fv = p.nextToken();
                                if (f.equals("ca1_threshold")) {
                                    ca1 = number(p, fv, f);
                                } else {
                                    p.skipChildren();
                                }
                            }
                        } else {
                            p.skipChildren();
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            expectEnd(p);
        } catch (IOException e) {
            throw invalid(e);
        }
        if (!sawEpisode) {
            throw ApiError.badRequest("missing_field", "field 'partial_episode' is missing");
        }
        if (known.isEmpty() && values.length == 0) {
            throw new ApiError(422, "validation_error", "pattern completion needs known_fields or a "
                    + "partial_embedding; provide at least one");
        }
        if (!(cue >= 0 && cue <= 1)) {
            throw new ApiError(422, "validation_error", "cue_strength = " + cue + " must be between 0.0 and 1.0");
        }
        return new Complete(known, values, mask, cue, ca1, space);
    }

    /** Parses a JSON array of numbers (the recall query's {@code embedding} parameter). */
    static float[] parseEmbedding(String json, String what) {
        return parseEmbedding(json, what, 0);
    }

    /** {@link #parseEmbedding(String, String)}; {@code dimHint} (0 = unknown) sizes the array up front. */
    static float[] parseEmbedding(String json, String what, int dimHint) {
        try (JsonParser p = FACTORY.createParser(json)) {
            float[] out = floats(p, p.nextToken(), what, dimHint);
            expectEnd(p);
            return out;
        } catch (IOException e) {
            throw ApiError.badRequest("invalid_json", what + " is not a JSON array of numbers: "
                    + message(e));
        }
    }

    static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] error(String code, String message) {
        Map<String, Object> err = new LinkedHashMap<>();
        err.put("code", code);
        err.put("message", message);
        return write(Map.of("error", err));
    }

    private static float[] floats(JsonParser p, JsonToken start, String name, int dimHint) throws IOException {
        if (start != JsonToken.START_ARRAY) {
            throw ApiError.badRequest("invalid_json", "'" + name + "' must be an array of numbers, not "
                    + (start == null ? "nothing" : start.asString() == null ? start.name() : start.asString()));
        }
        float[] out = new float[dimHint > 0 && dimHint <= MAX_DIM ? dimHint : 64];
        int n = 0;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == null || !t.isNumeric()) {
                throw ApiError.badRequest("invalid_json", name + "[" + n + "] is "
                        + (t == null ? "missing (unterminated array)" : t.asString() == null ? t.name() : t.asString())
                        + "; every element must be a number");
            }
            if (n == out.length) {
                checkLength(n, name);
                out = Arrays.copyOf(out, Math.max(64, n * 2));
            }
            out[n++] = p.getFloatValue();
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    private static void checkLength(int n, String name) {
        if (n >= MAX_DIM) {
            throw ApiError.badRequest("invalid_embedding_dimension", name + " has more than " + MAX_DIM + " values");
        }
    }

    private static String skipped(JsonParser p) throws IOException {
        p.skipChildren();
        return "";
    }

    private static String string(JsonParser p, JsonToken v, String name) throws IOException {
        if (v != JsonToken.VALUE_STRING) {
            p.skipChildren();
            throw ApiError.badRequest("invalid_json", "'" + name + "' must be a string");
        }
        return p.getText();
    }

    private static double number(JsonParser p, JsonToken v, String name) throws IOException {
        if (v == null || !v.isNumeric()) {
            throw ApiError.badRequest("invalid_json", "'" + name + "' must be a number");
        }
        return p.getDoubleValue();
    }

    private static void expectObject(JsonParser p) throws IOException {
        JsonToken t = p.nextToken();
        if (t != JsonToken.START_OBJECT) {
            throw ApiError.badRequest("invalid_json", "the request body must be a JSON object"
                    + (t == null ? " and it is empty" : ""));
        }
    }

    private static void expectEnd(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.END_OBJECT && p.currentToken() != JsonToken.END_ARRAY) {
            throw ApiError.badRequest("invalid_json", "the JSON ends too early (unterminated object or array)");
        }
        if (p.nextToken() != null) {
            throw ApiError.badRequest("invalid_json", "unexpected content after the JSON value");
        }
    }

    private static ApiError invalid(IOException e) {
        return ApiError.badRequest("invalid_json", "the request body is not valid JSON: " + message(e));
    }

    private static String message(IOException e) {
        String m = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }
}
