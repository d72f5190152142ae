package dev.soak.monitor;

import dev.soak.tls.TlsTrust;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A parser for the Prometheus text exposition format (version 0.0.4), and a small fetcher for it.
 *
 * <p>Handles {@code # HELP} (with {@code \\} and {@code \n} escapes) and {@code # TYPE} lines,
 * other comments, blank lines, label sets with escaped quotes, backslashes and newlines in values,
 * a trailing comma in a label set, the values {@code NaN}, {@code +Inf}, {@code -Inf}, optional
 * millisecond timestamps, and histogram/summary series ({@code _bucket} with {@code le},
 * {@code _sum}, {@code _count}, quantiles). Example: the line
 * {@code http_seconds_bucket{path="/a\"b",le="+Inf"} 7 1700000000000} becomes a sample named
 * {@code http_seconds_bucket} with labels {@code path = /a"b}, {@code le = +Inf}, value 7 and
 * timestamp 1700000000000 ms, in family {@code http_seconds}. A malformed line is skipped and
 * counted ({@link PrometheusExposition#skippedLines()}), because a monitor should not stop on one
 * bad metric. Stateless and thread-safe.
 */
public final class PrometheusText {

    private PrometheusText() {
    }

    /** Parses exposition text. */
    public static PrometheusExposition parse(String text) {
        List<PrometheusSample> samples = new ArrayList<>();
        Map<String, String> types = new LinkedHashMap<>();
        Map<String, String> help = new LinkedHashMap<>();
        int skipped = 0;
        for (String raw : text.split("\n")) {
            String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
            String trimmed = line.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (trimmed.startsWith("#")) {
                String[] parts = trimmed.substring(1).strip().split("\\s+", 3);
                if (parts.length >= 2 && parts[0].equals("TYPE")) {
                    types.put(parts[1], parts.length == 3 ? parts[2].strip().toLowerCase(Locale.ROOT) : "untyped");
                } else if (parts.length >= 2 && parts[0].equals("HELP")) {
                    help.put(parts[1], parts.length == 3 ? unescapeHelp(parts[2]) : "");
                }
                continue;
            }
            PrometheusSample s = parseSample(trimmed);
            if (s == null) {
                skipped++;
            } else {
                samples.add(s);
            }
        }
        return new PrometheusExposition(samples, types, help, skipped);
    }

    /**
     * Fetches and parses {@code url} with a plain {@link HttpURLConnection} (one request per poll,
     * at most a few a minute, so the JDK client is fine here).
     *
     * @throws IOException on a connection error, a timeout or a status other than 200
     */
    public static PrometheusExposition fetch(URI url, Duration timeout) throws IOException {
        return fetch(url, timeout, TlsTrust.DEFAULT);
    }

    /**
     * As {@link #fetch(URI, Duration)}; an https {@code url} is checked as {@code tls} says (the
     * scenario's {@code [target] tls_ca_file} / {@code tls_insecure}, like the load driver).
     */
    public static PrometheusExposition fetch(URI url, Duration timeout, TlsTrust tls) throws IOException {
        return fetch(url, timeout, tls, Map.of());
    }

    /**
     * As {@link #fetch(URI, Duration, TlsTrust)}, sending {@code headers} too (the scenario's {@code [target]
     * metrics_headers}, e.g. the {@code Authorization} a secured actuator asks for). A 401 or 403 says so.
     */
    public static PrometheusExposition fetch(URI url, Duration timeout, TlsTrust tls, Map<String, String> headers)
            throws IOException {
        HttpURLConnection c = tls.open(url);
        try {
            c.setConnectTimeout((int) Math.max(1, timeout.toMillis()));
            c.setReadTimeout((int) Math.max(1, timeout.toMillis()));
            c.setRequestProperty("Accept", "text/plain;version=0.0.4");
            headers.forEach(c::setRequestProperty);
            int status = c.getResponseCode();
            if (status == 401 || status == 403) {
                throw new IOException("GET " + url + " returned HTTP " + status + (headers.isEmpty()
                        ? ": the metrics need credentials; send them with [target] metrics_headers, e.g. metrics_headers"
                        + " = { Authorization = \"Bearer {{env:METRICS_TOKEN}}\" }"
                        : ": the credentials of [target] metrics_headers (" + String.join(", ", headers.keySet())
                        + ") were refused"));
            }
            if (status != 200) {
                throw new IOException("GET " + url + " returned HTTP " + status + ", expected 200 with Prometheus text");
            }
            try (InputStream in = c.getInputStream()) {
                return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } finally {
            c.disconnect();
        }
    }

    /** One sample line, or {@code null} when malformed. */
    static PrometheusSample parseSample(String line) {
        int i = 0;
        int n = line.length();
        while (i < n && isNameChar(line.charAt(i), i == 0)) {
            i++;
        }
        if (i == 0) {
            return null;
        }
        String name = line.substring(0, i);
        Map<String, String> labels = new LinkedHashMap<>();
        i = skipSpaces(line, i);
        if (i < n && line.charAt(i) == '{') {
            i++;
            while (true) {
                i = skipSpaces(line, i);
                if (i < n && line.charAt(i) == '}') {
                    i++;
                    break;
                }
                int start = i;
                while (i < n && isNameChar(line.charAt(i), i == start)) {
                    i++;
                }
                if (i == start) {
                    return null;
                }
                String label = line.substring(start, i);
                i = skipSpaces(line, i);
                if (i >= n || line.charAt(i) != '=') {
                    return null;
                }
                i = skipSpaces(line, i + 1);
                if (i >= n || line.charAt(i) != '"') {
                    return null;
                }
                i++;
                StringBuilder value = new StringBuilder();
                boolean closed = false;
                while (i < n) {
                    char c = line.charAt(i++);
                    if (c == '\\' && i < n) {
                        char e = line.charAt(i++);
                        value.append(e == 'n' ? '\n' : e);
                    } else if (c == '"') {
                        closed = true;
                        break;
                    } else {
                        value.append(c);
                    }
                }
                if (!closed) {
                    return null;
                }
                labels.put(label, value.toString());
                i = skipSpaces(line, i);
                if (i < n && line.charAt(i) == ',') {
                    i++;
                } else if (i < n && line.charAt(i) == '}') {
                    i++;
                    break;
                } else {
                    return null;
                }
            }
        }
        String[] rest = line.substring(i).strip().split("\\s+");
        if (rest.length < 1 || rest.length > 2 || rest[0].isEmpty()) {
            return null;
        }
        double value = parseValue(rest[0]);
        if (Double.isNaN(value) && !rest[0].equalsIgnoreCase("nan")) {
            return null;
        }
        OptionalLong ts = OptionalLong.empty();
        if (rest.length == 2) {
            try {
                ts = OptionalLong.of(Long.parseLong(rest[1]));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return new PrometheusSample(name, labels, value, ts);
    }

    /** A Prometheus float: decimal or exponent notation, {@code NaN}, {@code +Inf}, {@code -Inf}, {@code Inf}. */
    static double parseValue(String s) {
        switch (s.toLowerCase(Locale.ROOT)) {
            case "nan":
                return Double.NaN;
            case "+inf":
            case "inf":
                return Double.POSITIVE_INFINITY;
            case "-inf":
                return Double.NEGATIVE_INFINITY;
            default:
                try {
                    return Double.parseDouble(s);
                } catch (NumberFormatException e) {
                    return Double.NaN;
                }
        }
    }

    private static String unescapeHelp(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char e = s.charAt(++i);
                b.append(e == 'n' ? '\n' : e);
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static int skipSpaces(String s, int i) {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    private static boolean isNameChar(char c, boolean first) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':'
                || (!first && c >= '0' && c <= '9');
    }
}
