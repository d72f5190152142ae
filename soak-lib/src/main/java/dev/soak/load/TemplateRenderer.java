package dev.soak.load;

import dev.soak.scenario.HttpRequestTemplate;
import dev.soak.scenario.TemplateText;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An {@code [[operations.request]]} template compiled once into literal byte segments and
 * placeholders, then rendered per request without parsing or string building:
 * {@code {{uuid}}} (random version-4 UUID), {@code {{seq}}} (the run's operation sequence
 * number), {@code {{randInt:LO:HI}}} (uniform, inclusive), {@code {{embedding}}} (a JSON array
 * from the embedding pool, URL-encoded when it is in the path), {@code {{env:NAME}}} (the variable's value,
 * read once here). The syntax is {@link TemplateText}'s. Immutable; safe to share.
 */
final class TemplateRenderer implements RequestRenderer {
    private static final int LITERAL = 0, UUID = 1, SEQ = 2, RAND_INT = 3, EMBEDDING = 4;

    private final byte[] method;
    private final Part[] path;
    private final Part[] body;
    private final byte[] hostHeader;
    private final byte[][] headerNames;
    private final Part[][] headerValues;
    private final boolean hasBody;
    private final boolean[] expectStatus = new boolean[1000];
    private final boolean any2xx;
    private final EmbeddingPool embeddings;
    private final Map<String, String> redactions = new HashMap<>();

    private record Part(int kind, byte[] literal, long lo, long hi, boolean urlEncoded) {
    }

    TemplateRenderer(HttpRequestTemplate t, String hostHeaderValue, EmbeddingPool embeddings) {
        this.method = t.method().getBytes(StandardCharsets.US_ASCII);
        this.path = compile(t, "path", t.path(), true, redactions);
        this.body = compile(t, "body", t.body(), false, redactions);
        this.hasBody = !t.body().isEmpty() || t.method().equals("POST") || t.method().equals("PUT")
                || t.method().equals("PATCH");
        this.hostHeader = ("Host: " + hostHeaderValue + "\r\n").getBytes(StandardCharsets.US_ASCII);
        this.headerNames = new byte[t.headers().size()][];
        this.headerValues = new Part[t.headers().size()][];
        int i = 0;
        for (Map.Entry<String, String> h : new java.util.TreeMap<>(t.headers()).entrySet()) {
            headerNames[i] = (h.getKey() + ": ").getBytes(StandardCharsets.US_ASCII);
            headerValues[i] = compile(t, "headers." + h.getKey(), h.getValue(), false, redactions);
            i++;
        }
        for (int code : t.expectStatus()) {
            if (code < 100 || code > 999) {
                throw new IllegalArgumentException("[[operations.request]] name = \"" + t.name()
                        + "\": expect_status holds " + code + "; status codes are 100..999");
            }
            expectStatus[code] = true;
        }
        this.any2xx = t.expectStatus().isEmpty();
        this.embeddings = embeddings;
    }

    private static Part[] compile(HttpRequestTemplate t, String key, String text, boolean inPath,
                                  Map<String, String> redactions) {
        List<TemplateText.Segment> segments;
        try {
            segments = TemplateText.parse(text);
        } catch (TemplateText.Malformed e) {
            throw bad(t, key, e.getMessage() + "; allowed placeholders are " + TemplateText.ALLOWED);
        }
        List<Part> parts = new ArrayList<>(segments.size());
        for (TemplateText.Segment s : segments) {
            parts.add(switch (s.kind()) {
                case LITERAL -> literal(s.text());
                case UUID -> new Part(UUID, null, 0, 0, false);
                case SEQ -> new Part(SEQ, null, 0, 0, false);
                case RAND_INT -> new Part(RAND_INT, null, s.lo(), s.hi(), false);
                case EMBEDDING -> new Part(EMBEDDING, null, 0, 0, inPath);
                case ENV -> {
                    String value = System.getenv(s.text());
                    if (value == null) {
                        throw bad(t, key, "{{env:" + s.text() + "}}, but the environment variable " + s.text()
                                + " is not set; export it in the shell that runs Soak");
                    }
                    if (!value.isEmpty()) {
                        redactions.put(value, "{{env:" + s.text() + "}}");
                    }
                    yield literal(value);
                }
            });
        }
        return parts.toArray(new Part[0]);
    }

    private static Part literal(String s) {
        return new Part(LITERAL, s.getBytes(StandardCharsets.UTF_8), 0, 0, false);
    }

    private static IllegalArgumentException bad(HttpRequestTemplate t, String key, String what) {
        return new IllegalArgumentException("[[operations.request]] name = \"" + t.name() + "\": " + key + " holds " + what);
    }

    private void renderParts(Part[] parts, long seq, SplitMix64 rng, ByteBuilder out) {
        for (Part p : parts) {
            switch (p.kind) {
                case LITERAL -> out.append(p.literal);
                case UUID -> out.appendUuid(rng);
                case SEQ -> out.appendLong(seq);
                case RAND_INT -> out.appendLong(rng.nextLong(p.lo, p.hi));
                default -> {
                    int i = rng.nextInt(embeddings.size());
                    out.append(p.urlEncoded ? embeddings.urlEncoded(i) : embeddings.json(i));
                }
            }
        }
    }

    @Override
    public void render(long seq, SplitMix64 rng, ByteBuilder scratch, ByteBuilder out) {
        // the target goes into the front of scratch and the body after it
        scratch.clear();
        renderParts(path, seq, rng, scratch);
        int targetLen = scratch.length();
        renderParts(body, seq, rng, scratch);
        int bodyLen = scratch.length() - targetLen;
        out.clear();
        out.append(method).appendByte(' ').append(scratch.array(), 0, targetLen).appendAscii(" HTTP/1.1\r\n")
                .append(hostHeader);
        for (int i = 0; i < headerNames.length; i++) {
            out.append(headerNames[i]);
            renderParts(headerValues[i], seq, rng, out);
            out.appendAscii("\r\n");
        }
        if (hasBody) {
            out.appendAscii("Content-Length: ").appendLong(bodyLen).appendAscii("\r\n\r\n")
                    .append(scratch.array(), targetLen, bodyLen);
        } else {
            out.appendAscii("\r\n");
        }
    }

    @Override
    public Map<String, String> redactions() {
        return Map.copyOf(redactions);
    }

    @Override
    public boolean head() {
        return method.length == 4 && method[0] == 'H' && method[1] == 'E' && method[2] == 'A' && method[3] == 'D';
    }

    @Override
    public boolean expected(int status) {
        return any2xx ? status >= 200 && status < 300 : status >= 100 && status < 1000 && expectStatus[status];
    }
}
